package com.nia.crmsync.model.event;

import java.util.Map;

/**
 * The {@code type} of every envelope and its current {@code schemaVersion}. The type names the
 * payload; the topic only says where it travels (the command topics carry two types).
 *
 * <p>A schema version grows when a payload gains fields (additive, same topic); consumers accept
 * every version up to the one they know and ignore fields they do not know. A version higher than
 * a consumer knows is still read, because additive changes are safe to ignore. A breaking change
 * is never a new version on the same topic but a new {@code .v2} topic.
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

    /** Whether {@code type} is a type of the contract. */
    public static boolean isKnown(String type) {
        return SCHEMA_VERSIONS.containsKey(type);
    }
}
