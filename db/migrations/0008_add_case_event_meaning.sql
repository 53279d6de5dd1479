CREATE TYPE "public"."eligibility_kind" AS ENUM('initial', 'reevaluation');--> statement-breakpoint
CREATE TYPE "public"."exit_reason" AS ENUM('graduated', 'aged_out', 'not_eligible', 'consent_revoked', 'moved', 'transferred_to_504');--> statement-breakpoint
CREATE TYPE "public"."meeting_purpose" AS ENUM('referral', 'eligibility', 'initial_iep', 'annual_review', 'reevaluation', 'revision', 'exit', 'manifestation');--> statement-breakpoint
CREATE TYPE "public"."pwn_action" AS ENUM('propose', 'refuse');--> statement-breakpoint
CREATE TYPE "public"."pwn_subject" AS ENUM('identification', 'evaluation', 'placement', 'fape');--> statement-breakpoint
ALTER TYPE "public"."case_event_type" ADD VALUE 'plan504_ended';--> statement-breakpoint
ALTER TYPE "public"."case_event_type" ADD VALUE 'exited';--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "birth_to_three" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "eligibility_kind" "eligibility_kind";--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "eligible" boolean;--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "meeting_purposes" "meeting_purpose"[];--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "pwn_action" "pwn_action";--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "pwn_subject" "pwn_subject";--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "exit_reason" "exit_reason";--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "shorter_notice_agreed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_birth_to_three" CHECK (not "case_events"."birth_to_three" or "case_events"."type" = 'referral_received');--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_eligibility" CHECK (("case_events"."eligibility_kind" is null and "case_events"."eligible" is null) or "case_events"."type" = 'eligibility_determined');--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_purposes" CHECK ("case_events"."meeting_purposes" is null or ("case_events"."type" = 'ppt_meeting_held' and cardinality("case_events"."meeting_purposes") > 0));--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_pwn" CHECK (("case_events"."pwn_action" is null and "case_events"."pwn_subject" is null) or "case_events"."type" = 'pwn_sent');--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_exit_reason" CHECK (("case_events"."type"::text = 'exited') = ("case_events"."exit_reason" is not null));--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_shorter_notice" CHECK (not "case_events"."shorter_notice_agreed" or "case_events"."type" = 'meeting_scheduled');