package com.nia.crmsync.worker.failure;

/** What the worker does about a failure (the table in docs/retries.md, column "the worker"). */
public enum Action {
    /** The record goes to the dead-letter topic at once, with its reason; the next record is processed. */
    DEAD_LETTER,
    /** The command is answered {@code failed} (sync-api marks the record failed; no retry helps). */
    FAILED_RESULT,
    /** The command is answered {@code retryable_failure}; sync-api plans it again, its last attempt is dead-lettered. */
    RETRY_LATER,
    /** Nothing was tried: the bulk lane holds and runs the command again, a real-time one is answered retryable without spending an attempt. */
    WAIT,
    /**
     * The worker itself cannot work: the record is neither answered nor committed, the instance reports
     * not ready, stops taking work (leaves the consumer group) and takes it up again when its probe passes.
     */
    STOP_TAKING_WORK
}
