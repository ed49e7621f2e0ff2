package com.nia.crmsync.model.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nia.crmsync.model.config.CreatioConfiguration.BatchSizes;
import com.nia.crmsync.model.config.CreatioConfiguration.CompetitorTarget;
import com.nia.crmsync.model.config.CreatioConfiguration.DeleteSafety;
import com.nia.crmsync.model.config.CreatioConfiguration.Flags;
import com.nia.crmsync.model.config.CreatioConfiguration.MeetingSettings;
import com.nia.crmsync.model.config.EntityMapping.LinkRule;
import com.nia.crmsync.model.entity.EntityType;

/**
 * The configuration a new installation starts with (version 1).
 *
 * <p>The lead mapping is the earlier implementation's, translated to columns Creatio's {@code Lead}
 * really has: {@code Name}/{@code Surname} do not exist on {@code Lead}, so first and last name are
 * joined into the free-text {@code Contact} (composite, inverse: split at the first space);
 * {@code AccountName} becomes the free-text {@code Account}; {@code JobTitle} becomes
 * {@code FullJobTitle}; {@code QualifyStatus} is the lookup {@code QualifyStatusId}, reached
 * through a value map of the well-known stage GUIDs that covers every stage Creatio ships for leads
 * ({@link #QUALIFY_STATUS_TO_LEAD_STATUS} for the stages NIA has no own status for). Lookup columns
 * name their lookup set, so their values show with the row's name next to the id.
 *
 * <p>Text longer than its Creatio column ({@link Overflow}): names, titles, subjects, descriptions and
 * notes are truncated with an ellipsis; emails and phone numbers are rejected (a cut address is a wrong one).
 */
public final class DefaultConfiguration {

    /** NIA lead status → Creatio {@code QualifyStatus} id (seed data, identical across instances). */
    public static final Map<String, String> LEAD_STATUS_TO_QUALIFY_STATUS = Map.of(
            "new", "d790a45d-03ff-4ddb-9dea-8087722c582c",
            "qualified", "ceb70b3c-985f-4867-ae7c-88f9dd710688",
            "nurturing", "7a90900b-53b5-4598-92b3-0aee90626c56",
            "disqualified", "128c3718-771a-4d1e-9035-6fa135ca5f70",
            "not_interested", "51adc3ec-3503-4b10-a00b-8be3b0e11f08",
            "converted", "0a0808c5-5415-41f0-bea3-118cc3089959");

    /**
     * The Creatio lead stages NIA has no own status for → the NIA status they mean: Distribution (a
     * qualified lead being assigned) is {@code qualified}, Waiting for order (the sale agreed, the order
     * to come) is {@code converted}. With the map above, every {@code QualifyStatus} Creatio ships
     * (Qualification, Distribution, Handoff to sales, Awaiting sale, Waiting for order, Disqualified,
     * Not interested, Satisfied) has an NIA status.
     */
    public static final Map<String, String> QUALIFY_STATUS_TO_LEAD_STATUS = Map.of(
            "14cfc644-e3ed-497e-8279-ed4319bb8093", "qualified",
            "04c03a3d-19df-4da2-8313-b8a57e11ef43", "converted");

    /** NIA meeting/task status → Creatio {@code ActivityStatus} id (seed data, identical across instances). */
    public static final Map<String, String> ACTIVITY_STATUS = Map.of(
            "not_started", "384d4b84-58e6-df11-971b-001d60e938c6",
            "in_progress", "394d4b84-58e6-df11-971b-001d60e938c6",
            "completed", "4bdbb88f-58e6-df11-971b-001d60e938c6",
            "canceled", "201cfba8-58e6-df11-971b-001d60e938c6");

    /** NIA task priority → Creatio {@code ActivityPriority} id (seed data). */
    public static final Map<String, String> ACTIVITY_PRIORITY = Map.of(
            "low", "ac96fa02-7fe6-df11-971b-001d60e938c6",
            "medium", "ab96fa02-7fe6-df11-971b-001d60e938c6",
            "high", "d625a9fc-7ee6-df11-971b-001d60e938c6");

    /** The activity category of tasks, resolved by name like the meeting's. */
    public static final String TASK_CATEGORY_NAME = "To do";

