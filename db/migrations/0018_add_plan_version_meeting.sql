ALTER TABLE "plan_versions" ADD COLUMN "meeting_id" uuid;--> statement-breakpoint
CREATE INDEX "plan_versions_status_effective_on_index" ON "plan_versions" USING btree ("status","effective_on");