DROP INDEX "tasks_open_department_due";--> statement-breakpoint
DROP INDEX "tasks_done_department";--> statement-breakpoint
CREATE INDEX "calendar_days_date_ordinal" ON "calendar_days" USING btree ("date","ordinal");--> statement-breakpoint
CREATE INDEX "tasks_open_department_due" ON "tasks" USING btree ("department_id","due_date","id","owner_id","status","start_date","progress") WHERE "tasks"."status" <> 'done';--> statement-breakpoint
CREATE INDEX "tasks_done_department" ON "tasks" USING btree ("department_id","done_at","owner_id") WHERE "tasks"."status" = 'done';