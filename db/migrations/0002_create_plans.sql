CREATE TYPE "public"."plan_type" AS ENUM('iep', '504');--> statement-breakpoint
CREATE TYPE "public"."plan_version_status" AS ENUM('draft', 'proposed', 'final', 'active', 'superseded', 'ended');--> statement-breakpoint
CREATE TABLE "accommodation_bank" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"category" text NOT NULL,
	"text" text NOT NULL,
	"teacher_action" text NOT NULL,
	"classroom" boolean DEFAULT true NOT NULL,
	"testing" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "goal_bank" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"area" text NOT NULL,
	"text" text NOT NULL,
	"measurement" text NOT NULL,
	"objectives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_accommodations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"teacher_action" text NOT NULL,
	"classroom" boolean NOT NULL,
	"testing" boolean NOT NULL,
	"responsible" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_accommodations_versionId_itemId_unique" UNIQUE("version_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "plan_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"area" text NOT NULL,
	"text" text NOT NULL,
	"baseline" text NOT NULL,
	"target" text NOT NULL,
	"measurement" text NOT NULL,
	"schedule" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_goals_versionId_itemId_unique" UNIQUE("version_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "plan_objectives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"criteria" text NOT NULL,
	"evaluation" text NOT NULL,
	"schedule" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_objectives_goalId_itemId_unique" UNIQUE("goal_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "plan_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"category" text NOT NULL,
	"service_type" text NOT NULL,
	"minutes" integer NOT NULL,
	"frequency" text NOT NULL,
	"location" text NOT NULL,
	"provider_user_id" uuid,
	"provider_name" text,
	"start_date" date,
	"end_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_services_versionId_itemId_unique" UNIQUE("version_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"plan_type" "plan_type" NOT NULL,
	"number" integer NOT NULL,
	"status" "plan_version_status" DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"lock_version" integer DEFAULT 1 NOT NULL,
	"based_on_version_id" uuid,
	"content_hash" text,
	"review_due" date,
	"effective_on" date,
	"ended_on" date,
	"proposed_at" timestamp with time zone,
	"finalized_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_versions_planId_number_unique" UNIQUE("plan_id","number"),
	CONSTRAINT "plan_versions_final_has_hash" CHECK ("plan_versions"."status" in ('draft', 'proposed') or "plan_versions"."content_hash" is not null),
	CONSTRAINT "plan_versions_active_has_date" CHECK ("plan_versions"."status" <> 'active' or "plan_versions"."effective_on" is not null)
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"type" "plan_type" NOT NULL,
	"created_by" uuid,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accommodation_bank" ADD CONSTRAINT "accommodation_bank_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_bank" ADD CONSTRAINT "goal_bank_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_accommodations" ADD CONSTRAINT "plan_accommodations_version_id_plan_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_version_id_plan_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_objectives" ADD CONSTRAINT "plan_objectives_goal_id_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_services" ADD CONSTRAINT "plan_services_version_id_plan_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_services" ADD CONSTRAINT "plan_services_provider_user_id_users_id_fk" FOREIGN KEY ("provider_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accommodation_bank_district_id_category_index" ON "accommodation_bank" USING btree ("district_id","category");--> statement-breakpoint
CREATE INDEX "goal_bank_district_id_area_index" ON "goal_bank" USING btree ("district_id","area");--> statement-breakpoint
CREATE INDEX "plan_accommodations_version_id_index" ON "plan_accommodations" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "plan_goals_version_id_index" ON "plan_goals" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "plan_objectives_goal_id_index" ON "plan_objectives" USING btree ("goal_id");--> statement-breakpoint
CREATE INDEX "plan_services_version_id_index" ON "plan_services" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "plan_services_provider_user_id_index" ON "plan_services" USING btree ("provider_user_id");--> statement-breakpoint
CREATE INDEX "plan_versions_student_id_status_index" ON "plan_versions" USING btree ("student_id","status");--> statement-breakpoint
CREATE INDEX "plan_versions_plan_id_status_index" ON "plan_versions" USING btree ("plan_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_versions_one_active_per_plan" ON "plan_versions" USING btree ("plan_id") WHERE "plan_versions"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "plan_versions_one_active_per_student" ON "plan_versions" USING btree ("student_id") WHERE "plan_versions"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "plan_versions_one_open_draft_per_plan" ON "plan_versions" USING btree ("plan_id") WHERE "plan_versions"."status" in ('draft', 'proposed');--> statement-breakpoint
CREATE INDEX "plans_student_id_index" ON "plans" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "plans_district_id_type_index" ON "plans" USING btree ("district_id","type");--> statement-breakpoint
CREATE UNIQUE INDEX "plans_one_open_per_type" ON "plans" USING btree ("student_id","type") WHERE "plans"."ended_at" is null;