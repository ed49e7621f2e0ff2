package com.nia.crmsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The custom object every profile serves (not only %test): {@code UsrCompetitorMention}, where the
 * sync writes competitor mentions when the configuration says
 * {@code meetings.competitorTarget = entity_set} (issue 9, docs/meetings.md). Its two lookups
 * behave like Creatio's: a {@code UsrActivityId}/{@code UsrLeadId} column plus a navigation
 * property, filtered by {@code UsrActivity/Id}, the scalar form being the usual 500.
 */
@QuarkusTest
class CompetitorMentionSetTests {

    private String lead;
    private String activity;

    @BeforeEach
    void aLeadAndItsMeeting() {
        Sim.reset();
        lead = Sim.control().body(Map.of("LeadName", "Mia Mention", "Email", "mia@rival.test"))
                .post("/sim/act/Lead").then().statusCode(201).extract().path("Id");
        activity = Sim.control().body(Map.of("Title", "Demo for Mia", "StartDate", "2026-03-02T09:00:00Z",
                "DueDate", "2026-03-02T10:00:00Z", "LeadId", lead)).post("/sim/act/Activity").then().statusCode(201)
                .extract().path("Id");
    }

    @Test
    void isInTheServiceDocumentAndTheMetadataWithItsColumnsAndLookups() {
        Sim.odata().get(Sim.ODATA + "/").then().statusCode(200).body("value.name", hasItem("UsrCompetitorMention"));
        String csdl = Sim.odata().get(Sim.ODATA + "/$metadata").then().statusCode(200).extract().asString();
        assertThat(csdl).contains("<EntitySet Name=\"UsrCompetitorMention\"")
                .contains("<Property Name=\"UsrName\" Type=\"Edm.String\" />")
                .contains("<Property Name=\"UsrContext\" Type=\"Edm.String\" />")
                .contains("<Property Name=\"UsrSentiment\" Type=\"Edm.String\" />")
                .contains("<Property Name=\"UsrActivityId\" Type=\"Edm.Guid\" />")
                .contains("<NavigationProperty Name=\"UsrActivity\" Type=\"Terrasoft.Configuration.OData.Activity\">")
                .contains("<NavigationProperty Name=\"UsrLead\" Type=\"Terrasoft.Configuration.OData.Lead\">");
    }

    @Test
    void rowsAreCreatedWithTheCallersIdAndFoundByTheirActivityOrLead() {
        String id = "5b0c61a4-7f3e-4c55-9d1e-0a6f3b2c9e11";
        Sim.odata().body(Map.of("Id", id, "UsrName", "Globex Suite", "UsrContext", "cheaper per seat",
                "UsrSentiment", "negative", "UsrActivityId", activity, "UsrLeadId", lead))
                .post(Sim.ODATA + "/UsrCompetitorMention").then().statusCode(201)
                .body("Id", equalTo(id)).body("UsrName", equalTo("Globex Suite")).body("UsrActivityId", equalTo(activity));
        Sim.odata().body(Map.of("UsrName", "Initech CRM", "UsrContext", "already evaluated", "UsrSentiment", "neutral",
                "UsrActivityId", activity, "UsrLeadId", lead)).post(Sim.ODATA + "/UsrCompetitorMention").then().statusCode(201);

        Sim.odata().queryParam("$filter", "UsrActivity/Id eq " + activity).queryParam("$select", "UsrName,UsrSentiment")
                .get(Sim.ODATA + "/UsrCompetitorMention").then().statusCode(200)
                .body("value.UsrName", containsInAnyOrder("Globex Suite", "Initech CRM"))
                .body("value.UsrSentiment", containsInAnyOrder("negative", "neutral"));
        List<String> byLead = Sim.odata().queryParam("$filter", "UsrLead/Id eq " + lead).get(Sim.ODATA + "/UsrCompetitorMention")
                .then().statusCode(200).extract().path("value.UsrContext");
        assertThat(byLead).containsExactlyInAnyOrder("cheaper per seat", "already evaluated");
        Sim.odata().queryParam("$filter", "UsrActivityId eq " + activity).get(Sim.ODATA + "/UsrCompetitorMention")
                .then().statusCode(500);

        Sim.odata().body(Map.of("UsrSentiment", "mixed")).patch(Sim.ODATA + "/UsrCompetitorMention(" + id + ")")
                .then().statusCode(204);
        Sim.odata().get(Sim.ODATA + "/UsrCompetitorMention(" + id + ")").then().statusCode(200)
                .body("UsrSentiment", equalTo("mixed"));
        Sim.odata().delete(Sim.ODATA + "/UsrCompetitorMention(" + id + ")").then().statusCode(204);
        Sim.odata().get(Sim.ODATA + "/UsrCompetitorMention(" + id + ")").then().statusCode(404);
    }
}
