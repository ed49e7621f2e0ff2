-- Issue 19: Hibernate took every sync state's and sync-log line's id from its IDENTITY column, one INSERT at a time, so
-- a pulled page of 1,000 records cost 2,000 round trips. It now takes them from these sequences in blocks of 50
-- (the entities' allocationSize; the pooled optimizer, which shares a sequence safely with the column's nextval
-- default that SQL inserts still use), and inserts a page's rows in JDBC batches.
ALTER SEQUENCE creatio_sync_id_seq INCREMENT BY 50;
ALTER SEQUENCE sync_log_id_seq INCREMENT BY 50;
