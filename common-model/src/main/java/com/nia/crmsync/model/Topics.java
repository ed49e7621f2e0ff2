package com.nia.crmsync.model;

import java.util.List;

/**
 * Kafka topic names and partition counts: part of the contract. Changing a partition count
 * re-shuffles keys, so it is a breaking change (a new {@code .v2} topic).
 */
public final class Topics {

    /** Meeting-ended events from other NIA services, keyed by meeting id. */
    public static final String MEETINGS_ENDED = "nia.meetings.ended.v1";
    /** Batch resync requests, keyed by request id. */
    public static final String SYNC_REQUESTS = "crm.sync.requests.v1";
    /** Real-time sync commands (a meeting that just ended, a single lead, a resolution), keyed by entity key. */
    public static final String COMMANDS_REALTIME = "crm.sync.commands.realtime.v1";
    /** Bulk sync commands (full and incremental resyncs), keyed by entity key. */
    public static final String COMMANDS_BULK = "crm.sync.commands.bulk.v1";
    /** Results of commands, keyed by entity key. */
    public static final String RESULTS = "crm.sync.results.v1";
    /** Field mismatches found by the worker, keyed by entity key. */
    public static final String MISMATCHES = "crm.sync.mismatches.v1";
    /** The current configuration (compacted), keyed by config key. */
    public static final String CONFIG = "crm.sync.config.v1";
    /** Dead letters from any consumer, keyed by entity key; reason and origin in headers. */
    public static final String DEAD_LETTERS = "crm.sync.dlq.v1";

    /** A topic of the contract with its partition count and whether it is compacted. */
    public record Spec(String name, int partitions, boolean compacted) {
    }

    /** Every topic of the contract, created by the local stack and by the test resources. */
    public static final List<Spec> ALL = List.of(
            new Spec(MEETINGS_ENDED, 6, false),
            new Spec(SYNC_REQUESTS, 3, false),
            new Spec(COMMANDS_REALTIME, 6, false),
            new Spec(COMMANDS_BULK, 12, false),
            new Spec(RESULTS, 12, false),
            new Spec(MISMATCHES, 6, false),
            new Spec(CONFIG, 1, true),
            new Spec(DEAD_LETTERS, 3, false));

    private Topics() {
    }
}
