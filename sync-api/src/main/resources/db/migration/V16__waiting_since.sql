-- Since when a meeting's record waits for what it points at (issue 16): past sync-api.meetings.max-wait it is failed.
ALTER TABLE creatio_sync ADD COLUMN waiting_since TIMESTAMPTZ;
