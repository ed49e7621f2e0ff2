package com.nia.crmsync.model.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.config.Direction;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.EntityType;

/** The default lead mapping, both ways, including the composite name and the status value map. */
class FieldMapperTests {

    private final EntityMapping lead = DefaultConfiguration.create().mapping(EntityType.LEAD).orElseThrow();

    @Test
    void everyLeadStageCreatioShipsComesBackAsAnNiaStatus() {
        Map<String, String> stages = Map.of(
                "d790a45d-03ff-4ddb-9dea-8087722c582c", "new",                // Qualification
                "14cfc644-e3ed-497e-8279-ed4319bb8093", "qualified",          // Distribution
                "ceb70b3c-985f-4867-ae7c-88f9dd710688", "qualified",          // Handoff to sales
                "7a90900b-53b5-4598-92b3-0aee90626c56", "nurturing",          // Awaiting sale
                "04c03a3d-19df-4da2-8313-b8a57e11ef43", "converted",          // Waiting for order
                "128c3718-771a-4d1e-9035-6fa135ca5f70", "disqualified",       // Disqualified
                "51adc3ec-3503-4b10-a00b-8be3b0e11f08", "not_interested",     // Not interested
                "0a0808c5-5415-41f0-bea3-118cc3089959", "converted");         // Satisfied
        stages.forEach((stage, status) -> {
            FieldMapper.Inverse inverse = FieldMapper.toNia(lead, Map.of("QualifyStatusId", stage), Map.of());
            assertThat(inverse.problems()).as(stage).isEmpty();
            assertThat(inverse.updates()).as(stage).containsEntry("status", status);
        });
    }

    @Test
    void aStatusKeepsTheAgreedStageThatMeansItSoARoundTripNeverMovesTheStage() {
        String distribution = "14cfc644-e3ed-497e-8279-ed4319bb8093";
        Map<String, Object> nia = Map.of("status", "qualified");

        assertThat(FieldMapper.toCreatio(lead, nia, Map.of("QualifyStatusId", distribution)))
                .containsEntry("QualifyStatusId", distribution);
        // NIA moved on: the value map's stage for the new status
        assertThat(FieldMapper.toCreatio(lead, Map.of("status", "disqualified"), Map.of("QualifyStatusId", distribution)))
                .containsEntry("QualifyStatusId", "128c3718-771a-4d1e-9035-6fa135ca5f70");
        // nothing agreed yet: the value map's stage
        assertThat(FieldMapper.toCreatio(lead, nia, null)).containsEntry("QualifyStatusId", "ceb70b3c-985f-4867-ae7c-88f9dd710688");
    }

    @Test
    void mapsANiaLeadToRealCreatioLeadColumns() {
        Map<String, Object> nia = new HashMap<>();
        nia.put("first_name", "Ada");
        nia.put("last_name", "Lovelace");
        nia.put("email", "ada@example.com");
        nia.put("company", "Analytical Engines");
        nia.put("title", "CTO");
        nia.put("status", "qualified");
        Map<String, Object> columns = FieldMapper.toCreatio(lead, nia);
        assertThat(columns).containsEntry("Contact", "Ada Lovelace")
                .containsEntry("Email", "ada@example.com")
                .containsEntry("Account", "Analytical Engines")
                .containsEntry("FullJobTitle", "CTO")
                .containsEntry("QualifyStatusId", "ceb70b3c-985f-4867-ae7c-88f9dd710688")
                .doesNotContainKeys("Name", "Surname", "AccountName", "JobTitle");
    }

    @Test
    void translatesAStatusGuidBackAndReportsAnUnknownOne() {
        FieldMapper.Inverse known = FieldMapper.toNia(lead, Map.of("QualifyStatusId", "CEB70B3C-985F-4867-AE7C-88F9DD710688"), Map.of());
        assertThat(known.updates()).containsEntry("status", "qualified");
        FieldMapper.Inverse unknown = FieldMapper.toNia(lead, Map.of("QualifyStatusId", "11111111-1111-1111-1111-111111111111"), Map.of());
        assertThat(unknown.updates()).doesNotContainKey("status");
        assertThat(unknown.problems()).singleElement().satisfies(p -> assertThat(p.column()).isEqualTo("QualifyStatusId"));
    }

    @Test
    void nullAsZeroWritesNiasMissingNumberAsCreatiosZeroAndTakesCreatiosNumberBackAsItIs() {
        EntityMapping mapping = new EntityMapping(EntityType.LEAD, "Lead", List.of(
                new com.nia.crmsync.model.config.FieldMapping("budget", null, "Budget", Direction.BOTH, null, null, "null_as_zero")),
                ConflictPolicy.MANUAL, ConflictPolicy.CREATIO_WINS, null, com.nia.crmsync.model.config.DeleteMode.IGNORE, null, null,
                List.of(), List.of(), 0, 0);
        Map<String, Object> nia = new HashMap<>();
        nia.put("budget", null);
        assertThat(CanonicalValues.canonical(FieldMapper.toCreatio(mapping, nia).get("Budget")))
                .as("what Creatio will hold, so a pull of it reads the same hash").isEqualTo(CanonicalValues.canonical(0));
        nia.put("budget", new java.math.BigDecimal("50000.00"));
        assertThat(FieldMapper.toCreatio(mapping, nia)).containsEntry("Budget", new java.math.BigDecimal("50000.00"));
        assertThat(FieldMapper.toNia(mapping, Map.of("Budget", 0), nia).updates().get("budget"))
                .isEqualTo(CanonicalValues.canonical(0));
        assertThat(CanonicalHash.of(Map.of("Budget", FieldMapper.toCreatio(mapping, Map.of()).get("Budget") )))
                .isEqualTo(CanonicalHash.of(Map.of("Budget", 0)));
    }

