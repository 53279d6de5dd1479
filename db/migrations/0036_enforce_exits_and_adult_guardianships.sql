-- Exits, stay-put holds, records transfers and adult students' guardians (issue 12; compliance.md §3.2–3.4,
-- A-04, A-12; legal-review.md CL-6, CL-7, CL-9, CL-10). The data layer checks the same rules first with a
-- specific message; these triggers refuse a forged or out-of-order write made directly in SQL.

-- A plan end's facts never change. Its state moves scheduled → completed (not while held under stay-put)
-- or scheduled → cancelled (with a reason, checked by plan_ends_cancel_reason); while scheduled, staff may
-- mark it held under a pending due-process filing of its program filed before its date (once, for good).
-- A rescheduled end names a cancelled, held end of the same version whose filing is closed.
CREATE OR REPLACE FUNCTION plan_ends_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v record;
  f record;
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
       OR NEW.rescheduled_from_id IS DISTINCT FROM OLD.rescheduled_from_id
       OR NEW.receiving_district IS DISTINCT FROM OLD.receiving_district
       OR NEW.receiving_school IS DISTINCT FROM OLD.receiving_school
       OR NEW.created_by IS DISTINCT FROM OLD.created_by THEN
      RAISE EXCEPTION 'plan end % cannot be changed', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.status <> 'scheduled' AND NEW IS DISTINCT FROM OLD THEN
      RAISE EXCEPTION 'plan end % is %', OLD.id, OLD.status USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.stay_put_filing_id IS NOT NULL AND (NEW.stay_put_filing_id IS DISTINCT FROM OLD.stay_put_filing_id
       OR NEW.stay_put_on IS DISTINCT FROM OLD.stay_put_on) THEN
      RAISE EXCEPTION 'plan end %: a stay-put hold is never changed', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.stay_put_filing_id IS NULL AND NEW.stay_put_filing_id IS NOT NULL THEN
      SELECT d.student_id, d.program, d.status, d.filed_on INTO f FROM due_process_filings d WHERE d.id = NEW.stay_put_filing_id;
      IF f IS NULL OR f.student_id <> NEW.student_id OR f.program::text <> NEW.plan_type::text OR f.status <> 'pending'
         OR f.filed_on >= NEW.ends_on OR NEW.status <> 'scheduled' THEN
        RAISE EXCEPTION 'plan end %: held only under a pending due-process filing of its program, filed before its date', OLD.id
          USING ERRCODE = 'check_violation';
      END IF;
    END IF;
    IF NEW.status = 'completed' AND NEW.stay_put_filing_id IS NOT NULL THEN
      RAISE EXCEPTION 'plan end %: the plan continues under stay-put; cancel or reschedule the end', OLD.id
        USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;

  IF NEW.status <> 'scheduled' AND NEW.status <> 'completed' THEN
    RAISE EXCEPTION 'a plan end starts scheduled or completed' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.stay_put_filing_id IS NOT NULL THEN
    RAISE EXCEPTION 'a plan end is held under stay-put only after it was scheduled' USING ERRCODE = 'check_violation';
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
  IF NEW.rescheduled_from_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM plan_ends o JOIN due_process_filings d ON d.id = o.stay_put_filing_id
    WHERE o.id = NEW.rescheduled_from_id AND o.version_id = NEW.version_id AND o.reason = NEW.reason
      AND o.status = 'cancelled' AND d.status <> 'pending'
  ) THEN
    RAISE EXCEPTION 'plan end %: it reschedules only a cancelled stay-put end of the same version, once its filing is closed', NEW.id
      USING ERRCODE = 'check_violation';
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
-- The disclosure log (FERPA 99.32) and courts' guardianship orders are evidence: insert-only, and each row
-- belongs to its student (the plan end of a records transfer, the guardianship an order names).
CREATE FUNCTION record_disclosures_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'the disclosure log is append-only (% rejected)', TG_OP USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.plan_end_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM plan_ends e WHERE e.id = NEW.plan_end_id AND e.student_id = NEW.student_id AND e.reason = 'moved'
  ) THEN
    RAISE EXCEPTION 'a records transfer names a plan end of the same student for a move' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER record_disclosures_guard BEFORE INSERT OR UPDATE OR DELETE ON record_disclosures
  FOR EACH ROW EXECUTE FUNCTION record_disclosures_guard();
--> statement-breakpoint
CREATE FUNCTION court_guardianships_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'court guardianship orders are append-only (% rejected)', TG_OP USING ERRCODE = 'check_violation';
  END IF;
  IF NOT EXISTS (
    SELECT 1 FROM guardianships g JOIN students s ON s.id = g.student_id
    WHERE g.id = NEW.guardianship_id AND g.student_id = NEW.student_id AND s.district_id = NEW.district_id
  ) THEN
    RAISE EXCEPTION 'a court guardianship names a guardianship of the same student' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER court_guardianships_guard BEFORE INSERT OR UPDATE OR DELETE ON court_guardianships
  FOR EACH ROW EXECUTE FUNCTION court_guardianships_guard();
--> statement-breakpoint
-- Who signs on the day (C-13; 300.520; CL-10): from the 18th birthday the adult student — unless a court's
-- guardianship order is in force that day, and then only the guardian it names; a parent's signature no
-- longer counts. (The data layer also refuses the student's own signature before the birthday.)
CREATE FUNCTION consent_responses_signer_on_the_day() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  adult boolean;
  ordered boolean;
BEGIN
  IF NEW.signer_kind IS NULL OR EXISTS (SELECT 1 FROM consent_responses WHERE id = NEW.id) THEN
    RETURN NEW;
  END IF;
  SELECT (s.birth_date + interval '18 years')::date <= NEW.responded_on INTO adult FROM students s WHERE s.id = NEW.student_id;
  SELECT EXISTS (
    SELECT 1 FROM court_guardianships c
    WHERE c.student_id = NEW.student_id AND c.starts_on <= NEW.responded_on
      AND (c.ends_on IS NULL OR c.ends_on >= NEW.responded_on)
  ) INTO ordered;
  IF NEW.signer_kind = 'adult_student' AND adult AND ordered THEN
    RAISE EXCEPTION 'a court-appointed guardian decides for this adult student: the student does not sign'
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.signer_kind = 'guardian' AND adult AND NOT EXISTS (
    SELECT 1 FROM court_guardianships c
    WHERE c.guardianship_id = NEW.signer_guardianship_id AND c.starts_on <= NEW.responded_on
      AND (c.ends_on IS NULL OR c.ends_on >= NEW.responded_on)
  ) THEN
    RAISE EXCEPTION 'an adult student decides: only a court-appointed guardian signs for them'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consent_responses_signer_on_the_day BEFORE INSERT ON consent_responses
  FOR EACH ROW EXECUTE FUNCTION consent_responses_signer_on_the_day();
