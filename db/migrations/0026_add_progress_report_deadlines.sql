ALTER TYPE "public"."case_event_type" ADD VALUE 'progress_report_sent';--> statement-breakpoint
ALTER TYPE "public"."deadline_unit" ADD VALUE 'report_card';--> statement-breakpoint
ALTER TABLE "deadlines" DROP CONSTRAINT "deadlines_trigger";--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_trigger" CHECK ("deadlines"."trigger_key" = case when "deadlines"."unit"::text = 'report_card' then 'reportCard:' || "deadlines"."due"::text else coalesce("deadlines"."trigger_event_id"::text, 'birthDate') end);