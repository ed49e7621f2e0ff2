package com.nia.crmsync.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Point 2, the service description: the service document, a CSDL {@code $metadata} with
 * Creatio's column names, lookups as navigation properties, configured {@code Usr*} columns and
 * custom objects, and lookup tables seeded with the well-known GUIDs.
 */
@QuarkusTest
class MetadataResourceTests {

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void listsTheEntitySetsInTheServiceDocument() {
        Sim.odata().get(Sim.ODATA + "/").then().statusCode(200)
                .body("value.name", hasItems("Lead", "Contact", "Account", "Activity", "ActivityParticipant",
                        "QualifyStatus", "LeadStatus", "ActivityType", "ActivityCategory", "ActivityStatus",
                        "ActivityPriority", "ActivityParticipantRole", "SysAdminUnit", "UsrMeetingNote"));
    }

    @Test
    void describesCreatioColumnsLookupsAndCustomisationsInCsdl() {
        String csdl = Sim.odata().get(Sim.ODATA + "/$metadata").then().statusCode(200)
                .contentType("application/xml").extract().asString();

        assertThat(csdl)
                .contains("<EntityType Name=\"Lead\">")
                .contains("<Property Name=\"BusinesPhone\" Type=\"Edm.String\" MaxLength=\"250\" />")
                .contains("<Property Name=\"LeadName\" Type=\"Edm.String\" MaxLength=\"500\" />")
                .contains("<Property Name=\"Commentary\" Type=\"Edm.String\" />")
                .contains("<Property Name=\"Budget\" Type=\"Edm.Decimal\"")
                .contains("<Property Name=\"ModifiedOn\" Type=\"Edm.DateTimeOffset\" Precision=\"7\" />")
                .contains("<NavigationProperty Name=\"QualifyStatus\" Type=\"Terrasoft.Configuration.OData.QualifyStatus\">")
                .contains("<ReferentialConstraint Property=\"QualifyStatusId\" ReferencedProperty=\"Id\" />")
                .contains("<Property Name=\"Recepient\" Type=\"Edm.String\" />")
                .contains("<Property Name=\"UsrNiaId\" Type=\"Edm.String\" />")
                .contains("<EntitySet Name=\"UsrMeetingNote\"")
                .contains("<EntityType Name=\"SysAdminUnit\">")
                .contains("<ReferentialConstraint Property=\"ContactId\" ReferencedProperty=\"Id\" />");
    }

    @Test
    void seedsLookupTablesWithTheWellKnownGuids() {
        Sim.odata().get(Sim.ODATA + "/ActivityStatus(4bdbb88f-58e6-df11-971b-001d60e938c6)").then()
                .statusCode(200).body("Name", equalTo("Completed")).body("Finish", equalTo(true));
        Sim.odata().get(Sim.ODATA + "/QualifyStatus(d790a45d-03ff-4ddb-9dea-8087722c582c)").then()
                .statusCode(200).body("Name", equalTo("Qualification"));
        Sim.odata().get(Sim.ODATA + "/ActivityParticipantRole(1a8324e8-a6e1-df11-971b-001d60e938c6)").then()
                .statusCode(200).body("Name", equalTo("Participant"));
        List<String> categories = Sim.odata().get(Sim.ODATA + "/ActivityCategory").then().statusCode(200)
                .extract().path("value.Id");
        assertThat(categories).contains("f51c4643-58e6-df11-971b-001d60e938c6", "42c74c49-58e6-df11-971b-001d60e938c6");
    }
}
