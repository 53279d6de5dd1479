CREATE TABLE "school_deadline_summaries" (
	"school_id" uuid PRIMARY KEY NOT NULL,
	"district_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"escalate_after_school_days" integer NOT NULL,
	"overdue" integer NOT NULL,
	"escalated" integer NOT NULL,
	"students" integer NOT NULL,
	"oldest_due" date,
	"annual_overdue" integer DEFAULT 0 NOT NULL,
	"annual_due30" integer DEFAULT 0 NOT NULL,
	"annual_due90" integer DEFAULT 0 NOT NULL,
	"triennial_overdue" integer DEFAULT 0 NOT NULL,
	"triennial_due30" integer DEFAULT 0 NOT NULL,
	"triennial_due90" integer DEFAULT 0 NOT NULL,
	"initial_evaluations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "school_deadline_summaries_counts" CHECK ("school_deadline_summaries"."escalated" >= 0 and "school_deadline_summaries"."escalated" <= "school_deadline_summaries"."overdue" and "school_deadline_summaries"."students" >= 0 and "school_deadline_summaries"."students" <= "school_deadline_summaries"."overdue" and ("school_deadline_summaries"."overdue" = 0) = ("school_deadline_summaries"."oldest_due" is null))
);
--> statement-breakpoint
DROP INDEX "deadlines_district_id_status_due_id_index";--> statement-breakpoint
ALTER TABLE "school_deadline_summaries" ADD CONSTRAINT "school_deadline_summaries_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_deadline_summaries" ADD CONSTRAINT "school_deadline_summaries_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "school_deadline_summaries_district_id_refreshed_at_index" ON "school_deadline_summaries" USING btree ("district_id","refreshed_at");--> statement-breakpoint
CREATE INDEX "deadlines_district_id_due_id_index" ON "deadlines" USING btree ("district_id","due","id") WHERE "deadlines"."status" = 'open' and "deadlines"."completed_on" is null;