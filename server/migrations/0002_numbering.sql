CREATE TABLE "sequences" (
	"key" text PRIMARY KEY NOT NULL,
	"value" integer NOT NULL
);
