package com.nia.crmsync.syncapi.runs;

import java.util.List;

/**
 * The life of a run ({@code sync_run.status}): {@code queued} when created, {@code planning}
 * while a {@code sync_all} plans its records (its {@code heartbeat_at} moves with every batch),
 * {@code running} once every command is planned and results are awaited, then {@code completed}
 * when {@code done} reaches {@code total}, or {@code failed} with a reason in {@code error}.
 */
public final class RunStatus {

    public static final String QUEUED = "queued";
    public static final String PLANNING = "planning";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    /** Every one, in the order above (the values a list filter accepts). */
    public static final List<String> ALL = List.of(QUEUED, PLANNING, RUNNING, COMPLETED, FAILED);

    private RunStatus() {
    }
}
