-- A voided case event carries the reason it was voided, and the reason is as permanent as the void.
-- NOT VALID: events voided before reasons were asked for keep an empty reason; every new void needs one.
ALTER TABLE case_events ADD CONSTRAINT case_events_void_reason
  CHECK (voided_at IS NULL OR (void_reason IS NOT NULL AND length(btrim(void_reason)) > 0)) NOT VALID;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION case_events_keep_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'case_events rows are never deleted; void them instead' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.district_id, NEW.student_id, NEW.type, NEW.date, NEW.consent, NEW.meeting_date,
      NEW.agreed_implementation_date, NEW.birth_to_three, NEW.eligibility_kind, NEW.eligible,
      NEW.meeting_purposes, NEW.pwn_action, NEW.pwn_subject, NEW.exit_reason, NEW.shorter_notice_agreed,
      NEW.source, NEW.source_id, NEW.recorded_by, NEW.created_at)
     IS DISTINCT FROM
     (OLD.district_id, OLD.student_id, OLD.type, OLD.date, OLD.consent, OLD.meeting_date,
      OLD.agreed_implementation_date, OLD.birth_to_three, OLD.eligibility_kind, OLD.eligible,
      OLD.meeting_purposes, OLD.pwn_action, OLD.pwn_subject, OLD.exit_reason, OLD.shorter_notice_agreed,
      OLD.source, OLD.source_id, OLD.recorded_by, OLD.created_at) THEN
    RAISE EXCEPTION 'case_events facts are immutable; void the event and record a new one' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.voided_at IS NOT NULL AND (NEW.voided_at, NEW.voided_by, NEW.void_reason)
     IS DISTINCT FROM (OLD.voided_at, OLD.voided_by, OLD.void_reason) THEN
    RAISE EXCEPTION 'a voided case event stays voided, with its reason' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
