CREATE TABLE "approval_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"round" integer NOT NULL,
	"step_id" integer,
	"action" text NOT NULL,
	"actor_id" integer,
	"opinion" text,
	"target_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_participants" (
	"request_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"kind" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"flow" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"title" text NOT NULL,
	"facts" jsonb NOT NULL,
	"requester_id" integer NOT NULL,
	"status" text NOT NULL,
	"stuck" boolean DEFAULT false NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"current_step_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "approval_steps" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"round" integer NOT NULL,
	"position" integer NOT NULL,
	"key" text NOT NULL,
	"label" jsonb NOT NULL,
	"rule" jsonb NOT NULL,
	"status" text NOT NULL,
	"decider_id" integer,
	"decided_by_id" integer,
	"opinion" text,
	"opened_at" timestamp with time zone,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "approval_events" ADD CONSTRAINT "approval_events_request_id_approval_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."approval_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_events" ADD CONSTRAINT "approval_events_step_id_approval_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."approval_steps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_events" ADD CONSTRAINT "approval_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_participants" ADD CONSTRAINT "approval_participants_request_id_approval_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."approval_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_participants" ADD CONSTRAINT "approval_participants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_requester_id_people_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_steps" ADD CONSTRAINT "approval_steps_request_id_approval_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."approval_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_steps" ADD CONSTRAINT "approval_steps_decider_id_people_id_fk" FOREIGN KEY ("decider_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_steps" ADD CONSTRAINT "approval_steps_decided_by_id_people_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_events_request" ON "approval_events" USING btree ("request_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_participants_key" ON "approval_participants" USING btree ("request_id","person_id","kind");--> statement-breakpoint
CREATE INDEX "approval_participants_person" ON "approval_participants" USING btree ("person_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_requests_live_subject" ON "approval_requests" USING btree ("flow","entity","entity_id") WHERE "approval_requests"."status" in ('pending', 'returned');--> statement-breakpoint
CREATE INDEX "approval_requests_requester" ON "approval_requests" USING btree ("requester_id","id");--> statement-breakpoint
CREATE INDEX "approval_requests_subject" ON "approval_requests" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_steps_order" ON "approval_steps" USING btree ("request_id","round","position");--> statement-breakpoint
CREATE INDEX "approval_steps_open_decider" ON "approval_steps" USING btree ("decider_id") WHERE "approval_steps"."status" = 'open';--> statement-breakpoint
CREATE INDEX "approval_steps_decided_by" ON "approval_steps" USING btree ("decided_by_id");