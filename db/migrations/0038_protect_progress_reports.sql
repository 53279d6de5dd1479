-- An issued progress report is the record of what the family was told (D-13, PM-4): never changed or
-- removed. Only a draft may change; the change that issues it is the last. A correction is a new row.
CREATE FUNCTION progress_reports_issued_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'progress reports are never deleted' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status = 'issued' THEN
    RAISE EXCEPTION 'an issued progress report cannot be changed; issue a correction' USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.id, NEW.district_id, NEW.student_id, NEW.plan_id, NEW.plan_version_id, NEW.period_start,
      NEW.report_card_date, NEW.version, NEW.corrects_id, NEW.created_by)
     IS DISTINCT FROM (OLD.id, OLD.district_id, OLD.student_id, OLD.plan_id, OLD.plan_version_id, OLD.period_start,
      OLD.report_card_date, OLD.version, OLD.corrects_id, OLD.created_by)
  THEN
    RAISE EXCEPTION 'a progress report keeps its student, plan and period' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER progress_reports_issued_frozen BEFORE UPDATE OR DELETE ON progress_reports
  FOR EACH ROW EXECUTE FUNCTION progress_reports_issued_frozen();
--> statement-breakpoint
-- A correction names an issued report of the same plan and period, one version before it.
CREATE FUNCTION progress_reports_correction_target() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.corrects_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM progress_reports
    WHERE id = NEW.corrects_id AND status = 'issued' AND plan_id = NEW.plan_id
      AND report_card_date = NEW.report_card_date AND version = NEW.version - 1
  ) THEN
    RAISE EXCEPTION 'a correction names the issued report it corrects' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER progress_reports_correction_target BEFORE INSERT ON progress_reports
  FOR EACH ROW EXECUTE FUNCTION progress_reports_correction_target();
--> statement-breakpoint
-- The lines of an issued report are frozen with it; lines are never deleted.
CREATE FUNCTION progress_report_items_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  report uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'progress report lines are never deleted' USING ERRCODE = 'check_violation';
  END IF;
  report := NEW.report_id;
  IF TG_OP = 'UPDATE' THEN
    IF (NEW.id, NEW.report_id, NEW.goal_id, NEW.goal_item_id, NEW.objective_id, NEW.position)
       IS DISTINCT FROM (OLD.id, OLD.report_id, OLD.goal_id, OLD.goal_item_id, OLD.objective_id, OLD.position)
    THEN
      RAISE EXCEPTION 'a progress report line keeps its goal or objective' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF EXISTS (SELECT 1 FROM progress_reports WHERE id = report AND status = 'issued') THEN
    RAISE EXCEPTION 'an issued progress report cannot be changed; issue a correction' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER progress_report_items_frozen BEFORE INSERT OR UPDATE OR DELETE ON progress_report_items
  FOR EACH ROW EXECUTE FUNCTION progress_report_items_frozen();
