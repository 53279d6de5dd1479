CREATE TABLE "goal_collectors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"goal_item_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"assigned_by" uuid NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	CONSTRAINT "goal_collectors_ended" CHECK (("goal_collectors"."ended_at" is null) = ("goal_collectors"."ended_by" is null))
);
--> statement-breakpoint
CREATE TABLE "goal_data_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"objective_id" uuid,
	"version_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"collected_by" uuid NOT NULL,
	"observed_on" date NOT NULL,
	"value" numeric(10, 2),
	"method" text NOT NULL,
	"setting" text,
	"note" text,
	"late_reason" text,
	"corrects_id" uuid,
	"correction_reason" text,
	"withdrawn" boolean DEFAULT false NOT NULL,
	"session_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goal_data_points_correction" CHECK (("goal_data_points"."corrects_id" is null) = ("goal_data_points"."correction_reason" is null)),
	CONSTRAINT "goal_data_points_withdrawal" CHECK (not "goal_data_points"."withdrawn" or "goal_data_points"."corrects_id" is not null),
	CONSTRAINT "goal_data_points_value" CHECK ("goal_data_points"."value" is null or "goal_data_points"."value" >= 0)
);
--> statement-breakpoint
ALTER TABLE "plan_goals" ADD COLUMN "measure" jsonb;--> statement-breakpoint
ALTER TABLE "plan_objectives" ADD COLUMN "measure" jsonb;--> statement-breakpoint
ALTER TABLE "goal_collectors" ADD CONSTRAINT "goal_collectors_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_collectors" ADD CONSTRAINT "goal_collectors_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_collectors" ADD CONSTRAINT "goal_collectors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_collectors" ADD CONSTRAINT "goal_collectors_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_collectors" ADD CONSTRAINT "goal_collectors_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_data_points" ADD CONSTRAINT "goal_data_points_goal_id_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_data_points" ADD CONSTRAINT "goal_data_points_objective_id_plan_objectives_id_fk" FOREIGN KEY ("objective_id") REFERENCES "public"."plan_objectives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_data_points" ADD CONSTRAINT "goal_data_points_version_id_plan_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_data_points" ADD CONSTRAINT "goal_data_points_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_data_points" ADD CONSTRAINT "goal_data_points_collected_by_users_id_fk" FOREIGN KEY ("collected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "goal_collectors_one_open" ON "goal_collectors" USING btree ("plan_id","goal_item_id","user_id") WHERE "goal_collectors"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "goal_collectors_user_id_ended_at_index" ON "goal_collectors" USING btree ("user_id","ended_at");--> statement-breakpoint
CREATE INDEX "goal_collectors_student_id_index" ON "goal_collectors" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "goal_data_points_goal_id_observed_on_index" ON "goal_data_points" USING btree ("goal_id","observed_on");--> statement-breakpoint
CREATE INDEX "goal_data_points_student_id_observed_on_index" ON "goal_data_points" USING btree ("student_id","observed_on");--> statement-breakpoint
CREATE INDEX "goal_data_points_collected_by_observed_on_index" ON "goal_data_points" USING btree ("collected_by","observed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "goal_data_points_one_correction" ON "goal_data_points" USING btree ("corrects_id");--> statement-breakpoint
CREATE INDEX "goal_data_points_version_id_index" ON "goal_data_points" USING btree ("version_id");