-- Plan versions are legal evidence: once proposed their content is frozen, and a version only
-- moves forward through the lifecycle (draft ⇄ proposed → final → active → superseded | ended).
CREATE FUNCTION plan_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'plan version % is %: only drafts can be deleted', OLD.id, OLD.status USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;

  IF NEW.plan_id IS DISTINCT FROM OLD.plan_id OR NEW.student_id IS DISTINCT FROM OLD.student_id
     OR NEW.plan_type IS DISTINCT FROM OLD.plan_type OR NEW.number IS DISTINCT FROM OLD.number
     OR NEW.based_on_version_id IS DISTINCT FROM OLD.based_on_version_id OR NEW.created_by IS DISTINCT FROM OLD.created_by THEN
    RAISE EXCEPTION 'plan version % identity cannot change', OLD.id USING ERRCODE = 'check_violation';
  END IF;

  IF NEW.status <> OLD.status AND NOT (
       (OLD.status = 'draft' AND NEW.status = 'proposed')
    OR (OLD.status = 'proposed' AND NEW.status IN ('draft', 'final'))
    OR (OLD.status = 'final' AND NEW.status IN ('active', 'ended'))
    OR (OLD.status = 'active' AND NEW.status IN ('superseded', 'ended'))
  ) THEN
    RAISE EXCEPTION 'plan version % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;

  IF OLD.status <> 'draft' AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.lock_version IS DISTINCT FROM OLD.lock_version) THEN
    RAISE EXCEPTION 'plan version % is % and cannot be edited', OLD.id, OLD.status USING ERRCODE = 'check_violation';
  END IF;

  IF OLD.status IN ('final', 'active', 'superseded', 'ended') AND (
       NEW.content_hash IS DISTINCT FROM OLD.content_hash OR NEW.review_due IS DISTINCT FROM OLD.review_due
    OR NEW.finalized_at IS DISTINCT FROM OLD.finalized_at OR NEW.proposed_at IS DISTINCT FROM OLD.proposed_at
    OR (OLD.effective_on IS NOT NULL AND NEW.effective_on IS DISTINCT FROM OLD.effective_on)
  ) THEN
    RAISE EXCEPTION 'plan version % is % and cannot be edited', OLD.id, OLD.status USING ERRCODE = 'check_violation';
  END IF;

  IF OLD.status IN ('superseded', 'ended') AND NEW IS DISTINCT FROM OLD THEN
    RAISE EXCEPTION 'plan version % is closed', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER plan_versions_guard_update BEFORE UPDATE ON plan_versions
  FOR EACH ROW EXECUTE FUNCTION plan_versions_guard();
--> statement-breakpoint
CREATE TRIGGER plan_versions_guard_delete BEFORE DELETE ON plan_versions
  FOR EACH ROW EXECUTE FUNCTION plan_versions_guard();
--> statement-breakpoint
-- Materialized items of a version are written once, when the version is finalized, and never changed.
CREATE FUNCTION plan_items_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  version_status plan_version_status;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION '% rows are written once and never changed (% rejected)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'check_violation';
  END IF;
  IF TG_TABLE_NAME = 'plan_objectives' THEN
    SELECT v.status INTO version_status FROM plan_goals g JOIN plan_versions v ON v.id = g.version_id WHERE g.id = NEW.goal_id;
  ELSE
    SELECT status INTO version_status FROM plan_versions WHERE id = NEW.version_id;
  END IF;
  IF version_status IS DISTINCT FROM 'final' THEN
    RAISE EXCEPTION '% rows can only be written while their version is being finalized', TG_TABLE_NAME USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER plan_accommodations_guard BEFORE INSERT OR UPDATE OR DELETE ON plan_accommodations
  FOR EACH ROW EXECUTE FUNCTION plan_items_guard();
--> statement-breakpoint
CREATE TRIGGER plan_services_guard BEFORE INSERT OR UPDATE OR DELETE ON plan_services
  FOR EACH ROW EXECUTE FUNCTION plan_items_guard();
--> statement-breakpoint
CREATE TRIGGER plan_goals_guard BEFORE INSERT OR UPDATE OR DELETE ON plan_goals
  FOR EACH ROW EXECUTE FUNCTION plan_items_guard();
--> statement-breakpoint
CREATE TRIGGER plan_objectives_guard BEFORE INSERT OR UPDATE OR DELETE ON plan_objectives
  FOR EACH ROW EXECUTE FUNCTION plan_items_guard();
