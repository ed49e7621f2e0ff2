-- Idempotent consumers: an event id is applied once per consumer, in the same transaction as its effect.
CREATE TABLE processed_message (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
