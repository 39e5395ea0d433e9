CREATE TABLE "backups" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"path" text NOT NULL,
	"size_bytes" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"message" text,
	"restore_check" text,
	"restore_check_message" text,
	"pruned_at" timestamp with time zone,
	"actor_id" integer,
	"actor_name" text
);
--> statement-breakpoint
CREATE INDEX "backups_started" ON "backups" USING btree ("started_at");