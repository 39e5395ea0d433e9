CREATE TABLE "files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"mime_type" text NOT NULL,
	"file_name" text NOT NULL,
	"secret" boolean DEFAULT false NOT NULL,
	"storage_key" text NOT NULL,
	"wrapped_key" text,
	"iv" text,
	"auth_tag" text,
	"owner_type" text,
	"owner_id" text,
	"uploaded_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "files_secret_keys" CHECK (("files"."secret" and "files"."wrapped_key" is not null and "files"."iv" is not null and "files"."auth_tag" is not null)
        or (not "files"."secret" and "files"."wrapped_key" is null and "files"."iv" is null and "files"."auth_tag" is null)),
	CONSTRAINT "files_owner_pair" CHECK (("files"."owner_type" is null) = ("files"."owner_id" is null))
);
--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_uploaded_by_people_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "files_owner" ON "files" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE INDEX "files_sha256" ON "files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "files_uploaded_by" ON "files" USING btree ("uploaded_by","created_at");