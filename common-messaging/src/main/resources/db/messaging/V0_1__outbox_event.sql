-- common-messaging: the transactional outbox (Outbox, OutboxRelay). A change and the messages it
-- causes commit together; the relay publishes them in id order (per-key order) and deletes what the
-- broker acknowledged. IF NOT EXISTS: databases created before this script moved here already have it.
CREATE TABLE IF NOT EXISTS outbox_event (
    id           BIGSERIAL PRIMARY KEY,
    topic        TEXT        NOT NULL,
    message_key  TEXT        NOT NULL,
    payload      TEXT        NOT NULL,
    headers      JSONB       NOT NULL DEFAULT '{}'::jsonb,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
