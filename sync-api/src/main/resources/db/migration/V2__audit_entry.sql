-- The audit trail of every state-changing call (written by common-web's AuditInterceptor): who, what, before -> after, when.
CREATE TABLE audit_entry (
    id             BIGSERIAL   PRIMARY KEY,
    occurred_at    TIMESTAMPTZ NOT NULL,
    actor          TEXT        NOT NULL,
    actor_roles    TEXT        NOT NULL,
    action         TEXT        NOT NULL,
    target         TEXT,
    before_state   JSONB,
    after_state    JSONB,
    correlation_id TEXT        NOT NULL,
    outcome        TEXT        NOT NULL
);
CREATE INDEX audit_entry_occurred_at ON audit_entry (occurred_at);
CREATE INDEX audit_entry_correlation_id ON audit_entry (correlation_id);
