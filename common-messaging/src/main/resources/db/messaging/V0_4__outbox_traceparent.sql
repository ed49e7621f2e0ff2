-- common-messaging: the W3C trace context of the transaction that wrote an outbox row (Outbox), which
-- the relay continues when it publishes the row (OutboxRelay), so one trace crosses the outbox and Kafka.
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS traceparent TEXT;
