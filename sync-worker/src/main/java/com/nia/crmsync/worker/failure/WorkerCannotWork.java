package com.nia.crmsync.worker.failure;

/**
 * A failure of the worker's own dependencies (its credentials, the identity provider, the gateway)
 * rather than of the record it was working on: the consumer keeps the record uncommitted and the
 * instance stops taking work ({@link Action#STOP_TAKING_WORK}) instead of answering or dead-lettering it.
 */
public class WorkerCannotWork extends RuntimeException {

    private final transient Failures.Verdict verdict;

    public WorkerCannotWork(Failures.Verdict verdict, Throwable cause) {
        super(verdict.reason(), cause);
        this.verdict = verdict;
    }

    /** The classification: its class and its reason (no secret in it). */
    public Failures.Verdict verdict() {
        return verdict;
    }
}
