package com.nia.crmsync.model.event;

import java.util.Map;

/**
 * The {@code type} of every envelope and its current {@code schemaVersion}. The type names the
 * payload; the topic only says where it travels (the command topics carry two types).
 *
 * <p>Versions: a payload that only gains optional fields keeps its schema version (consumers
 * ignore what they do not know). The version grows only when a consumer that ignored the new
 * fields would do the wrong thing; a consumer dead-letters a version above the one it knows
 * (replayable once it is upgraded), so such a change deploys consumers first. A change that
 * removes or renames a field, or changes a meaning or a key, is never a new version on the same
 * topic but a new {@code .v2} topic.
 */
public final class EventTypes {

    /** {@code nia.meetings.ended.v1}: a meeting ended, with what NIA learnt from it. */
    public static final String MEETING_ENDED = "nia.meeting.ended";
    /** {@code crm.sync.requests.v1}: please resync all / an entity type / ids / modified since. */
    public static final String RESYNC_REQUESTED = "crm.sync.resync.requested";
    /** Command topics: bring one record into agreement. */
    public static final String SYNC_COMMAND = "crm.sync.command";
    /** Realtime command topic: carry out a person's decision on a conflict. */
    public static final String RESOLVE_COMMAND = "crm.sync.resolve.command";
    /** {@code crm.sync.results.v1}: what one attempt of a command did. */
    public static final String SYNC_RESULT = "crm.sync.result";
    /** {@code crm.sync.mismatches.v1}: the two sides disagree and what was decided. */
    public static final String MISMATCH = "crm.sync.mismatch";
    /** {@code crm.sync.config.v1}: the configuration now in force. */
    public static final String CONFIGURATION = "crm.sync.configuration";

    /** Current schema version of every type. */
    public static final Map<String, Integer> SCHEMA_VERSIONS = Map.of(
            MEETING_ENDED, 1,
            RESYNC_REQUESTED, 1,
            SYNC_COMMAND, 1,
            RESOLVE_COMMAND, 1,
            SYNC_RESULT, 1,
            MISMATCH, 1,
            CONFIGURATION, 1);

    private EventTypes() {
    }

    /** The schema version this build writes for {@code type}. */
    public static int schemaVersion(String type) {
        Integer version = SCHEMA_VERSIONS.get(type);
        if (version == null) {
            throw new IllegalArgumentException("unknown event type '" + type + "'");
        }
        return version;
    }

    /** Whether this build can read {@code version} of {@code type} (1 up to the current one). */
    public static boolean supports(String type, int version) {
        Integer current = SCHEMA_VERSIONS.get(type);
        return current != null && version >= 1 && version <= current;
    }

    /** Whether {@code type} is a type of the contract. */
    public static boolean isKnown(String type) {
        return SCHEMA_VERSIONS.containsKey(type);
    }
}
