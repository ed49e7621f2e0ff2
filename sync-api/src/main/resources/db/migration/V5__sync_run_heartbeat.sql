-- A sync_all run's planning moves heartbeat_at with every batch; a run left in queued or planning
-- without a heartbeat for a while was stopped by a restart and is marked failed (RunHousekeeping).
ALTER TABLE sync_run ADD COLUMN heartbeat_at TIMESTAMPTZ;
CREATE INDEX sync_run_open ON sync_run (status) WHERE status IN ('queued', 'planning', 'running');