    private DefaultConfiguration() {
    }

    /**
     * Competitor mentions as rows of a custom entity set ({@code meetings.competitorTarget = entity_set}):
     * {@code UsrName}, {@code UsrContext}, {@code UsrSentiment}, and lookups {@code UsrActivityId}
     * (the meeting activity) and {@code UsrLeadId}; written by NIA only (a dropped mention deletes its row).
     */
    public static EntityMapping competitorMentions(String entitySet) {
        return new EntityMapping(EntityType.COMPETITOR_MENTION, entitySet, List.of(
                new FieldMapping("competitor", null, "UsrName", Direction.TO_CREATIO, null, null, null).withOverflow(Overflow.TRUNCATE),
                new FieldMapping("context", null, "UsrContext", Direction.TO_CREATIO, null, null, null).withOverflow(Overflow.TRUNCATE),
                new FieldMapping("sentiment", null, "UsrSentiment", Direction.TO_CREATIO, null, null, null),
                new FieldMapping("activity_creatio_id", null, "UsrActivityId", Direction.TO_CREATIO, null, null, null),
                new FieldMapping("lead_creatio_id", null, "UsrLeadId", Direction.TO_CREATIO, null, null, null)),
                ConflictPolicy.NEWEST_WINS, ConflictPolicy.CREATIO_WINS, null, DeleteMode.DELETE, null, null,
                List.of(), List.of("UsrName", "UsrActivityId"), 0, 0);
    }

