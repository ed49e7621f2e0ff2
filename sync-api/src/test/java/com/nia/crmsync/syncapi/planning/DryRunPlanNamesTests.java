package com.nia.crmsync.syncapi.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.entity.LookupValue;
import com.nia.crmsync.model.entity.Side;
import com.nia.crmsync.model.result.FieldChange;

/** A plan line's diffs: a lookup column's values with their names next to the ids, other columns as they are. */
class DryRunPlanNamesTests {

    private static final EntityMapping LEAD = DefaultConfiguration.create().mapping(EntityType.LEAD).orElseThrow();
    private static final String QUALIFICATION = "d790a45d-03ff-4ddb-9dea-8087722c582c";
    private static final String DISTRIBUTION = "14cfc644-e3ed-497e-8279-ed4319bb8093";

    @Test
    @SuppressWarnings("unchecked")
    void aLookupColumnsFromAndToCarryTheirNames() {
        Map<String, Object> diffs = DryRunPlans.diffs(LEAD, List.of(
                new FieldChange("QualifyStatusId", Side.NIA, QUALIFICATION, DISTRIBUTION),
                new FieldChange("Email", Side.CREATIO, "a@b.example", "c@d.example")),
                Map.of(QUALIFICATION, "Qualification", DISTRIBUTION, "Distribution"));

        Map<String, Object> status = (Map<String, Object>) ((Map<String, Object>) diffs.get("status")).get("nia");
        assertThat(status).containsEntry("from", new LookupValue(QUALIFICATION, "Qualification"))
                .containsEntry("to", new LookupValue(DISTRIBUTION, "Distribution"));
        Map<String, Object> email = (Map<String, Object>) ((Map<String, Object>) diffs.get("email")).get("creatio");
        assertThat(email).containsEntry("from", "a@b.example").containsEntry("to", "c@d.example");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLookupIdWithoutANameStillShowsTheIdAndANullName() {
        Map<String, Object> diffs = DryRunPlans.diffs(LEAD, List.of(
                new FieldChange("QualifyStatusId", Side.CREATIO, null, QUALIFICATION)), null);

        Map<String, Object> status = (Map<String, Object>) ((Map<String, Object>) diffs.get("status")).get("creatio");
        assertThat(status).containsEntry("from", null).containsEntry("to", new LookupValue(QUALIFICATION, null));
    }
}
