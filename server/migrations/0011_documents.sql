CREATE TABLE "meeting_agenda_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"goal" text,
	"presenter_id" integer,
	"carried_over_from_id" integer,
	"key_points" text,
	"disputes" text,
	"decision" text,
	"decision_confirmed_at" timestamp with time zone,
	"decision_confirmed_by" integer,
	"carry_over" boolean DEFAULT false NOT NULL,
	"next_date" date
);
--> statement-breakpoint
CREATE TABLE "meeting_materials" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"owner_id" integer NOT NULL,
	"file_id" uuid,
	"uploaded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meeting_minutes" (
	"meeting_id" integer PRIMARY KEY NOT NULL,
	"discussion" text,
	"follow_ups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"author_id" integer,
	"submitted_at" timestamp with time zone,
	"approval_id" integer,
	"approved_at" timestamp with time zone,
	"distributed_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_people" (
	"meeting_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"role" text NOT NULL,
	"kind" text DEFAULT 'invited' NOT NULL,
	"delegate_for_id" integer,
	"signed_in_at" timestamp with time zone,
	"sign_in_method" text,
	"leave_reason" text,
	"leave_delegate_id" integer,
	"leave_asked_at" timestamp with time zone,
	"leave_late" boolean DEFAULT false NOT NULL,
	"noticed_sequence" integer,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "meeting_people_meeting_id_person_id_pk" PRIMARY KEY("meeting_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_resolutions" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"position" integer NOT NULL,
	"content" text NOT NULL,
	"deliverable" text NOT NULL,
	"quality_standard" text,
	"owner_id" integer NOT NULL,
	"department_name" text,
	"due_date" date NOT NULL,
	"agenda_item_id" integer,
	"task_id" integer,
	"task_number" text
);
--> statement-breakpoint
CREATE TABLE "meeting_rooms" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"capacity" integer NOT NULL,
	"equipment" text[] DEFAULT '{}'::text[] NOT NULL,
	"location" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_series" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"frequency" text NOT NULL,
	"organizer_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"series_id" integer,
	"topic" text NOT NULL,
	"goal" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"room_id" integer,
	"booking_id" integer,
	"online_link" text,
	"online_number" text,
	"host_id" integer NOT NULL,
	"minute_taker_id" integer NOT NULL,
	"contact_id" integer NOT NULL,
	"contact_phone" text,
	"organizer_id" integer NOT NULL,
	"department_id" integer,
	"agenda_reason" text,
	"remarks" text,
	"on_time_minutes" integer DEFAULT 5 NOT NULL,
	"release_after_minutes" integer DEFAULT 15,
	"status" text DEFAULT 'draft' NOT NULL,
	"ics_uid" text NOT NULL,
	"notice_sequence" integer DEFAULT 0 NOT NULL,
	"notice_sent_at" timestamp with time zone,
	"notice_late_reason" text,
	"materials_sent_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"minutes_status" text DEFAULT 'none' NOT NULL,
	"search_tokens" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "meetings_time" CHECK ("meetings"."ends_at" > "meetings"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "room_bookings" (
	"id" serial PRIMARY KEY NOT NULL,
	"room_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"title" text NOT NULL,
	"meeting_id" integer,
	"booked_by" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"released_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "room_bookings_time" CHECK ("room_bookings"."ends_at" > "room_bookings"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "document_categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" integer,
	"default_important" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_grants" (
	"id" serial PRIMARY KEY NOT NULL,
	"document_id" integer NOT NULL,
	"kind" text NOT NULL,
	"person_id" integer,
	"role" text,
	"department_id" integer,
	"granted_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "document_grants_kind" CHECK (("document_grants"."kind" = 'person' and "document_grants"."person_id" is not null and "document_grants"."role" is null and "document_grants"."department_id" is null)
        or ("document_grants"."kind" = 'role' and "document_grants"."role" is not null and "document_grants"."person_id" is null and "document_grants"."department_id" is null)
        or ("document_grants"."kind" = 'department' and "document_grants"."department_id" is not null and "document_grants"."person_id" is null and "document_grants"."role" is null))
);
--> statement-breakpoint
CREATE TABLE "document_loans" (
	"id" serial PRIMARY KEY NOT NULL,
	"document_id" integer NOT NULL,
	"borrower_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"medium" text NOT NULL,
	"allow_download" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"approval_id" integer,
	"registered_by" integer,
	"registered_at" timestamp with time zone,
	"due_date" date,
	"due_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"returned_to" integer,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "document_loans_dates" CHECK ("document_loans"."to_date" >= "document_loans"."from_date"),
	CONSTRAINT "document_loans_medium" CHECK ("document_loans"."medium" in ('paper', 'electronic')),
	CONSTRAINT "document_loans_download" CHECK (not "document_loans"."allow_download" or "document_loans"."medium" = 'electronic'),
	CONSTRAINT "document_loans_status" CHECK ("document_loans"."status" in ('applied', 'changes_requested', 'approved', 'rejected', 'lent', 'returned', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "document_tidy_checks" (
	"month" text PRIMARY KEY NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"checked_count" integer NOT NULL,
	"problem_count" integer NOT NULL,
	"items" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text,
	"name" text NOT NULL,
	"category_id" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"series_id" integer,
	"secrecy" text NOT NULL,
	"important" boolean DEFAULT false NOT NULL,
	"creator_id" integer NOT NULL,
	"created_on" date NOT NULL,
	"file_id" uuid,
	"paper_location" text,
	"server_path" text,
	"archive_status" text DEFAULT 'pending' NOT NULL,
	"archived_on" date,
	"void" boolean DEFAULT false NOT NULL,
	"voided_at" timestamp with time zone,
	"superseded_by_id" integer,
	"note" text,
	"content_text" text,
	"search_tokens" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "documents_secrecy" CHECK ("documents"."secrecy" in ('internal', 'secret')),
	CONSTRAINT "documents_archive_status" CHECK ("documents"."archive_status" in ('archived', 'pending')),
	CONSTRAINT "documents_version" CHECK ("documents"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_presenter_id_people_id_fk" FOREIGN KEY ("presenter_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_carried_over_from_id_meeting_agenda_items_id_fk" FOREIGN KEY ("carried_over_from_id") REFERENCES "public"."meeting_agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_decision_confirmed_by_people_id_fk" FOREIGN KEY ("decision_confirmed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_materials" ADD CONSTRAINT "meeting_materials_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_materials" ADD CONSTRAINT "meeting_materials_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_materials" ADD CONSTRAINT "meeting_materials_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_minutes" ADD CONSTRAINT "meeting_minutes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_minutes" ADD CONSTRAINT "meeting_minutes_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_people" ADD CONSTRAINT "meeting_people_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_people" ADD CONSTRAINT "meeting_people_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_people" ADD CONSTRAINT "meeting_people_delegate_for_id_people_id_fk" FOREIGN KEY ("delegate_for_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_people" ADD CONSTRAINT "meeting_people_leave_delegate_id_people_id_fk" FOREIGN KEY ("leave_delegate_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_resolutions" ADD CONSTRAINT "meeting_resolutions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_resolutions" ADD CONSTRAINT "meeting_resolutions_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_resolutions" ADD CONSTRAINT "meeting_resolutions_agenda_item_id_meeting_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."meeting_agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_series" ADD CONSTRAINT "meeting_series_organizer_id_people_id_fk" FOREIGN KEY ("organizer_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_series_id_meeting_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."meeting_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_room_id_meeting_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."meeting_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_booking_id_room_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."room_bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_host_id_people_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_minute_taker_id_people_id_fk" FOREIGN KEY ("minute_taker_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_contact_id_people_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_organizer_id_people_id_fk" FOREIGN KEY ("organizer_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_room_id_meeting_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."meeting_rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_booked_by_people_id_fk" FOREIGN KEY ("booked_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_categories" ADD CONSTRAINT "document_categories_parent_id_document_categories_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."document_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_grants" ADD CONSTRAINT "document_grants_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_grants" ADD CONSTRAINT "document_grants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_grants" ADD CONSTRAINT "document_grants_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_grants" ADD CONSTRAINT "document_grants_granted_by_people_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_loans" ADD CONSTRAINT "document_loans_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_loans" ADD CONSTRAINT "document_loans_borrower_id_people_id_fk" FOREIGN KEY ("borrower_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_loans" ADD CONSTRAINT "document_loans_approval_id_approval_requests_id_fk" FOREIGN KEY ("approval_id") REFERENCES "public"."approval_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_loans" ADD CONSTRAINT "document_loans_registered_by_people_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_loans" ADD CONSTRAINT "document_loans_returned_to_people_id_fk" FOREIGN KEY ("returned_to") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_category_id_document_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."document_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_series_id_documents_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_creator_id_people_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_superseded_by_id_documents_id_fk" FOREIGN KEY ("superseded_by_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_agenda_meeting" ON "meeting_agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_agenda_carried_from" ON "meeting_agenda_items" USING btree ("carried_over_from_id");--> statement-breakpoint
CREATE INDEX "meeting_agenda_carry_open" ON "meeting_agenda_items" USING btree ("next_date") WHERE "meeting_agenda_items"."carry_over";--> statement-breakpoint
CREATE INDEX "meeting_materials_meeting" ON "meeting_materials" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "meeting_people_person" ON "meeting_people" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "meeting_resolutions_meeting" ON "meeting_resolutions" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_resolutions_task" ON "meeting_resolutions" USING btree ("task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_rooms_name" ON "meeting_rooms" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_ics_uid" ON "meetings" USING btree ("ics_uid");--> statement-breakpoint
CREATE INDEX "meetings_starts" ON "meetings" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "meetings_series" ON "meetings" USING btree ("series_id","starts_at");--> statement-breakpoint
CREATE INDEX "meetings_department" ON "meetings" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "meetings_search" ON "meetings" USING gin ("search_tokens");--> statement-breakpoint
CREATE INDEX "room_bookings_room_time" ON "room_bookings" USING btree ("room_id","starts_at");--> statement-breakpoint
CREATE INDEX "room_bookings_meeting" ON "room_bookings" USING btree ("meeting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "document_categories_code" ON "document_categories" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "document_categories_sibling_name" ON "document_categories" USING btree (coalesce("parent_id", 0),"name");--> statement-breakpoint
CREATE UNIQUE INDEX "document_grants_target" ON "document_grants" USING btree ("document_id","kind",coalesce("person_id", 0),coalesce("role", ''),coalesce("department_id", 0));--> statement-breakpoint
CREATE INDEX "document_grants_person" ON "document_grants" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "document_loans_document" ON "document_loans" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "document_loans_borrower" ON "document_loans" USING btree ("borrower_id","status");--> statement-breakpoint
CREATE INDEX "document_loans_approval" ON "document_loans" USING btree ("approval_id");--> statement-breakpoint
CREATE INDEX "document_loans_open_due" ON "document_loans" USING btree ("due_at") WHERE "document_loans"."status" = 'lent';--> statement-breakpoint
CREATE UNIQUE INDEX "documents_number" ON "documents" USING btree ("number");--> statement-breakpoint
CREATE INDEX "documents_category" ON "documents" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "documents_series" ON "documents" USING btree ("series_id","version");--> statement-breakpoint
CREATE INDEX "documents_created_on" ON "documents" USING btree ("created_on","id");--> statement-breakpoint
CREATE INDEX "documents_creator" ON "documents" USING btree ("creator_id");--> statement-breakpoint
CREATE INDEX "documents_search" ON "documents" USING gin ("search_tokens");