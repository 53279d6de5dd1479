-- Initial referral steps (issue 12; compliance.md §3.1, §3.4 504→IEP; legal-review.md CL-9). The data layer
-- (lib/dal/referrals.ts) checks each step first with a specific message; this trigger refuses a forged or
-- out-of-order write made directly against the database.
--
-- Insert: never for a student with an IEP in force (that is a reevaluation), its `referral_received` event
-- must be the student's, dated the day received; a 504 → IEP referral names the 504 plan in force; a referral
-- starts open with no later step.
-- Update: the facts of the referral never change; each step is written once, in order — the decision after a
-- held referral PPT; the evaluation completed after the parent granted consent to evaluate (C-01); the
-- eligibility answer after the evaluation and at a held eligibility PPT; the close with its record (the PWN
-- refusing the evaluation, the refusal of consent, the PWN after a not-eligible finding, the IEP in force).
-- No step closes a referral while a due-process filing is pending (stay-put, 300.518). A closed referral is
-- frozen. Never deleted.
CREATE FUNCTION referrals_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'referral % cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
  END IF;

  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'open' OR NEW.decision IS NOT NULL OR NEW.evaluation_completed_on IS NOT NULL
       OR NEW.report_requested_on IS NOT NULL OR NEW.needs_sdi IS NOT NULL THEN
      RAISE EXCEPTION 'referral %: a referral starts open, with no later step', NEW.id USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM plan_versions v WHERE v.student_id = NEW.student_id AND v.plan_type = 'iep'
               AND v.status = 'active') THEN
      RAISE EXCEPTION 'referral %: the student has an IEP in force (a reevaluation, not a referral)', NEW.id
        USING ERRCODE = 'check_violation';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM case_events e WHERE e.id = NEW.received_event_id AND e.student_id = NEW.student_id
                   AND e.type = 'referral_received' AND e.date = NEW.received_on AND e.voided_at IS NULL) THEN
      RAISE EXCEPTION 'referral %: its referral_received event must be the student''s, dated %', NEW.id, NEW.received_on
        USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.plan504_version_id IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM plan_versions v WHERE v.id = NEW.plan504_version_id AND v.student_id = NEW.student_id
        AND v.plan_type = '504' AND v.status = 'active') THEN
      RAISE EXCEPTION 'referral %: the 504 plan named must be the student''s 504 plan in force', NEW.id
        USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;

  IF OLD.status = 'closed' THEN
    RAISE EXCEPTION 'referral % is closed', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.district_id IS DISTINCT FROM OLD.district_id OR NEW.student_id IS DISTINCT FROM OLD.student_id
     OR NEW.source IS DISTINCT FROM OLD.source OR NEW.received_on IS DISTINCT FROM OLD.received_on
     OR NEW.concern IS DISTINCT FROM OLD.concern OR NEW.request_form IS DISTINCT FROM OLD.request_form
     OR NEW.request_dated_on IS DISTINCT FROM OLD.request_dated_on
     OR NEW.plan504_version_id IS DISTINCT FROM OLD.plan504_version_id
     OR NEW.received_event_id IS DISTINCT FROM OLD.received_event_id OR NEW.created_by IS DISTINCT FROM OLD.created_by
     OR (OLD.decision IS NOT NULL AND (NEW.decision IS DISTINCT FROM OLD.decision
         OR NEW.decided_on IS DISTINCT FROM OLD.decided_on OR NEW.referral_meeting_id IS DISTINCT FROM OLD.referral_meeting_id
         OR NEW.safeguards_given_on IS DISTINCT FROM OLD.safeguards_given_on))
     OR (OLD.evaluation_completed_on IS NOT NULL AND NEW.evaluation_completed_on IS DISTINCT FROM OLD.evaluation_completed_on)
     OR (OLD.report_requested_on IS NOT NULL AND NEW.report_requested_on IS DISTINCT FROM OLD.report_requested_on)
     OR (OLD.needs_sdi IS NOT NULL AND (NEW.needs_sdi IS DISTINCT FROM OLD.needs_sdi
         OR NEW.disability_category IS DISTINCT FROM OLD.disability_category
         OR NEW.eligibility_meeting_id IS DISTINCT FROM OLD.eligibility_meeting_id
         OR NEW.eligibility_event_id IS DISTINCT FROM OLD.eligibility_event_id)) THEN
    RAISE EXCEPTION 'referral %: a recorded step cannot be changed', OLD.id USING ERRCODE = 'check_violation';
  END IF;

  IF OLD.decision IS NULL AND NEW.decision IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM meetings m WHERE m.id = NEW.referral_meeting_id AND m.student_id = NEW.student_id
      AND m.program = 'iep' AND m.status = 'held' AND 'referral' = ANY (m.purposes)
      AND m.held_on >= NEW.received_on AND m.held_on <= NEW.decided_on) THEN
    RAISE EXCEPTION 'referral %: the decision needs the referral PPT held on or before it', OLD.id
      USING ERRCODE = 'check_violation';
  END IF;

  IF OLD.evaluation_completed_on IS NULL AND NEW.evaluation_completed_on IS NOT NULL AND (
    NEW.decision IS DISTINCT FROM 'evaluate' OR NOT EXISTS (
      SELECT 1 FROM consent_requests q JOIN consent_responses r ON r.request_id = q.id
      WHERE q.student_id = NEW.student_id AND q.type = 'initial_evaluation' AND r.decision = 'granted'
        AND r.responded_on >= NEW.received_on AND r.responded_on <= NEW.evaluation_completed_on
        AND NOT EXISTS (SELECT 1 FROM consent_responses later WHERE later.request_id = q.id
                        AND later.responded_at > r.responded_at))) THEN
    RAISE EXCEPTION 'referral %: the evaluation is completed only after the parent granted consent to evaluate', OLD.id
      USING ERRCODE = 'check_violation';
  END IF;

  IF OLD.report_requested_on IS NULL AND NEW.report_requested_on IS NOT NULL
     AND (NEW.decision IS DISTINCT FROM 'evaluate' OR NEW.report_requested_on < NEW.received_on) THEN
    RAISE EXCEPTION 'referral %: the evaluation report is requested for an evaluation decided on', OLD.id
      USING ERRCODE = 'check_violation';
  END IF;

  IF OLD.needs_sdi IS NULL AND NEW.needs_sdi IS NOT NULL AND (
    NEW.evaluation_completed_on IS NULL OR NOT EXISTS (
      SELECT 1 FROM meetings m WHERE m.id = NEW.eligibility_meeting_id AND m.student_id = NEW.student_id
        AND m.program = 'iep' AND m.status = 'held' AND 'eligibility' = ANY (m.purposes)
        AND m.held_on >= NEW.evaluation_completed_on)
    OR NOT EXISTS (
      SELECT 1 FROM case_events e WHERE e.id = NEW.eligibility_event_id AND e.student_id = NEW.student_id
        AND e.type = 'eligibility_determined' AND e.eligibility_kind = 'initial' AND e.eligible = NEW.needs_sdi)) THEN
    RAISE EXCEPTION 'referral %: eligibility is decided at a held eligibility PPT after the evaluation', OLD.id
      USING ERRCODE = 'check_violation';
  END IF;

  IF NEW.status = 'closed' THEN
    IF NEW.outcome <> 'iep_in_force' AND plan_version_stay_put(NEW.student_id, 'iep') THEN
      RAISE EXCEPTION 'referral %: a due-process filing is pending (stay-put)', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.outcome = 'not_evaluated' AND NOT EXISTS (
      SELECT 1 FROM prior_written_notices n WHERE n.id = NEW.closing_notice_id AND n.student_id = NEW.student_id
        AND n.program = 'iep' AND n.status = 'sent' AND n.action = 'refuse'
        AND n.subject IN ('evaluation', 'identification') AND n.sent_on >= NEW.received_on) THEN
      RAISE EXCEPTION 'referral %: not evaluated needs a sent PWN refusing the evaluation', OLD.id
        USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.outcome = 'not_eligible' AND NOT EXISTS (
      SELECT 1 FROM prior_written_notices n JOIN meetings m ON m.id = NEW.eligibility_meeting_id
      WHERE n.id = NEW.closing_notice_id AND n.student_id = NEW.student_id AND n.program = 'iep'
        AND n.status = 'sent' AND n.subject = 'identification' AND n.sent_on >= m.held_on) THEN
      RAISE EXCEPTION 'referral %: not eligible needs a sent PWN on identification after the eligibility PPT', OLD.id
        USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.outcome = 'consent_refused' AND NOT EXISTS (
      SELECT 1 FROM consent_responses r JOIN consent_requests q ON q.id = r.request_id
      WHERE r.id = NEW.closing_consent_response_id AND q.student_id = NEW.student_id
        AND q.type IN ('initial_evaluation', 'initial_services') AND r.decision IN ('refused', 'no_response')
        AND r.responded_on >= NEW.received_on
        AND NOT EXISTS (SELECT 1 FROM consent_responses later WHERE later.request_id = q.id
                        AND later.responded_at > r.responded_at)) THEN
      RAISE EXCEPTION 'referral %: consent refused needs the parent''s standing refusal', OLD.id
        USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.outcome = 'iep_in_force' AND NOT EXISTS (
      SELECT 1 FROM case_events e WHERE e.student_id = NEW.student_id AND e.type = 'iep_implemented'
        AND e.voided_at IS NULL AND e.date >= NEW.received_on AND e.date = NEW.closed_on) THEN
      RAISE EXCEPTION 'referral %: closed by an IEP in force only on the day it took effect', OLD.id
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER referrals_guard BEFORE INSERT OR UPDATE OR DELETE ON referrals
  FOR EACH ROW EXECUTE FUNCTION referrals_guard();
