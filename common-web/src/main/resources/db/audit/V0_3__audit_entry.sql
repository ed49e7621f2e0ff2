-- common-web: the audit trail of every state-changing call (AuditInterceptor, AuditSink): who, what,
-- before -> after, when. IF NOT EXISTS: databases created before this script moved here already have it.
CREATE TABLE IF NOT EXISTS audit_entry (
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
CREATE INDEX IF NOT EXISTS audit_entry_occurred_at ON audit_entry (occurred_at);
CREATE INDEX IF NOT EXISTS audit_entry_correlation_id ON audit_entry (correlation_id);
CREATE INDEX IF NOT EXISTS audit_entry_target ON audit_entry (target, occurred_at);
