-- The students of a list read are part of the record of access: append-only like audit_events
-- (UPDATE, DELETE and TRUNCATE are rejected by the database itself).
CREATE TRIGGER audit_event_students_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_event_students
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_event_students_no_truncate
  BEFORE TRUNCATE ON audit_event_students
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
