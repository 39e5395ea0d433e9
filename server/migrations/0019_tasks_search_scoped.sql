DROP INDEX "tasks_search";--> statement-breakpoint
CREATE INDEX "tasks_search" ON "tasks" USING gin ("department_id","owner_id","creator_id","acceptor_id","search_tokens");