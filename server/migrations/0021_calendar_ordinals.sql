CREATE TABLE "calendar_ordinals" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"first_date" date NOT NULL,
	"ordinals" integer[] NOT NULL,
	CONSTRAINT "calendar_ordinals_one_row" CHECK ("calendar_ordinals"."id" = 1)
);
--> statement-breakpoint
-- The calendar already held (store.ts recomputeOrdinals keeps it from now on).
INSERT INTO "calendar_ordinals" ("id", "first_date", "ordinals")
SELECT 1, min("date"), array_agg("ordinal" ORDER BY "date") FROM "calendar_days" HAVING count(*) > 0;
