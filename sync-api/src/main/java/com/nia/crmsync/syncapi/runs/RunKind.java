package com.nia.crmsync.syncapi.runs;

/** The kinds of run this package starts ({@code sync_run.kind}). */
public final class RunKind {

    public static final String SYNC_ALL = "sync_all";
    public static final String SYNC_LEAD = "sync_lead";
    public static final String RETRY_FAILED = "retry_failed";
    /** A resync request from {@code crm.sync.requests.v1}. */
    public static final String RESYNC = "resync";

    private RunKind() {
    }
}
