-- Stored documents are evidence of what was sent or shown for signature: written once, never changed.
CREATE FUNCTION stored_documents_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stored documents are written once and never changed (% rejected)', TG_OP USING ERRCODE = 'check_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stored_documents_insert_only BEFORE UPDATE OR DELETE ON stored_documents
  FOR EACH ROW EXECUTE FUNCTION stored_documents_insert_only();
