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
