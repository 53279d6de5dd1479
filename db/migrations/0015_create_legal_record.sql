CREATE TYPE "public"."consent_decision" AS ENUM('granted', 'refused', 'revoked', 'no_response');--> statement-breakpoint
CREATE TYPE "public"."consent_method" AS ENUM('portal_signature', 'uploaded_paper', 'staff_recorded_paper', 'staff_recorded_no_response');--> statement-breakpoint
CREATE TYPE "public"."consent_request_type" AS ENUM('initial_evaluation', 'initial_services', 'reevaluation', 'excusal', 'amendment_without_meeting', 'transition_agency', 'records_release', 'public_benefits', 'evaluation_504', 'plan_504');--> statement-breakpoint
CREATE TYPE "public"."consent_signer_kind" AS ENUM('guardian', 'adult_student');--> statement-breakpoint
CREATE TYPE "public"."delivery_method" AS ENUM('in_person', 'mail', 'email', 'portal');--> statement-breakpoint
CREATE TYPE "public"."dispute_status" AS ENUM('pending', 'resolved', 'agreement');--> statement-breakpoint
CREATE TYPE "public"."document_kind" AS ENUM('plan', 'at_a_glance', 'meeting_notice', 'prior_written_notice', 'consent_form');--> statement-breakpoint
CREATE TYPE "public"."meeting_status" AS ENUM('scheduled', 'held', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."notice_status" AS ENUM('draft', 'sent');--> statement-breakpoint
CREATE TYPE "public"."participant_role" AS ENUM('parent', 'student', 'general_education_teacher', 'special_education_teacher', 'district_representative', 'evaluation_interpreter', 'principal', 'coordinator_504', 'related_service_provider', 'interpreter', 'agency_representative', 'other');--> statement-breakpoint
CREATE TABLE "consent_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"type" "consent_request_type" NOT NULL,
	"program" "deadline_program" NOT NULL,
	"plan_version_id" uuid,
	"meeting_id" uuid,
	"notice_id" uuid,
	"document_id" uuid NOT NULL,
	"document_sha256" text NOT NULL,
	"language" "locale" NOT NULL,
	"requested_on" date NOT NULL,
	"superseded_by_id" uuid,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_requests_sha256" CHECK ("consent_requests"."document_sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "consent_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"decision" "consent_decision" NOT NULL,
	"partial" jsonb,
	"signer_kind" "consent_signer_kind",
	"signer_guardianship_id" uuid,
	"signer_user_id" uuid,
	"signer_name" text,
	"method" "consent_method" NOT NULL,
	"document_sha256" text NOT NULL,
	"uploaded_document_id" uuid,
	"responded_on" date NOT NULL,
	"responded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	"note" text,
	CONSTRAINT "consent_responses_signer" CHECK (("consent_responses"."decision" = 'no_response') = ("consent_responses"."signer_kind" is null)
        and ("consent_responses"."signer_kind" is distinct from 'guardian' or "consent_responses"."signer_guardianship_id" is not null)
        and ("consent_responses"."signer_kind" is null or "consent_responses"."signer_name" is not null)),
	CONSTRAINT "consent_responses_method" CHECK (("consent_responses"."decision" = 'no_response') = ("consent_responses"."method" = 'staff_recorded_no_response')
        and (("consent_responses"."method" = 'uploaded_paper') = ("consent_responses"."uploaded_document_id" is not null)))
);
--> statement-breakpoint
CREATE TABLE "due_process_filings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"program" "deadline_program" NOT NULL,
	"filed_on" date NOT NULL,
	"filed_by" text NOT NULL,
	"description" text NOT NULL,
	"status" "dispute_status" DEFAULT 'pending' NOT NULL,
	"closed_on" date,
	"closing_note" text,
	"recorded_by" uuid,
	"closed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "due_process_filings_closed" CHECK (("due_process_filings"."status" = 'pending') = ("due_process_filings"."closed_on" is null) and ("due_process_filings"."status" = 'pending' or "due_process_filings"."closing_note" is not null))
);
--> statement-breakpoint
CREATE TABLE "meeting_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"role" "participant_role" NOT NULL,
	"user_id" uuid,
	"guardianship_id" uuid,
	"name" text NOT NULL,
	"invited" boolean DEFAULT true NOT NULL,
	"attended" boolean,
	"excused" boolean DEFAULT false NOT NULL,
	"excusal_consent_request_id" uuid,
	"written_input_received" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_participants_excusal" CHECK (not "meeting_participants"."excused" or "meeting_participants"."excusal_consent_request_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"program" "deadline_program" NOT NULL,
	"status" "meeting_status" DEFAULT 'scheduled' NOT NULL,
	"purposes" "meeting_purpose"[] NOT NULL,
	"plan_version_id" uuid,
	"scheduled_on" date NOT NULL,
	"starts_at" time NOT NULL,
	"location" text,
	"video_link" text,
	"language" "locale" NOT NULL,
	"notice_document_id" uuid,
	"notice_sent_on" date,
	"shorter_notice_agreed" boolean DEFAULT false NOT NULL,
	"held_on" date,
	"decisions" text,
	"notes" text,
	"cancelled_on" date,
	"cancel_reason" text,
	"rescheduled_from_id" uuid,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_purposes" CHECK (cardinality("meetings"."purposes") > 0),
	CONSTRAINT "meetings_place" CHECK ("meetings"."location" is not null or "meetings"."video_link" is not null),
	CONSTRAINT "meetings_held" CHECK (("meetings"."status" = 'held') = ("meetings"."held_on" is not null) and ("meetings"."status" <> 'held' or "meetings"."decisions" is not null)),
	CONSTRAINT "meetings_cancelled" CHECK (("meetings"."status" = 'cancelled') = ("meetings"."cancelled_on" is not null and "meetings"."cancel_reason" is not null)),
	CONSTRAINT "meetings_notice_order" CHECK ("meetings"."notice_sent_on" is null or "meetings"."notice_sent_on" <= "meetings"."scheduled_on")
);
--> statement-breakpoint
CREATE TABLE "prior_written_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"program" "deadline_program" NOT NULL,
	"status" "notice_status" DEFAULT 'draft' NOT NULL,
	"action" "pwn_action" NOT NULL,
	"subject" "pwn_subject" NOT NULL,
	"plan_version_id" uuid,
	"meeting_id" uuid,
	"action_description" text DEFAULT '' NOT NULL,
	"reasons" text DEFAULT '' NOT NULL,
	"evaluations_used" text DEFAULT '' NOT NULL,
	"safeguards_statement" text DEFAULT '' NOT NULL,
	"help_sources" text DEFAULT '' NOT NULL,
	"options_considered" text DEFAULT '' NOT NULL,
	"other_factors" text DEFAULT '' NOT NULL,
	"language" "locale" NOT NULL,
	"delivery_method" "delivery_method",
	"sent_on" date,
	"agreed_implementation_date" date,
	"implementation_date" date,
	"document_id" uuid,
	"created_by" uuid,
	"sent_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prior_written_notices_sent" CHECK ("prior_written_notices"."status" = 'draft' or ("prior_written_notices"."sent_on" is not null and "prior_written_notices"."implementation_date" is not null
        and "prior_written_notices"."document_id" is not null and "prior_written_notices"."delivery_method" is not null and "prior_written_notices"."sent_by" is not null
        and "prior_written_notices"."implementation_date" >= "prior_written_notices"."sent_on"
        and length(btrim("prior_written_notices"."action_description")) > 0 and length(btrim("prior_written_notices"."reasons")) > 0
        and length(btrim("prior_written_notices"."evaluations_used")) > 0 and length(btrim("prior_written_notices"."safeguards_statement")) > 0
        and length(btrim("prior_written_notices"."help_sources")) > 0 and length(btrim("prior_written_notices"."options_considered")) > 0
        and length(btrim("prior_written_notices"."other_factors")) > 0))
);
--> statement-breakpoint
CREATE TABLE "stored_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"kind" "document_kind" NOT NULL,
	"language" "locale" NOT NULL,
	"model" jsonb NOT NULL,
	"pdf" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stored_documents_sha256" CHECK ("stored_documents"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "consent_requests" ADD CONSTRAINT "consent_requests_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD CONSTRAINT "consent_requests_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD CONSTRAINT "consent_requests_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD CONSTRAINT "consent_requests_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD CONSTRAINT "consent_requests_notice_id_prior_written_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."prior_written_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD CONSTRAINT "consent_requests_document_id_stored_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."stored_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_requests" ADD CONSTRAINT "consent_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_responses" ADD CONSTRAINT "consent_responses_request_id_consent_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."consent_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_responses" ADD CONSTRAINT "consent_responses_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_responses" ADD CONSTRAINT "consent_responses_signer_guardianship_id_guardianships_id_fk" FOREIGN KEY ("signer_guardianship_id") REFERENCES "public"."guardianships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_responses" ADD CONSTRAINT "consent_responses_signer_user_id_users_id_fk" FOREIGN KEY ("signer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_responses" ADD CONSTRAINT "consent_responses_uploaded_document_id_stored_documents_id_fk" FOREIGN KEY ("uploaded_document_id") REFERENCES "public"."stored_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_responses" ADD CONSTRAINT "consent_responses_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "due_process_filings" ADD CONSTRAINT "due_process_filings_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "due_process_filings" ADD CONSTRAINT "due_process_filings_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "due_process_filings" ADD CONSTRAINT "due_process_filings_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "due_process_filings" ADD CONSTRAINT "due_process_filings_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_participants" ADD CONSTRAINT "meeting_participants_guardianship_id_guardianships_id_fk" FOREIGN KEY ("guardianship_id") REFERENCES "public"."guardianships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_notice_document_id_stored_documents_id_fk" FOREIGN KEY ("notice_document_id") REFERENCES "public"."stored_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_written_notices" ADD CONSTRAINT "prior_written_notices_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_written_notices" ADD CONSTRAINT "prior_written_notices_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_written_notices" ADD CONSTRAINT "prior_written_notices_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_written_notices" ADD CONSTRAINT "prior_written_notices_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_written_notices" ADD CONSTRAINT "prior_written_notices_document_id_stored_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."stored_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_written_notices" ADD CONSTRAINT "prior_written_notices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prior_written_notices" ADD CONSTRAINT "prior_written_notices_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_documents" ADD CONSTRAINT "stored_documents_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_documents" ADD CONSTRAINT "stored_documents_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_documents" ADD CONSTRAINT "stored_documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_requests_student_id_type_index" ON "consent_requests" USING btree ("student_id","type");--> statement-breakpoint
