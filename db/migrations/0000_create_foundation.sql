CREATE TYPE "public"."audit_kind" AS ENUM('mutation', 'access', 'auth');--> statement-breakpoint
CREATE TYPE "public"."audit_outcome" AS ENUM('success', 'denied', 'failure');--> statement-breakpoint
CREATE TYPE "public"."calendar_day_kind" AS ENUM('closure', 'extra_day');--> statement-breakpoint
CREATE TYPE "public"."guardian_relation" AS ENUM('parent', 'guardian', 'foster_parent', 'surrogate');--> statement-breakpoint
CREATE TYPE "public"."locale" AS ENUM('en', 'es');--> statement-breakpoint
CREATE TYPE "public"."school_level" AS ENUM('elementary', 'middle', 'high');--> statement-breakpoint
CREATE TYPE "public"."school_role" AS ENUM('principal', 'coordinator_504', 'case_manager', 'teacher', 'provider');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('district_admin', 'principal', 'case_manager', 'teacher', 'provider', 'parent');--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_year_id" uuid NOT NULL,
	"date" date NOT NULL,
	"kind" "calendar_day_kind" NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_days_schoolYearId_date_unique" UNIQUE("school_year_id","date")
);
--> statement-breakpoint
CREATE TABLE "districts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"state" text DEFAULT 'CT' NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "districts_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "school_years" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"label" text NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_years_schoolId_label_unique" UNIQUE("school_id","label"),
	CONSTRAINT "school_years_order" CHECK ("school_years"."first_day" <= "school_years"."last_day")
);
--> statement-breakpoint
CREATE TABLE "schools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"level" "school_level" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schools_districtId_code_unique" UNIQUE("district_id","code")
);
--> statement-breakpoint
CREATE TABLE "guardianships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"student_id" uuid NOT NULL,
	"guardian_user_id" uuid NOT NULL,
	"relation" "guardian_relation" DEFAULT 'parent' NOT NULL,
	"has_decision_rights" boolean DEFAULT true NOT NULL,
	"receives_notices" boolean DEFAULT true NOT NULL,
	"restricted" boolean DEFAULT false NOT NULL,
	"restriction_note" text,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guardianships_studentId_guardianUserId_unique" UNIQUE("student_id","guardian_user_id")
);
--> statement-breakpoint
CREATE TABLE "staff_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"role" "school_role" NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_assignments_order" CHECK ("staff_assignments"."ends_on" is null or "staff_assignments"."starts_on" <= "staff_assignments"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "students" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"school_id" uuid NOT NULL,
	"sasid" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"grade" text NOT NULL,
	"home_language" text DEFAULT 'en' NOT NULL,
	"parent_language" text DEFAULT 'en' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "students_districtId_sasid_unique" UNIQUE("district_id","sasid"),
	CONSTRAINT "students_sasid_format" CHECK ("students"."sasid" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"role" "user_role" NOT NULL,
	"locale" "locale",
	"is_active" boolean DEFAULT true NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"deactivated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "caseloads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_manager_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "caseloads_order" CHECK ("caseloads"."ends_on" is null or "caseloads"."starts_on" <= "caseloads"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "section_enrollments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"section_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "section_enrollments_order" CHECK ("section_enrollments"."ends_on" is null or "section_enrollments"."starts_on" <= "section_enrollments"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "section_teachers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"section_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "section_teachers_order" CHECK ("section_teachers"."ends_on" is null or "section_teachers"."starts_on" <= "section_teachers"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"school_year_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"period" text NOT NULL,
	"schedule" text NOT NULL,
	"room" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sections_schoolId_schoolYearId_code_unique" UNIQUE("school_id","school_year_id","code")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"district_id" uuid,
	"actor_user_id" uuid,
	"actor_role" text,
	"kind" "audit_kind" NOT NULL,
	"action" text NOT NULL,
	"outcome" "audit_outcome" DEFAULT 'success' NOT NULL,
	"entity_type" text,
	"entity_id" text,
	"student_id" uuid,
	"ip" "inet",
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_attempt_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_school_year_id_school_years_id_fk" FOREIGN KEY ("school_year_id") REFERENCES "public"."school_years"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_years" ADD CONSTRAINT "school_years_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardianships" ADD CONSTRAINT "guardianships_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guardianships" ADD CONSTRAINT "guardianships_guardian_user_id_users_id_fk" FOREIGN KEY ("guardian_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_assignments" ADD CONSTRAINT "staff_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_assignments" ADD CONSTRAINT "staff_assignments_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "students" ADD CONSTRAINT "students_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caseloads" ADD CONSTRAINT "caseloads_case_manager_id_users_id_fk" FOREIGN KEY ("case_manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caseloads" ADD CONSTRAINT "caseloads_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_enrollments" ADD CONSTRAINT "section_enrollments_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_enrollments" ADD CONSTRAINT "section_enrollments_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_teachers" ADD CONSTRAINT "section_teachers_section_id_sections_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."sections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "section_teachers" ADD CONSTRAINT "section_teachers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sections" ADD CONSTRAINT "sections_school_year_id_school_years_id_fk" FOREIGN KEY ("school_year_id") REFERENCES "public"."school_years"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_days_school_year_id_date_index" ON "calendar_days" USING btree ("school_year_id","date");--> statement-breakpoint
CREATE INDEX "school_years_school_id_first_day_index" ON "school_years" USING btree ("school_id","first_day");--> statement-breakpoint
CREATE INDEX "schools_district_id_index" ON "schools" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "guardianships_guardian_user_id_index" ON "guardianships" USING btree ("guardian_user_id");--> statement-breakpoint
CREATE INDEX "guardianships_student_id_index" ON "guardianships" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "staff_assignments_user_id_role_index" ON "staff_assignments" USING btree ("user_id","role");--> statement-breakpoint
CREATE INDEX "staff_assignments_school_id_role_index" ON "staff_assignments" USING btree ("school_id","role");--> statement-breakpoint
CREATE INDEX "students_school_id_last_name_index" ON "students" USING btree ("school_id","last_name");--> statement-breakpoint
CREATE INDEX "students_district_id_index" ON "students" USING btree ("district_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_district_id_role_index" ON "users" USING btree ("district_id","role");--> statement-breakpoint
CREATE INDEX "caseloads_case_manager_id_index" ON "caseloads" USING btree ("case_manager_id");--> statement-breakpoint
CREATE INDEX "caseloads_student_id_index" ON "caseloads" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "section_enrollments_section_id_index" ON "section_enrollments" USING btree ("section_id");--> statement-breakpoint
CREATE INDEX "section_enrollments_student_id_index" ON "section_enrollments" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "section_teachers_user_id_index" ON "section_teachers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "section_teachers_section_id_index" ON "section_teachers" USING btree ("section_id");--> statement-breakpoint
CREATE INDEX "sections_school_id_index" ON "sections" USING btree ("school_id");--> statement-breakpoint
CREATE INDEX "audit_events_student_id_occurred_at_index" ON "audit_events" USING btree ("student_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_actor_user_id_occurred_at_index" ON "audit_events" USING btree ("actor_user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_district_id_occurred_at_index" ON "audit_events" USING btree ("district_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_action_occurred_at_index" ON "audit_events" USING btree ("action","occurred_at");