-- The consent ledger is evidence (compliance.md §5.1, legal-review CL-1): a response is written once
-- and never changed or removed; a request is never removed and only its `superseded_by_id` may be set,
-- once, to a later request of the same student.
CREATE FUNCTION consent_responses_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'consent responses are append-only (% rejected)', TG_OP USING ERRCODE = 'check_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consent_responses_append_only BEFORE UPDATE OR DELETE ON consent_responses
  FOR EACH ROW EXECUTE FUNCTION consent_responses_append_only();
--> statement-breakpoint
-- A response answers the current document of an answerable request, in a legal order: the signer saw
-- the request's document (same SHA-256), the request is not superseded, `revoked` follows a grant
-- (300.9(c)), nothing follows a revocation, `no_response` only for initial evaluation and initial
-- services (D-23), and revoking initial services carries the parent's acknowledgment (C-05, CL-6).
CREATE FUNCTION consent_responses_check_order() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  req consent_requests%ROWTYPE;
  latest consent_decision;
BEGIN
  -- A repeated insert of an existing row (an idempotent seed's ON CONFLICT DO NOTHING) is left to the key.
  IF EXISTS (SELECT 1 FROM consent_responses WHERE id = NEW.id) THEN
    RETURN NEW;
  END IF;
  SELECT * INTO req FROM consent_requests WHERE id = NEW.request_id FOR UPDATE;
  IF req.student_id IS DISTINCT FROM NEW.student_id THEN
    RAISE EXCEPTION 'a consent response belongs to the student of its request' USING ERRCODE = 'check_violation';
  END IF;
  IF req.superseded_by_id IS NOT NULL THEN
    RAISE EXCEPTION 'this consent request was superseded by a new version of the document' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.document_sha256 IS DISTINCT FROM req.document_sha256 THEN
    RAISE EXCEPTION 'the response names a different document than the request' USING ERRCODE = 'check_violation';
  END IF;
  SELECT decision INTO latest FROM consent_responses
    WHERE request_id = NEW.request_id ORDER BY responded_at DESC, id DESC LIMIT 1;
  IF latest = 'revoked' THEN
    RAISE EXCEPTION 'a revoked consent is not answered again; make a new request' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.decision = 'revoked' AND latest IS DISTINCT FROM 'granted' THEN
    RAISE EXCEPTION 'only a granted consent can be revoked' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.decision <> 'revoked' AND latest = 'granted' THEN
    RAISE EXCEPTION 'a granted consent can only be revoked' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.decision = 'no_response' AND req.type NOT IN ('initial_evaluation', 'initial_services') THEN
    RAISE EXCEPTION 'no response counts as refusal only for initial evaluation and initial services' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.decision = 'revoked' AND req.type = 'initial_services' AND NOT NEW.revocation_acknowledged THEN
    RAISE EXCEPTION 'revoking consent to initial services needs the acknowledged consequences' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consent_responses_check_order BEFORE INSERT ON consent_responses
  FOR EACH ROW EXECUTE FUNCTION consent_responses_check_order();
--> statement-breakpoint
CREATE FUNCTION consent_requests_supersede_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'consent requests are never deleted' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.superseded_by_id IS NOT NULL THEN
    RAISE EXCEPTION 'a superseded consent request is never changed' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.superseded_by_id IS NULL OR NEW.superseded_by_id = OLD.id
     OR (NEW.id, NEW.district_id, NEW.student_id, NEW.type, NEW.program, NEW.plan_version_id, NEW.meeting_id,
         NEW.notice_id, NEW.document_id, NEW.document_sha256, NEW.language, NEW.requested_on, NEW.requested_by,
         NEW.created_at)
        IS DISTINCT FROM
        (OLD.id, OLD.district_id, OLD.student_id, OLD.type, OLD.program, OLD.plan_version_id, OLD.meeting_id,
         OLD.notice_id, OLD.document_id, OLD.document_sha256, OLD.language, OLD.requested_on, OLD.requested_by,
         OLD.created_at) THEN
    RAISE EXCEPTION 'only superseded_by_id may be set on a consent request, once' USING ERRCODE = 'check_violation';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM consent_requests r WHERE r.id = NEW.superseded_by_id AND r.student_id = OLD.student_id) THEN
    RAISE EXCEPTION 'a consent request is superseded by a later request of the same student' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consent_requests_supersede_only BEFORE UPDATE OR DELETE ON consent_requests
  FOR EACH ROW EXECUTE FUNCTION consent_requests_supersede_only();