--> statement-breakpoint
-- A student study team's referral lists the general-education interventions it tried (checked at commit, so
-- the interventions are written in the same transaction as the referral).
CREATE FUNCTION referrals_interventions_required() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.source = 'student_study_team'
     AND NOT EXISTS (SELECT 1 FROM referral_interventions i WHERE i.referral_id = NEW.id) THEN
    RAISE EXCEPTION 'referral %: a student study team referral lists its general-education interventions', NEW.id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER referrals_interventions_required AFTER INSERT ON referrals
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION referrals_interventions_required();
--> statement-breakpoint
CREATE FUNCTION referral_interventions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'referral interventions are insert-only' USING ERRCODE = 'check_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER referral_interventions_guard BEFORE UPDATE OR DELETE ON referral_interventions
  FOR EACH ROW EXECUTE FUNCTION referral_interventions_guard();
--> statement-breakpoint
-- The IEP in force closes the open referral (one source of truth: the `iep_implemented` event the
-- activation writes).
CREATE FUNCTION referrals_close_on_iep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.type = 'iep_implemented' AND NEW.voided_at IS NULL THEN
    UPDATE referrals SET status = 'closed', outcome = 'iep_in_force', closed_on = NEW.date, updated_at = now()
      WHERE student_id = NEW.student_id AND status = 'open' AND received_on <= NEW.date;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER referrals_close_on_iep AFTER INSERT ON case_events
  FOR EACH ROW EXECUTE FUNCTION referrals_close_on_iep();
