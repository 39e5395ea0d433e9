CREATE TABLE "task_words" (
	"word" text NOT NULL,
	"department_id" integer NOT NULL,
	"due_date" date NOT NULL,
	"task_id" integer NOT NULL
);
--> statement-breakpoint
-- The postings of the tasks there are (schema.ts taskWords), before the index: one sort, not a million inserts.
INSERT INTO "task_words" ("word", "department_id", "due_date", "task_id")
  SELECT w, coalesce(t."department_id", 0), t."due_date", t."id" FROM "tasks" t, unnest(t."search_tokens") w;--> statement-breakpoint
DROP INDEX "tasks_owner_status_due";--> statement-breakpoint
DROP INDEX "tasks_acceptor";--> statement-breakpoint
DROP INDEX "tasks_creator";--> statement-breakpoint
CREATE INDEX "task_words_word" ON "task_words" USING btree ("word","department_id","due_date","task_id");--> statement-breakpoint
CREATE INDEX "tasks_owner_status_due" ON "tasks" USING btree ("owner_id","status","due_date","id","department_id");--> statement-breakpoint
CREATE INDEX "tasks_acceptor" ON "tasks" USING btree ("acceptor_id","department_id","id") WHERE "tasks"."acceptor_id" is not null;--> statement-breakpoint
CREATE INDEX "tasks_creator" ON "tasks" USING btree ("creator_id","department_id","id");--> statement-breakpoint
-- Postings follow the tasks they come from, per statement (an import of 10,000 rows is one insert,
-- in index order: a bulk insert then walks the index once instead of jumping about it).
-- An update touches them only where the pieces, the department or the due date changed.
CREATE FUNCTION "task_words_added"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "task_words" ("word", "department_id", "due_date", "task_id")
    SELECT w, coalesce(n."department_id", 0), n."due_date", n."id" FROM "added" n, unnest(n."search_tokens") w ORDER BY 1, 2, 3, 4;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "task_words_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "task_words" tw USING "removed" o, unnest(o."search_tokens") w
    WHERE tw."word" = w AND tw."department_id" = coalesce(o."department_id", 0) AND tw."due_date" = o."due_date" AND tw."task_id" = o."id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "task_words_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "task_words" tw USING "removed" o JOIN "added" n ON n."id" = o."id", unnest(o."search_tokens") w
    WHERE (o."search_tokens", o."department_id", o."due_date") IS DISTINCT FROM (n."search_tokens", n."department_id", n."due_date")
      AND tw."word" = w AND tw."department_id" = coalesce(o."department_id", 0) AND tw."due_date" = o."due_date" AND tw."task_id" = o."id";
  INSERT INTO "task_words" ("word", "department_id", "due_date", "task_id")
    SELECT w, coalesce(n."department_id", 0), n."due_date", n."id" FROM "removed" o JOIN "added" n ON n."id" = o."id", unnest(n."search_tokens") w
    WHERE (o."search_tokens", o."department_id", o."due_date") IS DISTINCT FROM (n."search_tokens", n."department_id", n."due_date")
    ORDER BY 1, 2, 3, 4;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "tasks_words_insert" AFTER INSERT ON "tasks" REFERENCING NEW TABLE AS "added" FOR EACH STATEMENT EXECUTE FUNCTION "task_words_added"();--> statement-breakpoint
CREATE TRIGGER "tasks_words_delete" AFTER DELETE ON "tasks" REFERENCING OLD TABLE AS "removed" FOR EACH STATEMENT EXECUTE FUNCTION "task_words_removed"();--> statement-breakpoint
CREATE TRIGGER "tasks_words_update" AFTER UPDATE ON "tasks" REFERENCING OLD TABLE AS "removed" NEW TABLE AS "added" FOR EACH STATEMENT EXECUTE FUNCTION "task_words_changed"();
