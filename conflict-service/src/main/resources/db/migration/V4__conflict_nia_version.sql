-- The NIA record's version the command that reported the conflict was planned from (the mismatch's
-- niaVersion): a result or mismatch of a command planned from an older version — a command run again
-- after newer ones, e.g. redelivered to a worker after a crash — neither supersedes nor overwrites it.
-- Null for conflicts reported by older workers, which every report may move on as before.
ALTER TABLE sync_conflict ADD COLUMN nia_version BIGINT;
