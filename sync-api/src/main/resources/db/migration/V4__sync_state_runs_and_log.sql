-- The sync core's state (issue 6): what a CreatioSync row needs to order results, count
-- attempts and schedule retries; runs (sync_all, sync-lead, retry-failed, resync requests) with
-- their progress; the sync log's links to runs and commands.
ALTER TABLE creatio_sync
    ADD COLUMN local_version        BIGINT,
    ADD COLUMN synced_version       BIGINT,
    ADD COLUMN pending_command_id   UUID,
    ADD COLUMN attempt              INT          NOT NULL DEFAULT 0,
    ADD COLUMN lane                 TEXT,
    ADD COLUMN run_id               UUID,
    ADD COLUMN last_outcome         TEXT,
    ADD COLUMN creatio_modified_on  TIMESTAMPTZ,
    ADD COLUMN dead_lettered_at     TIMESTAMPTZ,
    ADD COLUMN created_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    -- the NIA snapshot (Creatio columns) the in-flight command carries: pulled values are applied
    -- only to fields NIA has not changed since
    ADD COLUMN planned_snapshot     JSONB,
    -- when the in-flight command was planned: a row in_progress for too long is planned again
    ADD COLUMN planned_at           TIMESTAMPTZ,
    -- who made the edit that planned the newest command, when known
    ADD COLUMN requested_by         TEXT,
    -- the next plan must use a new command id (after a budget refusal or retry-failed: results
    -- are deduplicated by command id and attempt)
    ADD COLUMN fresh_command        BOOLEAN      NOT NULL DEFAULT FALSE,
    -- a plan was asked for while a command was in flight: plan again when its result arrives
    ADD COLUMN replan_requested     BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN replan_force         BOOLEAN      NOT NULL DEFAULT FALSE,
    -- the run the deferred plan belongs to (its result, or its "unchanged", counts there)
    ADD COLUMN replan_run_id        UUID;
CREATE INDEX creatio_sync_in_flight ON creatio_sync (planned_at) WHERE status = 'in_progress';
CREATE INDEX creatio_sync_due ON creatio_sync (next_retry_at) WHERE next_retry_at IS NOT NULL;
CREATE INDEX creatio_sync_creatio_id ON creatio_sync (entity_type, creatio_id);

CREATE TABLE sync_run (
    id               UUID          PRIMARY KEY,
    kind             TEXT          NOT NULL,
    status           TEXT          NOT NULL,
    requested_by     TEXT          NOT NULL,
    params           JSONB         NOT NULL DEFAULT '{}'::jsonb,
    dry_run          BOOLEAN       NOT NULL DEFAULT FALSE,
    total            INT           NOT NULL DEFAULT 0,
    done             INT           NOT NULL DEFAULT 0,
    synced           INT           NOT NULL DEFAULT 0,
    no_change        INT           NOT NULL DEFAULT 0,
    conflicts        INT           NOT NULL DEFAULT 0,
    failed           INT           NOT NULL DEFAULT 0,
    skipped          INT           NOT NULL DEFAULT 0,
    idempotency_key  TEXT          UNIQUE,
    created_at       TIMESTAMPTZ   NOT NULL,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    error            TEXT
);
CREATE INDEX sync_run_created_at ON sync_run (created_at DESC);

ALTER TABLE sync_log
    ADD COLUMN run_id      UUID,
    ADD COLUMN command_id  UUID,
    ADD COLUMN outcome     TEXT;
CREATE INDEX sync_log_correlation ON sync_log (correlation_id);
CREATE INDEX sync_log_run ON sync_log (run_id);
