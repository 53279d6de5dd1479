CREATE TABLE "audit_event_students" (
	"event_id" bigint NOT NULL,
	"student_id" uuid NOT NULL,
	CONSTRAINT "audit_event_students_student_id_event_id_pk" PRIMARY KEY("student_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "form_submissions" (
	"user_id" uuid NOT NULL,
	"key" uuid NOT NULL,
	"action" text NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_submissions_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
ALTER TABLE "audit_event_students" ADD CONSTRAINT "audit_event_students_event_id_audit_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."audit_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;