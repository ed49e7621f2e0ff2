-- common-messaging: the processed-message inbox of idempotent consumers (ProcessedMessages). An event
-- id is applied once per consumer, checked and written in the same transaction as its effect, and
-- purged by age (ProcessedMessagesRetention). IF NOT EXISTS: databases created before this script
-- moved here already have both.
CREATE TABLE IF NOT EXISTS processed_message (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX IF NOT EXISTS processed_message_at ON processed_message (processed_at);
