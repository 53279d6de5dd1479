-- Case events are legal evidence: never deleted, and their facts never rewritten. A mistaken entry
-- is voided (voided_at / voided_by), which the deadline engine then ignores.
CREATE FUNCTION case_events_keep_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'case_events rows are never deleted; void them instead' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.district_id, NEW.student_id, NEW.type, NEW.date, NEW.consent, NEW.meeting_date,
      NEW.agreed_implementation_date, NEW.source, NEW.source_id, NEW.recorded_by, NEW.created_at)
     IS DISTINCT FROM
     (OLD.district_id, OLD.student_id, OLD.type, OLD.date, OLD.consent, OLD.meeting_date,
      OLD.agreed_implementation_date, OLD.source, OLD.source_id, OLD.recorded_by, OLD.created_at) THEN
    RAISE EXCEPTION 'case_events facts are immutable; void the event and record a new one' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.voided_at IS NOT NULL AND NEW.voided_at IS DISTINCT FROM OLD.voided_at THEN
    RAISE EXCEPTION 'a voided case event stays voided' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_events_keep_facts
  BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_keep_facts();
