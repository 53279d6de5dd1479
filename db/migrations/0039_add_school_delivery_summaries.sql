CREATE TABLE "school_delivery_summaries" (
	"school_id" uuid PRIMARY KEY NOT NULL,
	"district_id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"window_from" date,
	"assigned" integer NOT NULL,
	"acknowledged" integer NOT NULL,
	"overdue" integer NOT NULL,
	"escalated" integer NOT NULL,
	"log_expected" integer NOT NULL,
	"log_recorded" integer NOT NULL,
	"escalated_since" date,
	"refreshed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "school_delivery_summaries_counts" CHECK ("school_delivery_summaries"."acknowledged" + "school_delivery_summaries"."overdue" <= "school_delivery_summaries"."assigned" and "school_delivery_summaries"."escalated" <= "school_delivery_summaries"."overdue" and "school_delivery_summaries"."log_recorded" <= "school_delivery_summaries"."log_expected" and "school_delivery_summaries"."acknowledged" >= 0 and "school_delivery_summaries"."escalated" >= 0 and "school_delivery_summaries"."log_recorded" >= 0)
);
--> statement-breakpoint
ALTER TABLE "school_delivery_summaries" ADD CONSTRAINT "school_delivery_summaries_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_delivery_summaries" ADD CONSTRAINT "school_delivery_summaries_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "school_delivery_summaries_district_id_refreshed_at_index" ON "school_delivery_summaries" USING btree ("district_id","refreshed_at");