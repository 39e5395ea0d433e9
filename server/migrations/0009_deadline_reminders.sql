CREATE TABLE "deadline_reminders" (
	"id" serial PRIMARY KEY NOT NULL,
	"deadline_id" integer NOT NULL,
	"key" text NOT NULL,
	"spec" jsonb NOT NULL,
	"fire_at" timestamp with time zone NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"fired_at" timestamp with time zone,
	"notified" integer,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deadline_reminders_state" CHECK ("deadline_reminders"."state" in ('pending', 'fired', 'skipped', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "deadlines" ADD COLUMN "owner_id" integer;--> statement-breakpoint
ALTER TABLE "deadlines" ADD COLUMN "subject" text;--> statement-breakpoint
ALTER TABLE "deadlines" ADD COLUMN "link" text;--> statement-breakpoint
ALTER TABLE "deadline_reminders" ADD CONSTRAINT "deadline_reminders_deadline_id_deadlines_id_fk" FOREIGN KEY ("deadline_id") REFERENCES "public"."deadlines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deadline_reminders_spec" ON "deadline_reminders" USING btree ("deadline_id","key");--> statement-breakpoint
CREATE INDEX "deadline_reminders_due" ON "deadline_reminders" USING btree ("fire_at") WHERE "deadline_reminders"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "deadline_reminders_provisional" ON "deadline_reminders" USING btree ("deadline_id") WHERE "deadline_reminders"."provisional" and "deadline_reminders"."state" = 'pending';--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;