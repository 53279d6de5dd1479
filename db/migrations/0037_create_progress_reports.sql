CREATE TYPE "public"."progress_code" AS ENUM('not_introduced', 'no_progress', 'limited_progress', 'satisfactory_progress', 'not_mastered', 'mastered');--> statement-breakpoint
CREATE TYPE "public"."progress_report_delivery" AS ENUM('portal', 'mail', 'in_person', 'email', 'with_student');--> statement-breakpoint
CREATE TYPE "public"."progress_report_status" AS ENUM('draft', 'issued');--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'progress_report';--> statement-breakpoint
CREATE TABLE "progress_report_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"goal_item_id" uuid NOT NULL,
	"objective_id" uuid,
	"position" integer NOT NULL,
	"code" "progress_code",
	"justification" text DEFAULT '' NOT NULL,
	"suggested_code" "progress_code",
	"suggestion" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"plan_version_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"report_card_date" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"corrects_id" uuid,
	"correction_reason" text,
	"status" "progress_report_status" DEFAULT 'draft' NOT NULL,
	"language" "locale" NOT NULL,
	"delivery_method" "progress_report_delivery",
	"issued_on" date,
	"issued_by" uuid,
	"document_id" uuid,
	"lock_version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_reports_period" CHECK ("progress_reports"."period_start" <= "progress_reports"."report_card_date"),
	CONSTRAINT "progress_reports_correction" CHECK (("progress_reports"."corrects_id" is null) = ("progress_reports"."correction_reason" is null) and ("progress_reports"."corrects_id" is null) = ("progress_reports"."version" = 1)),
	CONSTRAINT "progress_reports_issued" CHECK (("progress_reports"."status" = 'issued') = ("progress_reports"."issued_on" is not null and "progress_reports"."issued_by" is not null
        and "progress_reports"."delivery_method" is not null and "progress_reports"."document_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "progress_report_items" ADD CONSTRAINT "progress_report_items_report_id_progress_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."progress_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_items" ADD CONSTRAINT "progress_report_items_goal_id_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_report_items" ADD CONSTRAINT "progress_report_items_objective_id_plan_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."plan_objectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_document_id_stored_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."stored_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_reports" ADD CONSTRAINT "progress_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "progress_report_items_goal" ON "progress_report_items" USING btree ("report_id","goal_id") WHERE "progress_report_items"."objective_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "progress_report_items_objective" ON "progress_report_items" USING btree ("report_id","objective_id") WHERE "progress_report_items"."objective_id" is not null;--> statement-breakpoint
CREATE INDEX "progress_report_items_report_id_position_index" ON "progress_report_items" USING btree ("report_id","position");--> statement-breakpoint
CREATE INDEX "progress_report_items_goal_item_id_index" ON "progress_report_items" USING btree ("goal_item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "progress_reports_one_version" ON "progress_reports" USING btree ("plan_id","report_card_date","version");--> statement-breakpoint
CREATE UNIQUE INDEX "progress_reports_one_correction" ON "progress_reports" USING btree ("corrects_id");--> statement-breakpoint
CREATE INDEX "progress_reports_student_id_report_card_date_index" ON "progress_reports" USING btree ("student_id","report_card_date");--> statement-breakpoint
CREATE INDEX "progress_reports_district_id_status_report_card_date_index" ON "progress_reports" USING btree ("district_id","status","report_card_date");