CREATE INDEX "consent_requests_plan_version_id_index" ON "consent_requests" USING btree ("plan_version_id");--> statement-breakpoint
CREATE INDEX "consent_responses_request_id_responded_at_index" ON "consent_responses" USING btree ("request_id","responded_at");--> statement-breakpoint
CREATE INDEX "consent_responses_student_id_index" ON "consent_responses" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "due_process_filings_student_id_status_index" ON "due_process_filings" USING btree ("student_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "due_process_filings_one_pending" ON "due_process_filings" USING btree ("student_id","program") WHERE "due_process_filings"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "meeting_participants_meeting_id_index" ON "meeting_participants" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meetings_student_id_scheduled_on_index" ON "meetings" USING btree ("student_id","scheduled_on");--> statement-breakpoint
CREATE INDEX "meetings_district_id_status_scheduled_on_index" ON "meetings" USING btree ("district_id","status","scheduled_on");--> statement-breakpoint
CREATE INDEX "meetings_plan_version_id_index" ON "meetings" USING btree ("plan_version_id");--> statement-breakpoint
CREATE INDEX "prior_written_notices_student_id_status_index" ON "prior_written_notices" USING btree ("student_id","status");--> statement-breakpoint
CREATE INDEX "prior_written_notices_plan_version_id_index" ON "prior_written_notices" USING btree ("plan_version_id");--> statement-breakpoint
CREATE INDEX "prior_written_notices_meeting_id_index" ON "prior_written_notices" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "stored_documents_student_id_kind_index" ON "stored_documents" USING btree ("student_id","kind");