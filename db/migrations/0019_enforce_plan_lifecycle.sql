-- The plan lifecycle (lib/plans/lifecycle.ts is the same table): which status moves are legal, and the
-- legal-record gates a version must pass to become final, active or ended (issue 11; compliance.md
-- §3.2–3.4, C-02, C-07; legal-review.md CL-4, CL-5, CL-7). The data layer checks the same gates first
-- and answers with a specific message; these triggers refuse any write that skips it.

-- Whether the latest response (by responded_at) to a consent request of `consent_type` bound to a plan
-- version is a grant: "granted and unrevoked".
CREATE FUNCTION plan_version_consent_granted(p_version uuid, p_type consent_request_type) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM consent_requests r
    WHERE r.plan_version_id = p_version AND r.type = p_type
      AND (SELECT s.decision FROM consent_responses s WHERE s.request_id = r.id
           ORDER BY s.responded_at DESC, s.id DESC LIMIT 1) = 'granted'
  );
$$;
--> statement-breakpoint
-- A student's first IEP: no other IEP of the student was ever put in force — no other version in
-- PlanPath and no `iep_implemented` case event (history recorded from before the district used
-- PlanPath) — unless the student exited special education (an `exited` event, not voided) on or after
-- the day it ended: a returning student starts again with consent to initial services.
CREATE FUNCTION plan_version_is_first_iep(p_version uuid, p_student uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT NOT EXISTS (
    SELECT 1 FROM plan_versions p
    WHERE p.student_id = p_student AND p.plan_type = 'iep' AND p.id <> p_version AND p.activated_at IS NOT NULL
      AND NOT EXISTS (
        SELECT 1 FROM case_events e
        WHERE e.student_id = p_student AND e.type::text = 'exited' AND e.voided_at IS NULL
          AND p.ended_on IS NOT NULL AND e.date >= p.ended_on
      )
  ) AND NOT EXISTS (
    SELECT 1 FROM case_events i
    WHERE i.student_id = p_student AND i.type = 'iep_implemented' AND i.voided_at IS NULL
      AND i.source_id IS DISTINCT FROM p_version
      AND NOT EXISTS (
        SELECT 1 FROM case_events e
        WHERE e.student_id = p_student AND e.type::text = 'exited' AND e.voided_at IS NULL AND e.date >= i.date
      )
  );
$$;
--> statement-breakpoint
-- Whether a due-process filing is pending for the student in a program (stay-put, 300.518).
CREATE FUNCTION plan_version_stay_put(p_student uuid, p_program text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM due_process_filings f
    WHERE f.student_id = p_student AND f.program::text = p_program AND f.status = 'pending'
  );
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION plan_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'plan version % is %: only drafts can be deleted', OLD.id, OLD.status USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;

  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'draft' THEN
      RAISE EXCEPTION 'a plan version starts as a draft (not %)', NEW.status USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;

  IF NEW.plan_id IS DISTINCT FROM OLD.plan_id OR NEW.student_id IS DISTINCT FROM OLD.student_id
     OR NEW.plan_type IS DISTINCT FROM OLD.plan_type OR NEW.number IS DISTINCT FROM OLD.number
     OR NEW.based_on_version_id IS DISTINCT FROM OLD.based_on_version_id OR NEW.created_by IS DISTINCT FROM OLD.created_by THEN
    RAISE EXCEPTION 'plan version % identity cannot change', OLD.id USING ERRCODE = 'check_violation';
  END IF;

  -- The transition table (lib/plans/lifecycle.ts TRANSITIONS).
  IF NEW.status <> OLD.status AND NOT (
       (OLD.status = 'draft' AND NEW.status IN ('proposed', 'final'))
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
    OR NEW.meeting_id IS DISTINCT FROM OLD.meeting_id
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
CREATE TRIGGER plan_versions_guard_insert BEFORE INSERT ON plan_versions
  FOR EACH ROW EXECUTE FUNCTION plan_versions_guard();
--> statement-breakpoint
-- The gates of the lifecycle table, checked on the row as it will be written (after the pair check of
-- plan_versions_guard_update: triggers fire in name order).
CREATE FUNCTION plan_versions_gates() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  meeting_date date;
  first_iep boolean;
  require_504_consent boolean;
BEGIN
  IF NEW.status = OLD.status THEN
    RETURN NEW;
  END IF;

  -- Finalize: a held meeting of the same student and program on the version's meeting date
  -- (an IEP meeting for initial IEP, annual review or revision) that decided no other version, or, for an IEP amendment, the
  -- parent's written agreement to amend without a meeting (C-07).
  IF NEW.status = 'final' THEN
    BEGIN
      meeting_date := (NEW.content ->> 'meetingDate')::date;
    EXCEPTION WHEN others THEN
      meeting_date := NULL;
    END;
    IF NEW.meeting_id IS NOT NULL THEN
      IF NOT EXISTS (
        SELECT 1 FROM meetings m
        WHERE m.id = NEW.meeting_id AND m.student_id = NEW.student_id AND m.program::text = NEW.plan_type::text
          AND m.status = 'held' AND m.held_on = meeting_date
          AND (NEW.plan_type = '504' OR m.purposes && ARRAY['initial_iep', 'annual_review', 'revision']::meeting_purpose[])
          AND (m.plan_version_id IS NULL OR m.plan_version_id = NEW.id)
          AND NOT EXISTS (SELECT 1 FROM plan_versions o WHERE o.meeting_id = m.id AND o.id <> NEW.id)
      ) THEN
        RAISE EXCEPTION 'plan version % cannot be final: its meeting is not a held % meeting on %', NEW.id, NEW.plan_type, meeting_date
          USING ERRCODE = 'check_violation';
      END IF;
    ELSIF NOT (NEW.plan_type = 'iep' AND NEW.based_on_version_id IS NOT NULL
               AND plan_version_consent_granted(NEW.id, 'amendment_without_meeting')) THEN
      RAISE EXCEPTION 'plan version % cannot be final without a held meeting or a written agreement to amend without one', NEW.id
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;

  -- Stay-put (300.518): no new version in force and no plan ended while a due-process filing is pending.
  IF (NEW.status = 'active' OR (OLD.status = 'active' AND NEW.status = 'ended'))
     AND plan_version_stay_put(NEW.student_id, NEW.plan_type::text) THEN
    RAISE EXCEPTION 'plan version % cannot become %: a due-process filing is pending (stay-put)', NEW.id, NEW.status
      USING ERRCODE = 'check_violation';
  END IF;

  IF NEW.status = 'active' THEN
    IF NEW.plan_type = 'iep' THEN
      first_iep := plan_version_is_first_iep(NEW.id, NEW.student_id);
      IF first_iep AND NOT plan_version_consent_granted(NEW.id, 'initial_services') THEN
        RAISE EXCEPTION 'plan version % is the student''s first IEP: it needs granted consent to initial services (C-02)', NEW.id
          USING ERRCODE = 'check_violation';
      END IF;
      -- Every new or changed IEP, the first included, is proposed by a sent PWN (N-01) and takes effect
      -- on or after its implementation date (D-05); a first IEP also needs consent (C-02) and a later
      -- one needs no consent (CL-5).
      IF NOT EXISTS (
        SELECT 1 FROM prior_written_notices n
        WHERE n.plan_version_id = NEW.id AND n.student_id = NEW.student_id AND n.status = 'sent' AND n.action = 'propose'
          AND n.implementation_date <= NEW.effective_on
      ) THEN
        RAISE EXCEPTION 'plan version % needs a sent prior written notice proposing it, implemented on or before %', NEW.id, NEW.effective_on
          USING ERRCODE = 'check_violation';
      END IF;
    ELSE
      SELECT coalesce((d.settings -> 'lifecycle' ->> 'require504WrittenConsent')::boolean, false) INTO require_504_consent
        FROM students s JOIN districts d ON d.id = s.district_id WHERE s.id = NEW.student_id;
      IF require_504_consent AND NOT plan_version_consent_granted(NEW.id, 'plan_504') THEN
        RAISE EXCEPTION 'plan version % needs the parent''s written consent to the 504 plan (district setting)', NEW.id
          USING ERRCODE = 'check_violation';
      END IF;
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER plan_versions_lifecycle_gates BEFORE UPDATE ON plan_versions
  FOR EACH ROW EXECUTE FUNCTION plan_versions_gates();
