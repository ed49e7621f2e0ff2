-- NIA soft deletes pass the deletion safety breaker too (issue 7): a tombstone row per NIA deletion
-- of a linked record (origin 'nia', direction to_creatio), and the operation of the in-flight
-- command, so that a retry re-plans what was planned (a restore stays a restore).

-- the NIA record version the deletion was judged (or approved) for: a DELETE command of that
-- version has passed the breaker; a later deletion of the same record (after an undelete) is judged again
ALTER TABLE sync_deletion ADD COLUMN nia_version BIGINT;

-- the operation of the newest command planned (create, update, delete, restore, ...)
ALTER TABLE creatio_sync ADD COLUMN planned_operation TEXT;
