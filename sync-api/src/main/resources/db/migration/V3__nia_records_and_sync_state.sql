-- NIA-side records. Soft deletes keep the row (a delete propagates as a command); version counts
-- every change and orders results (an older result never overwrites newer data).
CREATE TABLE lead (
    id                         UUID          PRIMARY KEY,
    first_name                 TEXT,
    last_name                  TEXT,
    email                      TEXT,
    phone                      TEXT,
    company                    TEXT,
    title                      TEXT,
    status                     TEXT          NOT NULL DEFAULT 'new',
    owner_email                TEXT,
    budget                     NUMERIC(18, 2),
    budget_discussed           BOOLEAN       NOT NULL DEFAULT FALSE,
    decision_maker_identified  BOOLEAN       NOT NULL DEFAULT FALSE,
    timeline                   TEXT,
    meeting_type               TEXT,
    meeting_date               TIMESTAMPTZ,
    notes                      TEXT,
    created_at                 TIMESTAMPTZ   NOT NULL,
    updated_at                 TIMESTAMPTZ   NOT NULL,
    deleted                    BOOLEAN       NOT NULL DEFAULT FALSE,
    deleted_at                 TIMESTAMPTZ,
    version                    BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX lead_email ON lead (lower(email)) WHERE NOT deleted;
CREATE INDEX lead_updated_at ON lead (updated_at, id);

CREATE TABLE contact (
    id            UUID          PRIMARY KEY,
    full_name     TEXT          NOT NULL,
    email         TEXT,
    phone         TEXT,
    job_title     TEXT,
    company       TEXT,
    created_at    TIMESTAMPTZ   NOT NULL,
    updated_at    TIMESTAMPTZ   NOT NULL,
    deleted       BOOLEAN       NOT NULL DEFAULT FALSE,
    deleted_at    TIMESTAMPTZ,
    version       BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX contact_email ON contact (lower(email)) WHERE NOT deleted;
CREATE INDEX contact_updated_at ON contact (updated_at, id);

-- Idempotency-Key of creating calls: the same key with the same body answers with the first result.
CREATE TABLE idempotency_key (
    scope         TEXT          NOT NULL,
    idem_key      TEXT          NOT NULL,
    request_hash  TEXT          NOT NULL,
    resource_id   UUID          NOT NULL,
    created_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, idem_key)
);

-- CreatioConfiguration: every version kept; the newest is in force.
CREATE TABLE creatio_configuration (
    version       BIGINT        PRIMARY KEY,
    body          JSONB         NOT NULL,
    updated_at    TIMESTAMPTZ   NOT NULL,
    updated_by    TEXT          NOT NULL
);

-- CreatioSync: the sync state of every record.
CREATE TABLE creatio_sync (
    id              BIGSERIAL     PRIMARY KEY,
    entity_type     TEXT          NOT NULL,
    local_id        UUID          NOT NULL,
    creatio_id      UUID,
    status          TEXT          NOT NULL,
    direction       TEXT,
    last_error      TEXT,
    retry_count     INT           NOT NULL DEFAULT 0,
    max_retries     INT,
    next_retry_at   TIMESTAMPTZ,
    local_hash      TEXT,
    creatio_hash    TEXT,
    base_snapshot   JSONB,
    open_fields     JSONB         NOT NULL DEFAULT '[]'::jsonb,
    last_synced_at  TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ   NOT NULL,
    UNIQUE (entity_type, local_id)
);
CREATE INDEX creatio_sync_status ON creatio_sync (entity_type, status);
CREATE INDEX creatio_sync_retry ON creatio_sync (next_retry_at) WHERE status = 'failed' OR status = 'pending';

-- SyncLog: what happened, for operators (personal data redacted before it is written).
CREATE TABLE sync_log (
    id              BIGSERIAL     PRIMARY KEY,
    occurred_at     TIMESTAMPTZ   NOT NULL,
    operation       TEXT          NOT NULL,
    level           TEXT          NOT NULL,
    entity_type     TEXT,
    local_id        UUID,
    correlation_id  TEXT,
    user_name       TEXT,
    duration_ms     BIGINT,
    summary         JSONB
);
CREATE INDEX sync_log_occurred_at ON sync_log (occurred_at);
CREATE INDEX sync_log_entity ON sync_log (entity_type, local_id);
