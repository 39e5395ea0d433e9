CREATE TABLE "calendar_days" (
	"date" date PRIMARY KEY NOT NULL,
	"official_working" boolean NOT NULL,
	"official_name" text,
	"source" text NOT NULL,
	"override_working" boolean,
	"override_name" text,
	"working" boolean GENERATED ALWAYS AS (coalesce(override_working, official_working)) STORED NOT NULL,
	"ordinal" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"imported_at" timestamp with time zone,
	"imported_by" integer
);
--> statement-breakpoint
CREATE TABLE "deadlines" (
	"id" serial PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"kind" text NOT NULL,
	"anchor_date" date,
	"anchor_at" timestamp with time zone,
	"rule" jsonb NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deadlines_anchor" CHECK ("deadlines"."anchor_date" is not null or "deadlines"."anchor_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "calendar_years" ADD CONSTRAINT "calendar_years_imported_by_people_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_days_ordinal" ON "calendar_days" USING btree ("ordinal");--> statement-breakpoint
CREATE UNIQUE INDEX "deadlines_subject" ON "deadlines" USING btree ("entity","entity_id","kind");--> statement-breakpoint
CREATE INDEX "deadlines_open_due" ON "deadlines" USING btree ("due_at") WHERE "deadlines"."done_at" is null;--> statement-breakpoint
CREATE INDEX "deadlines_open_provisional" ON "deadlines" USING btree ("id") WHERE "deadlines"."provisional" and "deadlines"."done_at" is null;