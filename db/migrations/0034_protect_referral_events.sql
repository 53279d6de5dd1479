-- The `referral_received` event an open referral rests on (issue 12) stays in force while the referral is
-- open: voiding it would silently drop D-01. The data layer refuses it with a specific message first.
CREATE FUNCTION case_events_referral_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL
     AND EXISTS (SELECT 1 FROM referrals r WHERE r.received_event_id = OLD.id AND r.status = 'open') THEN
    RAISE EXCEPTION 'case event %: the referral_received of an open referral cannot be voided', OLD.id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_events_referral_guard BEFORE UPDATE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_referral_guard();
