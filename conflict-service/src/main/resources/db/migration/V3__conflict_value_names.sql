-- The display names of a lookup field's ids (id → name, null where none was found), as the worker
-- put them next to the values of the mismatch; null for a field that is no lookup.
ALTER TABLE sync_conflict ADD COLUMN value_names JSONB;
