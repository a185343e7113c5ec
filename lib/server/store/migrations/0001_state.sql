CREATE TABLE "audit_chain_head" (
	"id" smallint PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"entries" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_entries" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_entries_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target" text NOT NULL,
	"filters" jsonb NOT NULL,
	"rows" bigint,
	"bytes" bigint,
	"sha256" text,
	"outcome" text NOT NULL,
	"detail" text,
	"sync_id" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_entries_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "legacy_imports" (
	"key" text PRIMARY KEY NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"detail" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seed_list_resolutions" (
	"list_id" text NOT NULL,
	"number" integer NOT NULL,
	"ref" text NOT NULL,
	"resolution" text NOT NULL,
	CONSTRAINT "seed_list_resolutions_list_id_number_pk" PRIMARY KEY("list_id","number")
);
--> statement-breakpoint
CREATE TABLE "seed_lists" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" text NOT NULL,
	"input_summary" text NOT NULL,
	"sources" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_revocations" (
	"sid" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "seed_list_resolutions" ADD CONSTRAINT "seed_list_resolutions_list_id_seed_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."seed_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_entries_at" ON "audit_entries" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_entries_actor" ON "audit_entries" USING btree ("actor");--> statement-breakpoint
CREATE INDEX "audit_entries_action" ON "audit_entries" USING btree ("action");--> statement-breakpoint
CREATE INDEX "seed_lists_created" ON "seed_lists" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "session_revocations_expires" ON "session_revocations" USING btree ("expires_at");