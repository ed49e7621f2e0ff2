package com.nia.crmsync.syncapi.runs;

import java.util.List;

/** The kinds of run this package starts ({@code sync_run.kind}). */
public final class RunKind {

    public static final String SYNC_ALL = "sync_all";
    public static final String SYNC_LEAD = "sync_lead";
    public static final String RETRY_FAILED = "retry_failed";
    /** A resync request from {@code crm.sync.requests.v1}. */
    public static final String RESYNC = "resync";

    /** Every one, in the order above (the values a list filter accepts). */
    public static final List<String> ALL = List.of(SYNC_ALL, SYNC_LEAD, RETRY_FAILED, RESYNC);

    private RunKind() {
    }
}
