CREATE TYPE "public"."disability_category" AS ENUM('autism', 'deaf_blindness', 'developmental_delay', 'emotional_disability', 'hearing_impairment', 'intellectual_disability', 'multiple_disabilities', 'orthopedic_impairment', 'other_health_impairment', 'ohi_adhd', 'specific_learning_disability', 'sld_dyslexia', 'speech_language_impairment', 'traumatic_brain_injury', 'visual_impairment');--> statement-breakpoint
CREATE TYPE "public"."referral_decision" AS ENUM('evaluate', 'refuse');--> statement-breakpoint
CREATE TYPE "public"."referral_outcome" AS ENUM('not_evaluated', 'consent_refused', 'not_eligible', 'iep_in_force');--> statement-breakpoint
CREATE TYPE "public"."referral_source" AS ENUM('teacher', 'parent_request', 'team_504', 'student_study_team', 'birth_to_three');--> statement-breakpoint
CREATE TYPE "public"."referral_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."written_request_form" AS ENUM('letter', 'email', 'district_form', 'portal', 'note');--> statement-breakpoint
CREATE TABLE "referral_interventions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"description" text NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date NOT NULL,
	"outcome" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_interventions_dates" CHECK ("referral_interventions"."ended_on" >= "referral_interventions"."started_on"),
	CONSTRAINT "referral_interventions_text" CHECK (length(btrim("referral_interventions"."description")) between 1 and 1000 and length(btrim("referral_interventions"."outcome")) between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"source" "referral_source" NOT NULL,
	"received_on" date NOT NULL,
	"concern" text NOT NULL,
	"request_form" "written_request_form",
	"request_dated_on" date,
	"plan504_version_id" uuid,
	"received_event_id" uuid NOT NULL,
	"status" "referral_status" DEFAULT 'open' NOT NULL,
	"referral_meeting_id" uuid,
	"decision" "referral_decision",
	"decided_on" date,
	"safeguards_given_on" date,
	"evaluation_completed_on" date,
	"report_requested_on" date,
	"eligibility_meeting_id" uuid,
	"needs_sdi" boolean,
	"disability_category" "disability_category",
	"eligibility_event_id" uuid,
	"outcome" "referral_outcome",
	"closed_on" date,
	"closing_notice_id" uuid,
	"closing_consent_response_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_concern" CHECK (length(btrim("referrals"."concern")) between 1 and 2000),
	CONSTRAINT "referrals_parent_request" CHECK (("referrals"."source" = 'parent_request') = ("referrals"."request_form" is not null and "referrals"."request_dated_on" is not null)),
	CONSTRAINT "referrals_request_date" CHECK ("referrals"."request_dated_on" is null or "referrals"."request_dated_on" <= "referrals"."received_on"),
	CONSTRAINT "referrals_decision" CHECK (("referrals"."decision" is null) = ("referrals"."decided_on" is null) and ("referrals"."decision" is null or "referrals"."referral_meeting_id" is not null)
        and ("referrals"."decision" = 'evaluate') = ("referrals"."safeguards_given_on" is not null)),
	CONSTRAINT "referrals_eligibility" CHECK (("referrals"."needs_sdi" is null) = ("referrals"."eligibility_meeting_id" is null) and ("referrals"."needs_sdi" is null) = ("referrals"."eligibility_event_id" is null)
        and ("referrals"."needs_sdi" is not true or "referrals"."disability_category" is not null)),
	CONSTRAINT "referrals_closed" CHECK (("referrals"."status" = 'closed') = ("referrals"."outcome" is not null) and ("referrals"."outcome" is null) = ("referrals"."closed_on" is null)
        and ("referrals"."outcome" is distinct from 'not_evaluated' or ("referrals"."decision" = 'refuse' and "referrals"."closing_notice_id" is not null))
        and ("referrals"."outcome" is distinct from 'not_eligible' or ("referrals"."needs_sdi" = false and "referrals"."closing_notice_id" is not null))
        and ("referrals"."outcome" is distinct from 'consent_refused' or "referrals"."closing_consent_response_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "referral_interventions" ADD CONSTRAINT "referral_interventions_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_plan504_version_id_plan_versions_id_fk" FOREIGN KEY ("plan504_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_received_event_id_case_events_id_fk" FOREIGN KEY ("received_event_id") REFERENCES "public"."case_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referral_meeting_id_meetings_id_fk" FOREIGN KEY ("referral_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_eligibility_meeting_id_meetings_id_fk" FOREIGN KEY ("eligibility_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_eligibility_event_id_case_events_id_fk" FOREIGN KEY ("eligibility_event_id") REFERENCES "public"."case_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_closing_notice_id_prior_written_notices_id_fk" FOREIGN KEY ("closing_notice_id") REFERENCES "public"."prior_written_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_closing_consent_response_id_consent_responses_id_fk" FOREIGN KEY ("closing_consent_response_id") REFERENCES "public"."consent_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referral_interventions_referral_id_index" ON "referral_interventions" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "referrals_district_id_status_index" ON "referrals" USING btree ("district_id","status");--> statement-breakpoint
CREATE INDEX "referrals_student_id_index" ON "referrals" USING btree ("student_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_one_open_per_student" ON "referrals" USING btree ("student_id") WHERE "referrals"."status" = 'open';