package com.nia.crmsync.syncapi.meeting;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.model.wire.WireEnum;

/**
 * What one intake of a meeting did on the NIA side, and where each of its records stands with the
 * sync afterwards; also the answer of {@code POST /api/v1/crm/sync/create-activity/} (snake_case).
 *
 * @param meetingId       the NIA meeting id ({@code Ids.localIdFor(MEETING, meetingKey)})
 * @param meetingKey      the producer's meeting id
 * @param revision        the revision the meeting holds now
 * @param outcome         created, updated, unchanged (the same revision again) or ignored (an older revision)
 * @param leadId          the meeting's lead, if any
 * @param contactId       the meeting's contact (the first external participant matched to or created as a contact)
 * @param ownerSource     how the meeting's owner was found ({@code owner_map}, {@code contact_lookup}, {@code default},
 *                        {@code integration_user}) or null
 * @param participants    each participant as matched
 * @param tasks           tasks by what happened to them
 * @param mentions        competitor mentions by what happened to them
 * @param createdContacts NIA contacts created for unknown participants
 * @param leadChanges     the lead's fields the meeting changed (NIA names → new values); empty when none
 * @param planned         the sync state of the meeting's records after the intake
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Intake(
        UUID meetingId,
        String meetingKey,
        long revision,
        Outcome outcome,
        UUID leadId,
        UUID contactId,
        String ownerSource,
        List<Participant> participants,
        Counts tasks,
        Counts mentions,
        List<UUID> createdContacts,
        Map<String, Object> leadChanges,
        List<Planned> planned) {

    /** What the intake did with the meeting as a whole. */
    public enum Outcome implements WireEnum {
        /** A meeting NIA did not know. */
        CREATED,
        /** A higher revision of a known meeting. */
        UPDATED,
        /** The revision NIA holds already: nothing written. */
        UNCHANGED,
        /** A revision older than the one NIA holds: nothing written. */
        IGNORED
    }

    /** A participant as matched: its row id, who it is, the rule and what it points at. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Participant(UUID id, String name, String email, boolean internal, String matchRule, UUID contactId,
            UUID leadId) {
    }

    /** Rows by what happened to them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Counts(int added, int updated, int canceled, int reopened, int removed, int unchanged) {
        static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0);
    }

    /** One record's sync state: {@code planned} (a command is on its way), or waiting with the reason. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Planned(String entityType, UUID localId, String status, boolean commandInFlight, String waiting) {
    }
}
