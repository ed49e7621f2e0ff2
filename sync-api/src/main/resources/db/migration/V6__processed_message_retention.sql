-- The processed-message log is purged by age (ProcessedMessagesRetention).
CREATE INDEX processed_message_at ON processed_message (processed_at);
