CREATE TYPE "public"."implementation_status" AS ENUM('provided', 'not_needed', 'declined', 'not_provided');--> statement-breakpoint
CREATE TABLE "acknowledgments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"accommodation_hash" text NOT NULL,
	"acknowledged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" "inet",
	CONSTRAINT "acknowledgments_versionId_userId_unique" UNIQUE("version_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "implementation_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"accommodation_id" uuid NOT NULL,
	"section_id" uuid,
	"student_id" uuid NOT NULL,
	"logged_by" uuid NOT NULL,
	"log_date" date NOT NULL,
	"status" "implementation_status" NOT NULL,
	"reason" text,
	"note" text,
	"replaces_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "implementation_logs_reason" CHECK ("implementation_logs"."status" <> 'not_provided' or ("implementation_logs"."reason" is not null and length(trim("implementation_logs"."reason")) > 0))
);
--> statement-breakpoint
ALTER TABLE "acknowledgments" ADD CONSTRAINT "acknowledgments_version_id_plan_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acknowledgments" ADD CONSTRAINT "acknowledgments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acknowledgments" ADD CONSTRAINT "acknowledgments_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_logs" ADD CONSTRAINT "implementation_logs_version_id_plan_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_logs" ADD CONSTRAINT "implementation_logs_accommodation_id_plan_accommodations_id_fk" FOREIGN KEY ("accommodation_id") REFERENCES "public"."plan_accommodations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_logs" ADD CONSTRAINT "implementation_logs_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_logs" ADD CONSTRAINT "implementation_logs_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_logs" ADD CONSTRAINT "implementation_logs_logged_by_users_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "acknowledgments_user_id_index" ON "acknowledgments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "acknowledgments_student_id_index" ON "acknowledgments" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "implementation_logs_section_id_log_date_index" ON "implementation_logs" USING btree ("section_id","log_date");--> statement-breakpoint
CREATE INDEX "implementation_logs_student_id_log_date_index" ON "implementation_logs" USING btree ("student_id","log_date");--> statement-breakpoint
CREATE INDEX "implementation_logs_accommodation_id_log_date_index" ON "implementation_logs" USING btree ("accommodation_id","log_date");--> statement-breakpoint
CREATE INDEX "implementation_logs_logged_by_log_date_index" ON "implementation_logs" USING btree ("logged_by","log_date");