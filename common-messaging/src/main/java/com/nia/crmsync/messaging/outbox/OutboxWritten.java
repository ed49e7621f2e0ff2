package com.nia.crmsync.messaging.outbox;

/** Fired when a transaction wrote to the outbox; observed after it commits to relay at once. */
public enum OutboxWritten {
    INSTANCE
}
