package com.nia.crmsync.model.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.nia.crmsync.model.config.CreatioConfiguration.BatchSizes;
import com.nia.crmsync.model.config.CreatioConfiguration.CompetitorTarget;
import com.nia.crmsync.model.config.CreatioConfiguration.DeleteSafety;
import com.nia.crmsync.model.merge.FieldMapper;
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
 * through a value map of the well-known stage GUIDs.
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

    private DefaultConfiguration() {
    }

    /** The default configuration. */
    public static CreatioConfiguration create() {
        EntityMapping lead = new EntityMapping(EntityType.LEAD, "Lead", List.of(
                new FieldMapping("full_name", List.of("first_name", "last_name"), "Contact", Direction.BOTH, null,
                        null, "join_space"),
                FieldMapping.of("email", "Email"),
                FieldMapping.of("phone", "MobilePhone"),
                FieldMapping.of("company", "Account"),
                FieldMapping.of("title", "FullJobTitle"),
                new FieldMapping("status", null, "QualifyStatusId", Direction.BOTH, null,
                        LEAD_STATUS_TO_QUALIFY_STATUS, null),
                // Creatio's Budget is a number column: never empty, 0 where NIA has none
                new FieldMapping("budget", null, "Budget", Direction.BOTH, ConflictPolicy.MANUAL, null, FieldMapper.NULL_AS_ZERO),
                FieldMapping.of("notes", "Commentary"),
                new FieldMapping("meeting_date", null, "MeetingDate", Direction.TO_CREATIO, null, null, null)),
                ConflictPolicy.NEWEST_WINS, ConflictPolicy.CREATIO_WINS, new LinkRule("Email", null),
                DeleteMode.DEACTIVATE, "QualifyStatusId", "128c3718-771a-4d1e-9035-6fa135ca5f70",
                List.of(), List.of("Contact"), 300, 3600);
        EntityMapping contact = new EntityMapping(EntityType.CONTACT, "Contact", List.of(
                FieldMapping.of("full_name", "Name"),
                FieldMapping.of("email", "Email"),
                FieldMapping.of("phone", "MobilePhone"),
                FieldMapping.of("job_title", "JobTitle")),
                ConflictPolicy.NEWEST_WINS, ConflictPolicy.CREATIO_WINS, new LinkRule("Email", null),
                DeleteMode.IGNORE, null, null, List.of(), List.of("Name"), 300, 3600);
        return new CreatioConfiguration("/0/odata", List.of(lead, contact),
                new Flags(true, true, true),
                // a pulled page is applied in one sync-api transaction: 200 rows keep each one short
                new BatchSizes(200, CreatioConfiguration.MAX_BATCH_REQUESTS, 500),
                5,
                new DeleteSafety(20, new BigDecimal("0.05"), 3600),
                new MeetingSettings("Meeting", Map.of(), null, CompetitorTarget.NOTES, null));
    }
}
