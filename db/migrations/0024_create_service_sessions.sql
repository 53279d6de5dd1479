CREATE TYPE "public"."service_session_status" AS ENUM('delivered', 'student_absent', 'provider_absent', 'school_closed');--> statement-breakpoint
CREATE TABLE "report_card_dates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_year_id" uuid NOT NULL,
	"date" date NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_card_dates_schoolYearId_date_unique" UNIQUE("school_year_id","date")
);
--> statement-breakpoint
CREATE TABLE "service_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"logged_by" uuid NOT NULL,
	"session_date" date NOT NULL,
	"minutes" integer NOT NULL,
	"group_size" integer DEFAULT 1 NOT NULL,
	"group_id" uuid,
	"status" "service_session_status" NOT NULL,
	"goal_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"make_up_for_id" uuid,
	"replaces_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_sessions_minutes" CHECK ("service_sessions"."minutes" between 1 and 600),
	CONSTRAINT "service_sessions_group_size" CHECK ("service_sessions"."group_size" between 1 and 30),
	CONSTRAINT "service_sessions_make_up" CHECK ("service_sessions"."make_up_for_id" is null or "service_sessions"."status" = 'delivered')
);
--> statement-breakpoint
ALTER TABLE "report_card_dates" ADD CONSTRAINT "report_card_dates_school_year_id_school_years_id_fk" FOREIGN KEY ("school_year_id") REFERENCES "public"."school_years"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_sessions" ADD CONSTRAINT "service_sessions_service_id_plan_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."plan_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_sessions" ADD CONSTRAINT "service_sessions_version_id_plan_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_sessions" ADD CONSTRAINT "service_sessions_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_sessions" ADD CONSTRAINT "service_sessions_logged_by_users_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_card_dates_school_year_id_date_index" ON "report_card_dates" USING btree ("school_year_id","date");--> statement-breakpoint
CREATE INDEX "service_sessions_service_id_session_date_index" ON "service_sessions" USING btree ("service_id","session_date");--> statement-breakpoint
CREATE INDEX "service_sessions_student_id_session_date_index" ON "service_sessions" USING btree ("student_id","session_date");--> statement-breakpoint
CREATE INDEX "service_sessions_logged_by_session_date_index" ON "service_sessions" USING btree ("logged_by","session_date");--> statement-breakpoint
CREATE INDEX "service_sessions_version_id_session_date_index" ON "service_sessions" USING btree ("version_id","session_date");--> statement-breakpoint
CREATE INDEX "service_sessions_replaces_id_index" ON "service_sessions" USING btree ("replaces_id");--> statement-breakpoint
CREATE INDEX "service_sessions_make_up_for_id_index" ON "service_sessions" USING btree ("make_up_for_id");--> statement-breakpoint
CREATE INDEX "service_sessions_group_id_index" ON "service_sessions" USING btree ("group_id");