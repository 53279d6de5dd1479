-- A prior written notice is frozen once sent (N-01: stored as sent, never edited); a draft may be
-- edited, sent once, or deleted by the owner. A meeting whose notice went out keeps what the notice
-- said; it is then held or cancelled once, and a held or cancelled meeting changes no more (a held
-- meeting may only be linked to the plan version it developed, once). Its participants are frozen
-- with it, except in the transaction that wrote the meeting (a held meeting recorded with its
-- participants at once, as the demo seed does; re-inserting an existing row is left to its key).
CREATE FUNCTION prior_written_notices_frozen_when_sent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'sent' THEN
    RAISE EXCEPTION 'a sent prior written notice is never changed (% rejected)', TG_OP USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER prior_written_notices_frozen_when_sent BEFORE UPDATE OR DELETE ON prior_written_notices
  FOR EACH ROW EXECUTE FUNCTION prior_written_notices_frozen_when_sent();
--> statement-breakpoint
CREATE FUNCTION meetings_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  same_notice boolean;
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'scheduled' OR OLD.notice_document_id IS NOT NULL THEN
      RAISE EXCEPTION 'a meeting whose notice was sent, or that was held or cancelled, is never deleted' USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  same_notice := NEW.district_id = OLD.district_id AND NEW.student_id = OLD.student_id
    AND NEW.program = OLD.program AND NEW.purposes = OLD.purposes AND NEW.scheduled_on = OLD.scheduled_on
    AND NEW.starts_at = OLD.starts_at AND NEW.location IS NOT DISTINCT FROM OLD.location
    AND NEW.video_link IS NOT DISTINCT FROM OLD.video_link AND NEW.language = OLD.language
    AND NEW.shorter_notice_agreed = OLD.shorter_notice_agreed
    AND NEW.rescheduled_from_id IS NOT DISTINCT FROM OLD.rescheduled_from_id
    AND NEW.created_by IS NOT DISTINCT FROM OLD.created_by;
  IF OLD.status = 'held' THEN
    IF same_notice AND OLD.plan_version_id IS NULL AND NEW.plan_version_id IS NOT NULL
      AND NEW.status = OLD.status AND NEW.held_on = OLD.held_on AND NEW.decisions = OLD.decisions
      AND NEW.notes IS NOT DISTINCT FROM OLD.notes
      AND NEW.notice_document_id IS NOT DISTINCT FROM OLD.notice_document_id
      AND NEW.notice_sent_on IS NOT DISTINCT FROM OLD.notice_sent_on THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'a held meeting is never changed' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status = 'cancelled' THEN
    RAISE EXCEPTION 'a cancelled meeting is never changed' USING ERRCODE = 'check_violation';
  END IF;
  -- OLD.status = 'scheduled'
  IF OLD.notice_document_id IS NOT NULL THEN
    IF NOT same_notice OR NEW.notice_document_id <> OLD.notice_document_id
      OR NEW.notice_sent_on IS DISTINCT FROM OLD.notice_sent_on THEN
      RAISE EXCEPTION 'a meeting keeps what its sent notice said (cancel and reschedule instead)' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF NEW.status = 'held' AND NOT same_notice THEN
    RAISE EXCEPTION 'holding a meeting records only its attendance, decisions and notes' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = 'cancelled' AND (NOT same_notice OR NEW.held_on IS NOT NULL OR NEW.decisions IS NOT NULL
    OR NEW.notes IS DISTINCT FROM OLD.notes) THEN
    RAISE EXCEPTION 'cancelling a meeting records only the day and the reason' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER meetings_frozen BEFORE UPDATE OR DELETE ON meetings
  FOR EACH ROW EXECUTE FUNCTION meetings_frozen();
--> statement-breakpoint
CREATE FUNCTION meeting_participants_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  meeting_status text;
  written_now boolean;
BEGIN
  SELECT status::text, xmin::text::bigint = (txid_current() % 4294967296) INTO meeting_status, written_now
    FROM meetings WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.meeting_id ELSE NEW.meeting_id END;
  -- A row that already exists is left to its primary key (ON CONFLICT DO NOTHING re-runs a seed).
  IF TG_OP = 'INSERT' AND (written_now OR EXISTS (SELECT 1 FROM meeting_participants WHERE id = NEW.id)) THEN
    RETURN NEW;
  END IF;
  IF meeting_status IS DISTINCT FROM 'scheduled'
    OR (TG_OP = 'UPDATE' AND NEW.meeting_id <> OLD.meeting_id) THEN
    RAISE EXCEPTION 'the participants of a held or cancelled meeting are never changed' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER meeting_participants_frozen BEFORE INSERT OR UPDATE OR DELETE ON meeting_participants
  FOR EACH ROW EXECUTE FUNCTION meeting_participants_frozen();
