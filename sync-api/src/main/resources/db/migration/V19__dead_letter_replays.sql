-- Dead letters replayed through POST /api/v1/crm/dead-letters/replay: one row per dead letter of
-- crm.sync.dlq.v1 (its id '<partition>:<offset>'), written in the transaction that queues the replayed
-- record in the outbox and writes the audit entry; a second replay of the same dead letter finds the row
-- and is skipped.
CREATE TABLE dead_letter_replay (
    dead_letter_id  text        PRIMARY KEY,
    origin_topic    text        NOT NULL,
    message_key     text        NOT NULL,
    replay_attempt  integer     NOT NULL,
    replayed_by     text        NOT NULL,
    replayed_at     timestamptz NOT NULL,
    correlation_id  text
);
