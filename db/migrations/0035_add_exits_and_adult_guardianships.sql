CREATE TYPE "public"."disclosure_basis" AS ENUM('school_transfer', 'court_order', 'written_consent');--> statement-breakpoint
CREATE TABLE "court_guardianships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"guardianship_id" uuid NOT NULL,
	"court" text NOT NULL,
	"order_date" date NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"document_reference" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "court_guardianships_text" CHECK (length(btrim("court_guardianships"."court")) > 0 and length(btrim("court_guardianships"."document_reference")) > 0),
	CONSTRAINT "court_guardianships_dates" CHECK ("court_guardianships"."order_date" <= "court_guardianships"."starts_on" and ("court_guardianships"."ends_on" is null or "court_guardianships"."starts_on" <= "court_guardianships"."ends_on"))
);
--> statement-breakpoint
CREATE TABLE "record_disclosures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"disclosed_on" date NOT NULL,
	"recipient" text NOT NULL,
	"records" text NOT NULL,
	"basis" "disclosure_basis" NOT NULL,
	"legitimate_interest" text NOT NULL,
	"plan_end_id" uuid,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_disclosures_text" CHECK (length(btrim("record_disclosures"."recipient")) > 0 and length(btrim("record_disclosures"."records")) > 0 and length(btrim("record_disclosures"."legitimate_interest")) > 0)
);
--> statement-breakpoint
ALTER TABLE "plan_ends" ADD COLUMN "stay_put_filing_id" uuid;--> statement-breakpoint
ALTER TABLE "plan_ends" ADD COLUMN "stay_put_on" date;--> statement-breakpoint
ALTER TABLE "plan_ends" ADD COLUMN "rescheduled_from_id" uuid;--> statement-breakpoint
ALTER TABLE "plan_ends" ADD COLUMN "receiving_district" text;--> statement-breakpoint
ALTER TABLE "plan_ends" ADD COLUMN "receiving_school" text;--> statement-breakpoint
ALTER TABLE "court_guardianships" ADD CONSTRAINT "court_guardianships_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_guardianships" ADD CONSTRAINT "court_guardianships_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_guardianships" ADD CONSTRAINT "court_guardianships_guardianship_id_guardianships_id_fk" FOREIGN KEY ("guardianship_id") REFERENCES "public"."guardianships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_guardianships" ADD CONSTRAINT "court_guardianships_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_disclosures" ADD CONSTRAINT "record_disclosures_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_disclosures" ADD CONSTRAINT "record_disclosures_student_id_students_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."students"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_disclosures" ADD CONSTRAINT "record_disclosures_plan_end_id_plan_ends_id_fk" FOREIGN KEY ("plan_end_id") REFERENCES "public"."plan_ends"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_disclosures" ADD CONSTRAINT "record_disclosures_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "court_guardianships_student_id_starts_on_index" ON "court_guardianships" USING btree ("student_id","starts_on");--> statement-breakpoint
CREATE INDEX "court_guardianships_guardianship_id_index" ON "court_guardianships" USING btree ("guardianship_id");--> statement-breakpoint
CREATE INDEX "record_disclosures_student_id_disclosed_on_index" ON "record_disclosures" USING btree ("student_id","disclosed_on");--> statement-breakpoint
ALTER TABLE "plan_ends" ADD CONSTRAINT "plan_ends_stay_put_filing_id_due_process_filings_id_fk" FOREIGN KEY ("stay_put_filing_id") REFERENCES "public"."due_process_filings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_ends" ADD CONSTRAINT "plan_ends_rescheduled_from_id_plan_ends_id_fk" FOREIGN KEY ("rescheduled_from_id") REFERENCES "public"."plan_ends"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_ends_stay_put_filing_id_index" ON "plan_ends" USING btree ("stay_put_filing_id");--> statement-breakpoint
ALTER TABLE "plan_ends" ADD CONSTRAINT "plan_ends_cancel_reason" CHECK ("plan_ends"."status" <> 'cancelled' or length(btrim(coalesce("plan_ends"."cancel_reason", ''))) > 0);--> statement-breakpoint
ALTER TABLE "plan_ends" ADD CONSTRAINT "plan_ends_stay_put" CHECK (("plan_ends"."stay_put_filing_id" is null) = ("plan_ends"."stay_put_on" is null));--> statement-breakpoint
ALTER TABLE "plan_ends" ADD CONSTRAINT "plan_ends_receiving" CHECK ("plan_ends"."reason" = 'moved' or ("plan_ends"."receiving_district" is null and "plan_ends"."receiving_school" is null));