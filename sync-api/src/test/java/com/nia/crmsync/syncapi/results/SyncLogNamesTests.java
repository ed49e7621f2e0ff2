package com.nia.crmsync.syncapi.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.entity.Side;
import com.nia.crmsync.model.result.FieldChange;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;

/** A sync log line's changes: a lookup column shows its ids with their names, any other column only its name and side. */
class SyncLogNamesTests {

    private static final String QUALIFICATION = "d790a45d-03ff-4ddb-9dea-8087722c582c";
    private static final String DISTRIBUTION = "14cfc644-e3ed-497e-8279-ed4319bb8093";

    @Test
    @SuppressWarnings("unchecked")
    void aLookupChangeShowsItsIdsWithTheirNamesAndNoOtherValueIsLogged() {
        SyncCommand cmd = SyncCommand.builder(new EntityKey(EntityType.LEAD, UUID.randomUUID(), UUID.randomUUID()),
                Operation.UPDATE, Lane.BULK, 1).build();
        SyncResult r = SyncResult.answering(cmd, Outcome.SYNCED, "test").changes(List.of(
                new FieldChange("QualifyStatusId", Side.NIA, QUALIFICATION, DISTRIBUTION),
                new FieldChange("Email", Side.CREATIO, "a@b.example", "c@d.example"))).build()
                .withValueNames(Map.of(QUALIFICATION, "Qualification", DISTRIBUTION, "Distribution"));

        List<Map<String, Object>> changes = (List<Map<String, Object>>) SyncLogWriter.summary(r, List.of()).get("changes");

        assertThat(changes).containsExactly(
                Map.of("field", "QualifyStatusId", "target", "nia",
                        "from", Map.of("id", QUALIFICATION, "name", "Qualification"),
                        "to", Map.of("id", DISTRIBUTION, "name", "Distribution")),
                Map.of("field", "Email", "target", "creatio"));
    }
}
