CREATE TABLE "reconciliation_runs" (
	"reconciliation_id" text NOT NULL,
	"number" integer NOT NULL,
	"sync_id" text NOT NULL,
	"directory_built_at" text NOT NULL,
	"ran_by" text NOT NULL,
	"ran_at" text NOT NULL,
	"counts" text NOT NULL,
	"result" text NOT NULL,
	CONSTRAINT "reconciliation_runs_reconciliation_id_number_pk" PRIMARY KEY("reconciliation_id","number")
);
--> statement-breakpoint
CREATE TABLE "reconciliations" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" text NOT NULL,
	"group_id" text NOT NULL,
	"group_name" text NOT NULL,
	"expected_from" text NOT NULL,
	"entries" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"path" text NOT NULL,
	"query" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reconciliation_runs" ADD CONSTRAINT "reconciliation_runs_reconciliation_id_reconciliations_id_fk" FOREIGN KEY ("reconciliation_id") REFERENCES "public"."reconciliations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reconciliations_created" ON "reconciliations" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "saved_views_path" ON "saved_views" USING btree ("path","created_at");