-- Dry runs (issue 7): the plan a dry run's commands answered, one line per record, kept by run id.
-- Nothing else a dry run touches is written: no creatio_sync row, no NIA value, no Creatio write.
CREATE TABLE sync_run_plan (
    run_id         UUID          NOT NULL,
    command_id     UUID          NOT NULL,
    entity_type    TEXT          NOT NULL,
    local_id       UUID          NOT NULL,
    creatio_id     UUID,
    -- create, update, link, delete, deactivate, restore, no_op, conflict; null when the plan failed
    action         TEXT,
    outcome        TEXT          NOT NULL,
    -- field (canonical NIA name, or the Creatio column when it has none) -> {column, creatio: {from, to}, nia: {from, to}}
    changes        JSONB         NOT NULL DEFAULT '{}'::jsonb,
    -- the Creatio write calls the real run would cost for this record (a $batch counted on its first record)
    planned_calls  INT           NOT NULL DEFAULT 0,
    error          TEXT,
    created_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, command_id)
);
CREATE INDEX sync_run_plan_order ON sync_run_plan (run_id, entity_type, local_id);
