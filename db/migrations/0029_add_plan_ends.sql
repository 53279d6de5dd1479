CREATE TYPE "public"."plan_end_reason" AS ENUM('graduated', 'aged_out', 'not_eligible', 'consent_revoked', 'moved', 'transferred_to_504', 'no_longer_needed', 'replaced_by_iep');--> statement-breakpoint
CREATE TYPE "public"."plan_end_status" AS ENUM('scheduled', 'completed', 'cancelled');--> statement-breakpoint
CREATE TABLE "plan_ends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"plan_type" "plan_type" NOT NULL,
	"reason" "plan_end_reason" NOT NULL,
	"status" "plan_end_status" DEFAULT 'scheduled' NOT NULL,
	"ends_on" date NOT NULL,
	"notice_id" uuid,
	"revocation_response_id" uuid,
	"summary_academic" text,
	"summary_functional" text,
	"summary_recommendations" text,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_ends_reason_fits_type" CHECK (("plan_ends"."plan_type" = 'iep') = ("plan_ends"."reason" in ('graduated', 'aged_out', 'not_eligible', 'consent_revoked', 'moved', 'transferred_to_504'))),
	CONSTRAINT "plan_ends_iep_notice" CHECK ("plan_ends"."plan_type" <> 'iep' or "plan_ends"."notice_id" is not null),
	CONSTRAINT "plan_ends_504_notice" CHECK ("plan_ends"."reason" = 'replaced_by_iep' or "plan_ends"."notice_id" is not null),
	CONSTRAINT "plan_ends_summary_of_performance" CHECK ("plan_ends"."reason" not in ('graduated', 'aged_out') or (length(btrim(coalesce("plan_ends"."summary_academic", ''))) > 0
        and length(btrim(coalesce("plan_ends"."summary_functional", ''))) > 0 and length(btrim(coalesce("plan_ends"."summary_recommendations", ''))) > 0)),
	CONSTRAINT "plan_ends_revocation" CHECK (("plan_ends"."reason" = 'consent_revoked') = ("plan_ends"."revocation_response_id" is not null)),
	CONSTRAINT "plan_ends_state" CHECK (("plan_ends"."status" = 'completed') = ("plan_ends"."completed_at" is not null) and ("plan_ends"."status" = 'cancelled') = ("plan_ends"."cancelled_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "plan_ends" ADD CONSTRAINT "plan_ends_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_ends" ADD CONSTRAINT "plan_ends_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_ends" ADD CONSTRAINT "plan_ends_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_ends" ADD CONSTRAINT "plan_ends_version_id_plan_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_ends" ADD CONSTRAINT "plan_ends_notice_id_prior_written_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."prior_written_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_ends" ADD CONSTRAINT "plan_ends_revocation_response_id_consent_responses_id_fk" FOREIGN KEY ("revocation_response_id") REFERENCES "public"."consent_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_ends" ADD CONSTRAINT "plan_ends_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_ends_student_id_status_index" ON "plan_ends" USING btree ("student_id","status");--> statement-breakpoint
CREATE INDEX "plan_ends_status_ends_on_index" ON "plan_ends" USING btree ("status","ends_on");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_ends_one_open_per_version" ON "plan_ends" USING btree ("version_id") WHERE "plan_ends"."status" <> 'cancelled';