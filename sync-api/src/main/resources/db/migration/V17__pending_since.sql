-- Since when a record has been out of sync (issue 17): set when its status enters pending or
-- in_progress, kept while it stays in either, cleared when it leaves them. A trigger keeps it, so
-- every path that changes a status (the planner, retries, retry-failed's UPDATE) is covered. The
-- freshness gauge reads the oldest one per entity type; the latency histogram the settled one's.
ALTER TABLE creatio_sync ADD COLUMN pending_since TIMESTAMPTZ;

UPDATE creatio_sync SET pending_since = coalesce(planned_at, updated_at) WHERE status IN ('pending', 'in_progress');

CREATE INDEX creatio_sync_pending_since ON creatio_sync (entity_type, pending_since) WHERE pending_since IS NOT NULL;

CREATE FUNCTION creatio_sync_pending_since() RETURNS trigger AS $$
BEGIN
    IF NEW.status IN ('pending', 'in_progress') THEN
        IF TG_OP = 'INSERT' OR OLD.status NOT IN ('pending', 'in_progress') OR OLD.pending_since IS NULL THEN
            NEW.pending_since := coalesce(NEW.pending_since, now());
        END IF;
    ELSE
        NEW.pending_since := NULL;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER creatio_sync_pending_since BEFORE INSERT OR UPDATE OF status ON creatio_sync
    FOR EACH ROW EXECUTE FUNCTION creatio_sync_pending_since();