    /** The default configuration. */
    public static CreatioConfiguration create() {
        EntityMapping lead = new EntityMapping(EntityType.LEAD, "Lead", List.of(
                new FieldMapping("full_name", List.of("first_name", "last_name"), "Contact", Direction.BOTH, null,
                        null, "join_space").withOverflow(Overflow.TRUNCATE),
                FieldMapping.of("email", "Email").withOverflow(Overflow.REJECT),
                FieldMapping.of("phone", "MobilePhone").withOverflow(Overflow.REJECT),
                FieldMapping.of("company", "Account").withOverflow(Overflow.TRUNCATE),
                FieldMapping.of("title", "FullJobTitle").withOverflow(Overflow.TRUNCATE),
                new FieldMapping("status", null, "QualifyStatusId", Direction.BOTH, null,
                        LEAD_STATUS_TO_QUALIFY_STATUS, null, QUALIFY_STATUS_TO_LEAD_STATUS, "QualifyStatus", null),
                // Creatio's Budget is a number column: never empty, 0 where NIA has none
                new FieldMapping("budget", null, "Budget", Direction.BOTH, ConflictPolicy.MANUAL, null, Transforms.NULL_AS_ZERO),
                FieldMapping.of("notes", "Commentary").withOverflow(Overflow.TRUNCATE),
                new FieldMapping("meeting_date", null, "MeetingDate", Direction.TO_CREATIO, null, null, null)),
                ConflictPolicy.NEWEST_WINS, ConflictPolicy.CREATIO_WINS, new LinkRule("Email", null),
                DeleteMode.DEACTIVATE, "QualifyStatusId", "128c3718-771a-4d1e-9035-6fa135ca5f70",
                List.of(), List.of("Contact"), 300, 3600);
        EntityMapping contact = new EntityMapping(EntityType.CONTACT, "Contact", List.of(
                FieldMapping.of("full_name", "Name").withOverflow(Overflow.TRUNCATE),
                FieldMapping.of("email", "Email").withOverflow(Overflow.REJECT),
                FieldMapping.of("phone", "MobilePhone").withOverflow(Overflow.REJECT),
                FieldMapping.of("job_title", "JobTitle").withOverflow(Overflow.TRUNCATE)),
                ConflictPolicy.NEWEST_WINS, ConflictPolicy.CREATIO_WINS, new LinkRule("Email", null),
                DeleteMode.IGNORE, null, null, List.of(), List.of("Name"), 300, 3600);
        // meetings and tasks are Creatio activities created by NIA (never linked by email, never pulled or reconciled
        // yet: interval 0); the *_creatio_id fields are the Creatio ids of linked NIA records and resolved lookups
        EntityMapping meeting = new EntityMapping(EntityType.MEETING, "Activity", withActivityLinks(
                FieldMapping.of("title", "Title").withOverflow(Overflow.TRUNCATE),
                FieldMapping.of("started_at", "StartDate"),
                FieldMapping.of("ended_at", "DueDate"),
                new FieldMapping("status", null, "StatusId", Direction.BOTH, null, ACTIVITY_STATUS, null)
                        .withLookup("ActivityStatus"),
                FieldMapping.of("notes", "Notes").withOverflow(Overflow.TRUNCATE)),
                ConflictPolicy.NEWEST_WINS, ConflictPolicy.CREATIO_WINS, null, DeleteMode.IGNORE, null, null,
                List.of(), List.of("Title", "StartDate", "DueDate", "OwnerId", "ActivityCategoryId"), 0, 0);
        EntityMapping task = new EntityMapping(EntityType.TASK, "Activity", withActivityLinks(
                FieldMapping.of("title", "Title").withOverflow(Overflow.TRUNCATE),
                new FieldMapping("start_at", null, "StartDate", Direction.TO_CREATIO, null, null, null),
                FieldMapping.of("due_at", "DueDate"),
                new FieldMapping("status", null, "StatusId", Direction.BOTH, null, ACTIVITY_STATUS, null)
                        .withLookup("ActivityStatus"),
                new FieldMapping("priority", null, "PriorityId", Direction.BOTH, null, ACTIVITY_PRIORITY, null)
                        .withLookup("ActivityPriority"),
                FieldMapping.of("description", "Notes").withOverflow(Overflow.TRUNCATE)),
                // the task pull reads the Activity set: NIA's tasks and meetings, and activities created in Creatio
                ConflictPolicy.NEWEST_WINS, ConflictPolicy.CREATIO_WINS, null, DeleteMode.IGNORE, null, null,
                List.of(), List.of("Title", "StartDate", "DueDate", "OwnerId", "ActivityCategoryId"), 300, 0);
        EntityMapping participant = new EntityMapping(EntityType.ACTIVITY_PARTICIPANT, "ActivityParticipant", List.of(
                new FieldMapping("activity_creatio_id", null, "ActivityId", Direction.TO_CREATIO, null, null, null),
                new FieldMapping("participant_creatio_id", null, "ParticipantId", Direction.TO_CREATIO, null, null, null)),
                ConflictPolicy.NEWEST_WINS, ConflictPolicy.CREATIO_WINS, null, DeleteMode.DELETE, null, null,
                List.of(), List.of("ActivityId", "ParticipantId"), 0, 0);
        return new CreatioConfiguration("/0/odata", List.of(lead, contact, meeting, task, participant),
                new Flags(true, true, true),
                // a pulled page is applied set-based in one sync-api transaction: 1,000 rows take about 1.5 s of its CPU
                // (docs/performance.md); the worker answers fewer when they would pass Kafka's 1 MB message limit
                new BatchSizes(1_000, CreatioConfiguration.MAX_BATCH_REQUESTS, 500),
                5,
                new DeleteSafety(20, new BigDecimal("0.05"), 3600),
                new MeetingSettings("Meeting", Map.of(), null, CompetitorTarget.NOTES, null));
    }

    /**
     * An activity's own fields, then the Creatio ids it points at (meetings and tasks alike): its
     * lead, its contact, its owner (a contact) and its category, the last three named as lookups.
     */
    private static List<FieldMapping> withActivityLinks(FieldMapping... own) {
        List<FieldMapping> fields = new ArrayList<>(List.of(own));
        fields.add(new FieldMapping("lead_creatio_id", null, "LeadId", Direction.TO_CREATIO, null, null, null));
        fields.add(new FieldMapping("contact_creatio_id", null, "ContactId", Direction.TO_CREATIO, null, null, null)
                .withLookup("Contact"));
        fields.add(new FieldMapping("owner_creatio_id", null, "OwnerId", Direction.TO_CREATIO, null, null, null)
                .withLookup("Contact"));
        fields.add(new FieldMapping("category_creatio_id", null, "ActivityCategoryId", Direction.TO_CREATIO, null, null, null)
                .withLookup("ActivityCategory"));
        return List.copyOf(fields);
    }
}
