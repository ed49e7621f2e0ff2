-- The conflict inbox: one row per disagreement the worker reported (pending for a person, or
-- auto_resolved with the policy's reason), with the decision and its way through the worker.
CREATE TABLE sync_conflict (
    id                    UUID        PRIMARY KEY,
    conflict_type         TEXT        NOT NULL,
    entity_type           TEXT        NOT NULL,
    local_id              UUID        NOT NULL,
    creatio_id            UUID,
    field                 TEXT,
    base_value            JSONB,
    nia_value             JSONB,
    creatio_value         JSONB,
    nia_changed_at        TIMESTAMPTZ,
    creatio_changed_at    TIMESTAMPTZ,
    detected_at           TIMESTAMPTZ NOT NULL,
    status                TEXT        NOT NULL,
    policy                TEXT,
    reason                TEXT,
    detail                TEXT,
    candidate_creatio_ids JSONB,
    strategy              TEXT,
    chosen_value          JSONB,
    resolved_by           TEXT,
    resolved_at           TIMESTAMPTZ,
    comment               TEXT,
    last_error            TEXT,
    -- the ResolveCommand in flight (or last sent) and its attempt: only its result moves the row
    command_id            UUID,
    command_attempt       INT,
    -- the command whose run reported the mismatch (last report), and how often it was reported
    source_command_id     UUID,
    reported_count        INT         NOT NULL DEFAULT 1,
    config_version        BIGINT      NOT NULL DEFAULT 0,
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    version               BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX sync_conflict_record ON sync_conflict (entity_type, local_id, status);
CREATE INDEX sync_conflict_newest ON sync_conflict (detected_at DESC, id DESC);
CREATE INDEX sync_conflict_status ON sync_conflict (status, detected_at DESC);
