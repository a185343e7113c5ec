CREATE TABLE "directory_facts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "directory_facts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"hash" text NOT NULL,
	"content" jsonb NOT NULL,
	"from_seq" bigint NOT NULL,
	"to_seq" bigint
);
--> statement-breakpoint
CREATE TABLE "sync_staging" (
	"sync_id" text NOT NULL,
	"kind" text NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"hash" text NOT NULL,
	"content" jsonb NOT NULL,
	CONSTRAINT "sync_staging_sync_id_kind_key_pk" PRIMARY KEY("sync_id","kind","key")
);
--> statement-breakpoint
CREATE TABLE "syncs" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "syncs_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"requested_by" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"holder" text NOT NULL,
	"counts" jsonb,
	"progress" jsonb,
	"upstream_calls" integer DEFAULT 0 NOT NULL,
	"sha256" text,
	"error" jsonb,
	CONSTRAINT "syncs_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "directory_facts_current" ON "directory_facts" USING btree ("kind","key") WHERE "directory_facts"."to_seq" is null;--> statement-breakpoint
CREATE INDEX "directory_facts_from" ON "directory_facts" USING btree ("from_seq");--> statement-breakpoint
CREATE INDEX "directory_facts_to" ON "directory_facts" USING btree ("to_seq");--> statement-breakpoint
CREATE INDEX "directory_facts_kind_scope" ON "directory_facts" USING btree ("kind","scope");--> statement-breakpoint
CREATE UNIQUE INDEX "syncs_one_running" ON "syncs" USING btree ((true)) WHERE "syncs"."status" = 'running';--> statement-breakpoint
CREATE INDEX "syncs_status_seq" ON "syncs" USING btree ("status","seq");