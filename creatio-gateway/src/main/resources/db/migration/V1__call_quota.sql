-- Creatio's daily API quota, counted per UTC day and shared by every gateway replica.
CREATE TABLE call_quota (
    quota_day    DATE        PRIMARY KEY,
    calls_used   BIGINT      NOT NULL DEFAULT 0,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
