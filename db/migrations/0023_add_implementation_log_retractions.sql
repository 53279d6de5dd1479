ALTER TYPE "public"."implementation_status" ADD VALUE 'retracted';--> statement-breakpoint
ALTER TABLE "implementation_logs" ADD COLUMN "batch_id" uuid;--> statement-breakpoint
ALTER TABLE "implementation_logs" ADD COLUMN "batch_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "implementation_logs_batch_id_index" ON "implementation_logs" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "implementation_logs_replaces_id_index" ON "implementation_logs" USING btree ("replaces_id");--> statement-breakpoint
ALTER TABLE "implementation_logs" ADD CONSTRAINT "implementation_logs_retraction" CHECK ("implementation_logs"."status"::text <> 'retracted' or "implementation_logs"."replaces_id" is not null);--> statement-breakpoint
ALTER TABLE "implementation_logs" ADD CONSTRAINT "implementation_logs_batch" CHECK (("implementation_logs"."batch_id" is null) = ("implementation_logs"."batch_at" is null));