    @ParameterizedTest(name = "''{0}'' from Ada Lovelace -> first={1}, last={2}")
    @CsvSource({
            "Ada Byron, Ada, Byron",
            "Augusta Ada Lovelace, Augusta Ada, Lovelace",
            "Ada King-Noel, Ada, King-Noel",
            "Grace Hopper, Grace, Hopper",
            "Ada Lovelace, Ada, Lovelace"
    })
    void splitsAnEditedContactWithoutGuessing(String edited, String first, String last) {
        Map<String, Object> current = Map.of("first_name", "Ada", "last_name", "Lovelace");
        FieldMapper.Inverse inverse = FieldMapper.toNia(lead, Map.of("Contact", edited), current);
        assertThat(inverse.problems()).isEmpty();
        Map<String, Object> after = new HashMap<>(current);
        after.putAll(inverse.updates());
        assertThat(after).containsEntry("first_name", first).containsEntry("last_name", last);
    }

    @ParameterizedTest
    @CsvSource({"Grace Brewster Hopper", "Cher"})
    void reportsAContactItCannotSplitInsteadOfGuessing(String edited) {
        FieldMapper.Inverse inverse = FieldMapper.toNia(lead, Map.of("Contact", edited), Map.of("first_name", "Ada", "last_name", "Lovelace"));
        assertThat(inverse.updates()).isEmpty();
        assertThat(inverse.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("without guessing"));
    }

    @Test
    void resolvesEachColumnsPolicyAgainstTheEntityDefault() {
        Map<String, FieldRule> rules = FieldMapper.rules(lead);
        assertThat(rules.get("Budget").policy()).isEqualTo(ConflictPolicy.MANUAL);
        assertThat(rules.get("Email").policy()).isEqualTo(lead.defaultConflictPolicy());
        assertThat(rules.get("MeetingDate").direction()).isEqualTo(Direction.TO_CREATIO);
        assertThat(rules.keySet()).containsAll(List.of("Contact", "Email", "MobilePhone", "Account", "FullJobTitle", "QualifyStatusId"));
    }

    @Test
    void trimAndLowercaseNormaliseTextOnTheWayToCreatioAndTakeCreatiosValueAsItIsOnTheWayBack() {
        EntityMapping mapping = new EntityMapping(EntityType.CONTACT, "Contact", List.of(
                new com.nia.crmsync.model.config.FieldMapping("email", null, "Email", Direction.BOTH, null, null, "lowercase"),
                new com.nia.crmsync.model.config.FieldMapping("job_title", null, "JobTitle", Direction.BOTH, null, null, "trim"),
                new com.nia.crmsync.model.config.FieldMapping("phone", null, "MobilePhone", Direction.BOTH, null, null, null)),
                ConflictPolicy.MANUAL, ConflictPolicy.CREATIO_WINS, null, com.nia.crmsync.model.config.DeleteMode.IGNORE, null, null,
                List.of(), List.of(), 0, 0);
        Map<String, Object> nia = new HashMap<>();
        nia.put("email", "Ada@Example.COM");
        nia.put("job_title", "  Countess  ");
        nia.put("phone", " +44 1 ");

        Map<String, Object> columns = FieldMapper.toCreatio(mapping, nia);

        assertThat(columns).containsEntry("Email", "ada@example.com").containsEntry("JobTitle", "Countess")
                .containsEntry("MobilePhone", " +44 1 ");
        assertThat(FieldMapper.toNia(mapping, Map.of("Email", "Grace@Navy.mil"), nia).updates())
                .containsEntry("email", "Grace@Navy.mil");
        nia.put("email", null);
        assertThat(FieldMapper.toCreatio(mapping, nia)).containsEntry("Email", null);
    }

    @ParameterizedTest
    @CsvSource({"upper,false,must be one of", "join_space,false,join_space needs composed_of", "trim,true,a composite is joined"})
    void aConfigurationNamingAnUnknownOrMisplacedTransformIsRejectedWithTheReason(String transform, boolean composite, String reason) {
        var base = DefaultConfiguration.create();
        EntityMapping contact = base.mapping(EntityType.CONTACT).orElseThrow();
        List<com.nia.crmsync.model.config.FieldMapping> fields = new java.util.ArrayList<>(contact.fields());
        fields.add(new com.nia.crmsync.model.config.FieldMapping("company", composite ? List.of("company", "title") : null,
                "Account", Direction.BOTH, null, null, transform));
        EntityMapping changed = new EntityMapping(contact.entityType(), contact.entitySet(), fields, contact.defaultConflictPolicy(),
                contact.firstSyncPolicy(), contact.linkBy(), contact.deleteMode(), contact.deactivateColumn(),
                contact.deactivateValue(), contact.include(), contact.requiredFields(), contact.pullIntervalSeconds(),
                contact.reconcileIntervalSeconds());
        var configuration = new com.nia.crmsync.model.config.CreatioConfiguration(base.odataRoot(),
                List.of(base.mapping(EntityType.LEAD).orElseThrow(), changed), base.flags(), base.batchSizes(),
                base.defaultMaxRetries(), base.deleteSafety(), base.meetings());

        assertThat(configuration.validate()).anySatisfy(v -> {
            assertThat(v.toString()).contains("/configuration/entities/1/fields/4/transform").contains(reason);
        });
    }
}
