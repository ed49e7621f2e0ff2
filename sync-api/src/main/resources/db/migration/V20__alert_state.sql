-- sync-api's own alerts (issue 17): one row per alert key, its current or last episode. A firing row was
-- notified once when it started; a resolved one once when it ended (docs/alerts.md).
CREATE TABLE alert_state (
    alert_key         TEXT         PRIMARY KEY,
    severity          TEXT         NOT NULL,
    summary           TEXT         NOT NULL,
    details           JSONB        NOT NULL DEFAULT '{}'::jsonb,
    status            TEXT         NOT NULL CHECK (status IN ('firing', 'resolved')),
    started_at        TIMESTAMPTZ  NOT NULL,
    ended_at          TIMESTAMPTZ,
    last_notified_at  TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);
-- "dead letters growing" counts recent dead letters; "a run failed" reads recent failed runs
CREATE INDEX creatio_sync_dead_lettered ON creatio_sync (dead_lettered_at) WHERE dead_lettered_at IS NOT NULL;
CREATE INDEX sync_run_failed ON sync_run (finished_at) WHERE status = 'failed';
-- "pending conflicts over the threshold" counts the records waiting for a person
CREATE INDEX creatio_sync_in_conflict ON creatio_sync (entity_type) WHERE status = 'conflict';
