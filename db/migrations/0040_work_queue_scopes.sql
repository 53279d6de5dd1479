DROP INDEX "deadlines_district_id_status_due_index";--> statement-breakpoint
CREATE INDEX "users_staff_by_name_index" ON "users" USING btree ("district_id","name","id") WHERE "users"."role" <> 'parent';--> statement-breakpoint
CREATE INDEX "deadlines_district_id_status_due_id_index" ON "deadlines" USING btree ("district_id","status","due","id");--> statement-breakpoint
CREATE INDEX "deadlines_student_id_status_due_index" ON "deadlines" USING btree ("student_id","status","due");