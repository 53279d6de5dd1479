-- Ending a plan in force (issue 12; compliance.md §3.2–3.4; legal-review.md CL-6, CL-7, CL-9). The data
-- layer (lib/dal/transitions.ts) checks the same steps first with a specific message; these triggers
-- refuse a forged or out-of-order write made directly against the database.

-- A plan end is recorded only for the version in force, never under stay-put, and with the records the
-- reason needs: a sent notice proposing it (implemented by the end date), a reevaluation finding the
-- student no longer eligible (not eligible; IEP→504 also an exit PPT held), the written revocation the
-- parent acknowledged (consent revoked).
CREATE FUNCTION plan_ends_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v record;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'plan end % cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
  END IF;

  IF TG_OP = 'UPDATE' THEN
    IF NEW.district_id IS DISTINCT FROM OLD.district_id OR NEW.student_id IS DISTINCT FROM OLD.student_id
       OR NEW.plan_id IS DISTINCT FROM OLD.plan_id OR NEW.version_id IS DISTINCT FROM OLD.version_id
       OR NEW.plan_type IS DISTINCT FROM OLD.plan_type OR NEW.reason IS DISTINCT FROM OLD.reason
       OR NEW.ends_on IS DISTINCT FROM OLD.ends_on OR NEW.notice_id IS DISTINCT FROM OLD.notice_id
       OR NEW.revocation_response_id IS DISTINCT FROM OLD.revocation_response_id
       OR NEW.summary_academic IS DISTINCT FROM OLD.summary_academic
       OR NEW.summary_functional IS DISTINCT FROM OLD.summary_functional
       OR NEW.summary_recommendations IS DISTINCT FROM OLD.summary_recommendations
       OR NEW.created_by IS DISTINCT FROM OLD.created_by THEN
      RAISE EXCEPTION 'plan end % cannot be changed', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.status <> 'scheduled' AND NEW IS DISTINCT FROM OLD THEN
      RAISE EXCEPTION 'plan end % is %', OLD.id, OLD.status USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;

  IF NEW.status = 'cancelled' THEN
    RAISE EXCEPTION 'a plan end starts scheduled or completed' USING ERRCODE = 'check_violation';
  END IF;
  SELECT p.student_id, p.plan_id, p.plan_type, p.status, p.effective_on INTO v
    FROM plan_versions p WHERE p.id = NEW.version_id;
  IF v IS NULL OR v.student_id <> NEW.student_id OR v.plan_id <> NEW.plan_id OR v.plan_type <> NEW.plan_type
     OR v.status <> 'active' THEN
    RAISE EXCEPTION 'plan end %: only the version in force of the plan can end', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.ends_on <= v.effective_on THEN
    RAISE EXCEPTION 'plan end %: the plan ends after it took effect', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  IF plan_version_stay_put(NEW.student_id, NEW.plan_type::text) THEN
    RAISE EXCEPTION 'plan end %: a due-process filing is pending (stay-put)', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.notice_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM prior_written_notices n
    WHERE n.id = NEW.notice_id AND n.student_id = NEW.student_id AND n.program::text = NEW.plan_type::text
      AND n.status = 'sent' AND n.action = 'propose' AND n.plan_version_id IS NULL
      AND n.implementation_date <= NEW.ends_on
  ) THEN
    RAISE EXCEPTION 'plan end %: its notice must be a sent notice proposing it, implemented by %', NEW.id, NEW.ends_on
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.reason IN ('not_eligible', 'transferred_to_504') AND NOT EXISTS (
    SELECT 1 FROM case_events e
    WHERE e.student_id = NEW.student_id AND e.type = 'eligibility_determined' AND e.eligibility_kind = 'reevaluation'
      AND e.eligible = false AND e.voided_at IS NULL AND e.date >= v.effective_on
  ) THEN
    RAISE EXCEPTION 'plan end %: no reevaluation on record finds the student no longer eligible', NEW.id
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.reason = 'transferred_to_504' AND NOT EXISTS (
    SELECT 1 FROM meetings m
    WHERE m.student_id = NEW.student_id AND m.program = 'iep' AND m.status = 'held'
      AND m.purposes && ARRAY['exit']::meeting_purpose[] AND m.held_on >= v.effective_on
  ) THEN
    RAISE EXCEPTION 'plan end %: no exit PPT held', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.reason = 'consent_revoked' AND NOT EXISTS (
    SELECT 1 FROM consent_responses s JOIN consent_requests r ON r.id = s.request_id
    WHERE s.id = NEW.revocation_response_id AND r.student_id = NEW.student_id AND r.type = 'initial_services'
      AND s.decision = 'revoked' AND s.revocation_acknowledged
  ) THEN
    RAISE EXCEPTION 'plan end %: no acknowledged written revocation of consent on record', NEW.id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER plan_ends_guard_write BEFORE INSERT OR UPDATE OR DELETE ON plan_ends
  FOR EACH ROW EXECUTE FUNCTION plan_ends_guard();
--> statement-breakpoint
-- A version in force ends only through its recorded plan end, the day before that end's date; a 504
-- plan replaced by an IEP only when that IEP takes effect the next day (Rule 504-4: the 504 plan stays in
-- force until the IEP is).
CREATE FUNCTION plan_versions_end_gate() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  e record;
BEGIN
  IF NOT (OLD.status = 'active' AND NEW.status = 'ended') THEN
    RETURN NEW;
  END IF;
  SELECT x.reason, x.ends_on INTO e FROM plan_ends x
    WHERE x.version_id = NEW.id AND x.status <> 'cancelled' AND x.ends_on = NEW.ended_on + 1;
  IF e IS NULL THEN
    RAISE EXCEPTION 'plan version % can end only through a recorded plan end (exit, transition or revocation)', NEW.id
      USING ERRCODE = 'check_violation';
  END IF;
  IF e.reason = 'replaced_by_iep' AND NOT EXISTS (
    SELECT 1 FROM plan_versions i
    WHERE i.student_id = NEW.student_id AND i.plan_type = 'iep' AND i.status IN ('final', 'active')
      AND i.effective_on = e.ends_on
  ) THEN
    RAISE EXCEPTION 'plan version %: a 504 plan ends for an IEP only when the IEP takes effect the next day', NEW.id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER plan_versions_transition_gate BEFORE UPDATE ON plan_versions
  FOR EACH ROW EXECUTE FUNCTION plan_versions_end_gate();
--> statement-breakpoint
-- Stay-put (300.518, CL-7): no exit is recorded by hand while a due-process filing is pending.
CREATE FUNCTION case_events_exit_stay_put() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.type::text = 'exited' AND NEW.voided_at IS NULL AND plan_version_stay_put(NEW.student_id, 'iep') THEN
    RAISE EXCEPTION 'no exit while a due-process filing is pending (stay-put)' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_events_exit_stay_put BEFORE INSERT ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_exit_stay_put();
