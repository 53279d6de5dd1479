-- Service sessions are evidence (compensatory services, Medicaid claims): written once, never changed.
-- A correction is a new row that replaces the old one; it must be for the same service and student.
CREATE TRIGGER service_sessions_append_only BEFORE UPDATE OR DELETE ON service_sessions
  FOR EACH ROW EXECUTE FUNCTION delivery_records_append_only();
--> statement-breakpoint
CREATE FUNCTION service_sessions_links() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.replaces_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM service_sessions WHERE id = NEW.replaces_id AND service_id = NEW.service_id AND student_id = NEW.student_id
  ) THEN
    RAISE EXCEPTION 'a correction replaces a session of the same service and student' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.make_up_for_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM service_sessions WHERE id = NEW.make_up_for_id AND student_id = NEW.student_id
      AND status = 'provider_absent'
  ) THEN
    RAISE EXCEPTION 'a make-up names a session the provider missed, of the same student' USING ERRCODE = 'check_violation';
  END IF;
  IF NOT EXISTS (
    SELECT 1 FROM plan_services s WHERE s.id = NEW.service_id AND s.version_id = NEW.version_id
  ) THEN
    RAISE EXCEPTION 'the session belongs to the version of its service' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER service_sessions_links BEFORE INSERT ON service_sessions
  FOR EACH ROW EXECUTE FUNCTION service_sessions_links();
