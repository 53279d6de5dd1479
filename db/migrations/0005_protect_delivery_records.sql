-- Acknowledgments and implementation log entries are evidence: written once, never changed.
-- A correction to a log entry is a new row that replaces the old one.
CREATE FUNCTION delivery_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% rejected)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'check_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER acknowledgments_append_only BEFORE UPDATE OR DELETE ON acknowledgments
  FOR EACH ROW EXECUTE FUNCTION delivery_records_append_only();
--> statement-breakpoint
CREATE TRIGGER implementation_logs_append_only BEFORE UPDATE OR DELETE ON implementation_logs
  FOR EACH ROW EXECUTE FUNCTION delivery_records_append_only();
--> statement-breakpoint
-- An acknowledgment is for a version that is in force when it is given.
CREATE FUNCTION acknowledgments_active_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM plan_versions WHERE id = NEW.version_id AND status = 'active') THEN
    RAISE EXCEPTION 'only the version in force can be acknowledged' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER acknowledgments_active_version BEFORE INSERT ON acknowledgments
  FOR EACH ROW EXECUTE FUNCTION acknowledgments_active_version();
