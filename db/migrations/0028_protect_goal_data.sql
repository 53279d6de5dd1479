-- Goal data points are evidence (legal-review PM-1): written once, never changed. A correction is a
-- new row naming the point it corrects, on the same goal and student.
CREATE TRIGGER goal_data_points_append_only BEFORE UPDATE OR DELETE ON goal_data_points
  FOR EACH ROW EXECUTE FUNCTION delivery_records_append_only();
--> statement-breakpoint
CREATE FUNCTION goal_data_points_correction_target() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.corrects_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM goal_data_points
    WHERE id = NEW.corrects_id AND goal_id = NEW.goal_id AND student_id = NEW.student_id
      AND objective_id IS NOT DISTINCT FROM NEW.objective_id
  ) THEN
    RAISE EXCEPTION 'a correction names a point of the same goal' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER goal_data_points_correction_target BEFORE INSERT ON goal_data_points
  FOR EACH ROW EXECUTE FUNCTION goal_data_points_correction_target();
--> statement-breakpoint
-- A goal collector assignment keeps its facts: the only change is ending it, once.
CREATE FUNCTION goal_collectors_end_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'goal_collectors rows are never deleted' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.ended_at IS NOT NULL
    OR (NEW.id, NEW.plan_id, NEW.goal_item_id, NEW.student_id, NEW.user_id, NEW.assigned_by, NEW.assigned_at)
       IS DISTINCT FROM (OLD.id, OLD.plan_id, OLD.goal_item_id, OLD.student_id, OLD.user_id, OLD.assigned_by, OLD.assigned_at)
  THEN
    RAISE EXCEPTION 'a goal collector assignment can only be ended' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER goal_collectors_end_only BEFORE UPDATE OR DELETE ON goal_collectors
  FOR EACH ROW EXECUTE FUNCTION goal_collectors_end_only();
