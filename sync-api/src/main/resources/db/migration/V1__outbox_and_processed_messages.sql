-- Transactional outbox: a change and the messages it causes commit together; the relay publishes
-- them in id order (per-key order) and deletes what the broker acknowledged.
CREATE TABLE outbox_event (
    id           BIGSERIAL PRIMARY KEY,
    topic        TEXT        NOT NULL,
    message_key  TEXT        NOT NULL,
    payload      TEXT        NOT NULL,
    headers      JSONB       NOT NULL DEFAULT '{}'::jsonb,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Idempotent consumers: an event id is applied once per consumer, checked and written in the
-- same transaction as its effect.
CREATE TABLE processed_message (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- End-to-end pipeline checks: probes sent through the command topic and answered by a worker.
CREATE TABLE pipeline_probe (
    id           UUID        PRIMARY KEY,
    run_id       UUID        NOT NULL,
    lane         TEXT        NOT NULL,
    sent_at      TIMESTAMPTZ NOT NULL,
    returned_at  TIMESTAMPTZ,
    handled_by   TEXT,
    applied      INT         NOT NULL DEFAULT 0
);
CREATE INDEX pipeline_probe_run ON pipeline_probe (run_id);
