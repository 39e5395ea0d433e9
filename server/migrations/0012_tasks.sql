CREATE TABLE "task_acceptances" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"round" integer NOT NULL,
	"approval_id" integer NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by_id" integer NOT NULL,
	"file_id" uuid,
	"link" text,
	"note" text,
	"decision" text,
	"decided_by_id" integer,
	"decided_at" timestamp with time zone,
	"opinion" text
);
--> statement-breakpoint
CREATE TABLE "task_collaborators" (
	"task_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"share" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "task_collaborators_task_id_person_id_pk" PRIMARY KEY("task_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "task_delays" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"old_due_date" date NOT NULL,
	"new_due_date" date NOT NULL,
	"reason" text NOT NULL,
	"author_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_dependencies" (
	"task_id" integer NOT NULL,
	"predecessor_id" integer NOT NULL,
	CONSTRAINT "task_dependencies_task_id_predecessor_id_pk" PRIMARY KEY("task_id","predecessor_id"),
	CONSTRAINT "task_dependencies_self" CHECK ("task_dependencies"."task_id" <> "task_dependencies"."predecessor_id")
);
--> statement-breakpoint
CREATE TABLE "task_dependency_overrides" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by_id" integer NOT NULL,
	"reason" text NOT NULL,
	"predecessor_numbers" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"name" text NOT NULL,
	"date" date NOT NULL,
	"done" boolean DEFAULT false NOT NULL,
	"done_at" timestamp with time zone,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_progress" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"date" date NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"progress" integer NOT NULL,
	"stage" text NOT NULL,
	"note" text,
	"author_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"deliverable" text NOT NULL,
	"quality_standard" text NOT NULL,
	"owner_id" integer NOT NULL,
	"department_id" integer,
	"creator_id" integer NOT NULL,
	"acceptor_id" integer,
	"start_date" date NOT NULL,
	"due_date" date NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"stage" text,
	"status" text DEFAULT 'not_started' NOT NULL,
	"major" boolean DEFAULT false NOT NULL,
	"risk_note" text,
	"mitigation_plan" text,
	"remarks" text,
	"acceptance_opinion" text,
	"delay_reason" text,
	"approval_id" integer,
	"source_type" text,
	"source_id" integer,
	"source_label" text,
	"search_tokens" text[] DEFAULT '{}'::text[] NOT NULL,
	"done_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tasks_progress" CHECK ("tasks"."progress" between 0 and 100),
	CONSTRAINT "tasks_dates" CHECK ("tasks"."due_date" >= "tasks"."start_date"),
	CONSTRAINT "tasks_status" CHECK ("tasks"."status" in ('not_started', 'in_progress', 'awaiting_acceptance', 'done'))
);
--> statement-breakpoint
ALTER TABLE "task_acceptances" ADD CONSTRAINT "task_acceptances_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_acceptances" ADD CONSTRAINT "task_acceptances_submitted_by_id_people_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_acceptances" ADD CONSTRAINT "task_acceptances_decided_by_id_people_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_collaborators" ADD CONSTRAINT "task_collaborators_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_collaborators" ADD CONSTRAINT "task_collaborators_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_delays" ADD CONSTRAINT "task_delays_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_delays" ADD CONSTRAINT "task_delays_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_dependencies" ADD CONSTRAINT "task_dependencies_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_dependencies" ADD CONSTRAINT "task_dependencies_predecessor_id_tasks_id_fk" FOREIGN KEY ("predecessor_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_dependency_overrides" ADD CONSTRAINT "task_dependency_overrides_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_dependency_overrides" ADD CONSTRAINT "task_dependency_overrides_by_id_people_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_milestones" ADD CONSTRAINT "task_milestones_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_progress" ADD CONSTRAINT "task_progress_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_progress" ADD CONSTRAINT "task_progress_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_creator_id_people_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_acceptor_id_people_id_fk" FOREIGN KEY ("acceptor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "task_acceptances_round" ON "task_acceptances" USING btree ("task_id","round");--> statement-breakpoint
CREATE INDEX "task_acceptances_file" ON "task_acceptances" USING btree ("file_id") WHERE "task_acceptances"."file_id" is not null;--> statement-breakpoint
CREATE INDEX "task_collaborators_person" ON "task_collaborators" USING btree ("person_id","task_id");--> statement-breakpoint
CREATE INDEX "task_delays_task" ON "task_delays" USING btree ("task_id","id");--> statement-breakpoint
CREATE INDEX "task_dependencies_predecessor" ON "task_dependencies" USING btree ("predecessor_id");--> statement-breakpoint
CREATE INDEX "task_dependency_overrides_task" ON "task_dependency_overrides" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "task_milestones_task" ON "task_milestones" USING btree ("task_id","position");--> statement-breakpoint
CREATE INDEX "task_milestones_open" ON "task_milestones" USING btree ("task_id","date") WHERE not "task_milestones"."done";--> statement-breakpoint
CREATE INDEX "task_progress_task" ON "task_progress" USING btree ("task_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_number" ON "tasks" USING btree ("number");--> statement-breakpoint
CREATE INDEX "tasks_owner_status_due" ON "tasks" USING btree ("owner_id","status","due_date","id");--> statement-breakpoint
CREATE INDEX "tasks_department_due" ON "tasks" USING btree ("department_id","due_date","id");--> statement-breakpoint
CREATE INDEX "tasks_open_owner_due" ON "tasks" USING btree ("owner_id","due_date","id") WHERE "tasks"."status" <> 'done';--> statement-breakpoint
CREATE INDEX "tasks_open_department_due" ON "tasks" USING btree ("department_id","due_date","id") WHERE "tasks"."status" <> 'done';--> statement-breakpoint
CREATE INDEX "tasks_done_department" ON "tasks" USING btree ("department_id","done_at") WHERE "tasks"."status" = 'done';--> statement-breakpoint
CREATE INDEX "tasks_acceptor" ON "tasks" USING btree ("acceptor_id") WHERE "tasks"."acceptor_id" is not null;--> statement-breakpoint
CREATE INDEX "tasks_creator" ON "tasks" USING btree ("creator_id");--> statement-breakpoint
CREATE INDEX "tasks_source" ON "tasks" USING btree ("source_type","source_id") WHERE "tasks"."source_type" is not null;--> statement-breakpoint
CREATE INDEX "tasks_search" ON "tasks" USING gin ("search_tokens");