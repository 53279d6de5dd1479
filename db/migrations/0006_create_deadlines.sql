CREATE TYPE "public"."case_event_source" AS ENUM('manual', 'workflow');--> statement-breakpoint
CREATE TYPE "public"."case_event_type" AS ENUM('referral_received', 'consent_requested', 'consent_granted', 'consent_refused', 'eligibility_determined', 'ppt_meeting_held', 'meeting_scheduled', 'pwn_sent', 'iep_implemented', 'records_request_received', 'disciplinary_change_of_placement', 'plan504_activated');--> statement-breakpoint
CREATE TYPE "public"."consent_type" AS ENUM('initial_evaluation', 'initial_services', 'reevaluation');--> statement-breakpoint
CREATE TYPE "public"."deadline_program" AS ENUM('iep', '504');--> statement-breakpoint
CREATE TYPE "public"."deadline_status" AS ENUM('open', 'met', 'late', 'paused', 'stopped');--> statement-breakpoint
CREATE TYPE "public"."deadline_unit" AS ENUM('school', 'calendar', 'months', 'years', 'birthday');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('pending', 'sent', 'logged', 'failed');--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"type" "case_event_type" NOT NULL,
	"date" date NOT NULL,
	"consent" "consent_type",
	"meeting_date" date,
	"agreed_implementation_date" date,
	"note" text,
	"source" "case_event_source" DEFAULT 'manual' NOT NULL,
	"source_id" uuid,
	"recorded_by" uuid,
	"voided_at" timestamp with time zone,
	"voided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_events_consent" CHECK (("case_events"."type" in ('consent_requested', 'consent_granted', 'consent_refused')) = ("case_events"."consent" is not null)),
	CONSTRAINT "case_events_meeting" CHECK (("case_events"."type" = 'meeting_scheduled') = ("case_events"."meeting_date" is not null)),
	CONSTRAINT "case_events_meeting_order" CHECK ("case_events"."meeting_date" is null or "case_events"."meeting_date" >= "case_events"."date"),
	CONSTRAINT "case_events_agreed_date" CHECK ("case_events"."agreed_implementation_date" is null or ("case_events"."type" = 'pwn_sent' and "case_events"."agreed_implementation_date" >= "case_events"."date")),
	CONSTRAINT "case_events_source_id" CHECK (("case_events"."source" = 'workflow') = ("case_events"."source_id" is not null)),
	CONSTRAINT "case_events_note_length" CHECK ("case_events"."note" is null or char_length("case_events"."note") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "deadlines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"trigger_key" text NOT NULL,
	"trigger_event_id" uuid,
	"program" "deadline_program" NOT NULL,
	"due" date,
	"unit" "deadline_unit" NOT NULL,
	"status" "deadline_status" NOT NULL,
	"completed_on" date,
	"completed_by" uuid,
	"delay_reason" text,
	"delay_reason_by" uuid,
	"computed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadlines_studentId_ruleId_triggerKey_unique" UNIQUE("student_id","rule_id","trigger_key"),
	CONSTRAINT "deadlines_trigger" CHECK ("deadlines"."trigger_key" = coalesce("deadlines"."trigger_event_id"::text, 'birthDate'))
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_userId_unique" UNIQUE("user_id"),
	CONSTRAINT "calendar_feeds_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"name" text NOT NULL,
	"run_key" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "job_runs_name_run_key_pk" PRIMARY KEY("name","run_key")
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"digest_emails" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"user_id" uuid,
	"to_address" text NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_dedupeKey_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_voided_by_users_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_trigger_event_id_case_events_id_fk" FOREIGN KEY ("trigger_event_id") REFERENCES "public"."case_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_delay_reason_by_users_id_fk" FOREIGN KEY ("delay_reason_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_student_id_date_index" ON "case_events" USING btree ("student_id","date");--> statement-breakpoint
CREATE INDEX "case_events_district_id_type_date_index" ON "case_events" USING btree ("district_id","type","date");--> statement-breakpoint
CREATE UNIQUE INDEX "case_events_workflow_source_key" ON "case_events" USING btree ("source_id","type") WHERE "case_events"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "deadlines_district_id_status_due_index" ON "deadlines" USING btree ("district_id","status","due");--> statement-breakpoint
CREATE INDEX "deadlines_student_id_due_index" ON "deadlines" USING btree ("student_id","due");--> statement-breakpoint
CREATE INDEX "deadlines_district_id_rule_id_due_index" ON "deadlines" USING btree ("district_id","rule_id","due");--> statement-breakpoint
CREATE INDEX "outbox_status_created_at_index" ON "outbox" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "outbox_user_id_created_at_index" ON "outbox" USING btree ("user_id","created_at");