package com.nia.crmsync.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Points 2 and 4: writes answer as Creatio does (201 with the full entity and {@code Location},
 * 204 for PATCH and DELETE), the server keeps ids and audit columns and fills its defaults,
 * required columns and types are validated with Creatio's error envelope, and every payload
 * follows the "no nulls" wire conventions.
 */
@QuarkusTest
class ODataWriteTests {

    private static final String ZERO = "00000000-0000-0000-0000-000000000000";

    private String technicalUserContact;

    @BeforeEach
    void reset() {
        Sim.reset();
        Sim.control().body(Map.of("now", "2026-03-01T10:00:00.1234567Z", "frozen", true)).put("/sim/clock")
                .then().statusCode(200);
        technicalUserContact = Sim.odata().queryParam("$filter", "Name eq 'nia-sync (integration)'")
                .get(Sim.ODATA + "/Contact").then().statusCode(200).extract().path("value[0].Id");
    }

    @Test
    void createsALeadWith201TheFullEntityALocationAndServerDefaults() {
        String id = Sim.odata().body(Map.of("LeadName", "Ada Lovelace", "Email", "ada@example.org"))
                .post(Sim.ODATA + "/Lead")
                .then().statusCode(201)
                .header("Location", containsString("/0/odata/Lead("))
                .body("'@odata.context'", endsWith("$metadata#Lead/$entity"))
                .body("QualifyStatusId", equalTo("d790a45d-03ff-4ddb-9dea-8087722c582c"))
                .body("RegisterMethodId", equalTo("240ab9c6-4d7c-4688-b380-af44dd147d7a"))
                .body("OwnerId", equalTo(technicalUserContact))
                .body("CreatedById", equalTo(technicalUserContact))
                .body("ModifiedById", equalTo(technicalUserContact))
                .body("CreatedOn", equalTo("2026-03-01T10:00:00.1234567Z"))
                .body("ModifiedOn", equalTo("2026-03-01T10:00:00.1234567Z"))
                .extract().path("Id");

        assertThat(id).hasSize(36);
    }

    @Test
    void writesEmptyValuesAsCreatioDoesNeverAsNull() {
        Map<String, Object> lead = Sim.odata().body(Map.of("LeadName", "Only A Name")).post(Sim.ODATA + "/Lead")
                .then().statusCode(201).extract().path("$");

        assertThat(lead).doesNotContainValue(null)
                .containsEntry("QualifiedContactId", ZERO)
                .containsEntry("Email", "")
                .containsEntry("MeetingDate", "0001-01-01T00:00:00Z")
                .containsEntry("ProcessListeners", 0)
                .containsEntry("DoNotUseEmail", false)
                .containsEntry("Budget", 0)
                .containsKey("UsrNiaId")
                .doesNotContainKey("@odata.etag");
    }

    @Test
    void keepsAClientSuppliedIdAndRejectsADuplicate() {
        String id = "3f1e7a52-9f6c-4a0e-9d55-2d7bb1c1a001";
        Sim.odata().body(Map.of("Id", id, "LeadName", "First")).post(Sim.ODATA + "/Lead")
                .then().statusCode(201).body("Id", equalTo(id))
                .header("Location", endsWith("/Lead(" + id + ")"));

        Sim.odata().body(Map.of("Id", id, "LeadName", "Retry")).post(Sim.ODATA + "/Lead")
                .then().statusCode(500)
                .body("error.message", equalTo("An error has occurred."))
                .body("error.innererror.message", containsString("duplicate key"));
        Sim.odata().get(Sim.ODATA + "/Lead(" + id + ")").then().body("LeadName", equalTo("First"));
    }

    @Test
    void splitsAContactNameAndDefaultsItsOwner() {
        Sim.odata().body(Map.of("Name", "John Best")).post(Sim.ODATA + "/Contact").then().statusCode(201)
                .body("GivenName", equalTo("John"))
                .body("Surname", equalTo("Best"))
                .body("OwnerId", equalTo(technicalUserContact))
                .body("Confirmed", equalTo(true));
    }

    @Test
    void fillsActivityDefaultsAndValidatesRequiredColumns() {
        Sim.odata().body(Map.of("Title", "Kick-off", "StartDate", "2026-03-02T09:00:00.1234567Z",
                "DueDate", "2026-03-02T11:00:00+01:00")).post(Sim.ODATA + "/Activity").then().statusCode(201)
                .body("StartDate", equalTo("2026-03-02T09:00:00.1234567Z"))
                .body("DueDate", equalTo("2026-03-02T10:00:00Z"))
                .body("StatusId", equalTo("384d4b84-58e6-df11-971b-001d60e938c6"))
                .body("PriorityId", equalTo("ab96fa02-7fe6-df11-971b-001d60e938c6"))
                .body("ActivityCategoryId", equalTo("f51c4643-58e6-df11-971b-001d60e938c6"))
                .body("TypeId", equalTo("fbe0acdc-cfc0-df11-b00f-001d60e938c6"))
                .body("OwnerId", equalTo(technicalUserContact));

        Sim.odata().body(Map.of("StartDate", "2026-03-02T09:00:00Z", "DueDate", "2026-03-02T10:00:00Z"))
                .post(Sim.ODATA + "/Activity").then().statusCode(400)
                .body("error.message", equalTo("The request is invalid."))
                .body("error.innererror.message", containsString("Title"));
        Sim.odata().body(Map.of("Surname", "")).post(Sim.ODATA + "/Account").then().statusCode(400);
    }

    @Test
    void refusesTextLongerThanItsColumnOnPostAndPatchAsTheDatabaseDoes() {
        String email = "x".repeat(251);
        Sim.odata().body(Map.of("Name", "Too Long", "Email", email)).post(Sim.ODATA + "/Contact")
                .then().statusCode(500)
                .body("error.message", equalTo("An error has occurred."))
                .body("error.innererror.message", containsString(
                        "String or binary data would be truncated in table 'dbo.Contact', column 'Email'"));
        assertThat(Sim.odata().queryParam("$filter", "Name eq 'Too Long'").get(Sim.ODATA + "/Contact")
                .then().statusCode(200).extract().<java.util.List<Object>>path("value")).isEmpty();

        String id = Sim.odata().body(Map.of("Name", "Fits", "Email", "x".repeat(250))).post(Sim.ODATA + "/Contact")
                .then().statusCode(201).extract().path("Id");
        Sim.odata().body(Map.of("Email", email)).patch(Sim.ODATA + "/Contact(" + id + ")").then().statusCode(500)
                .body("error.innererror.message", containsString("column 'Email'"));
        Sim.odata().body(Map.of("Title", "t".repeat(501), "StartDate", "2026-03-02T09:00:00Z",
                "DueDate", "2026-03-02T10:00:00Z")).post(Sim.ODATA + "/Activity").then().statusCode(500)
                .body("error.innererror.message", containsString("column 'Title'"));
        // MaxSizeText takes anything
        Sim.odata().body(Map.of("Notes", "n".repeat(100_000))).patch(Sim.ODATA + "/Contact(" + id + ")").then().statusCode(204);
        Sim.odata().get(Sim.ODATA + "/Contact(" + id + ")").then().body("Email", equalTo("x".repeat(250)));
    }

    @Test
    void storesOverLongTextWhenTheQuirkIsSwitchedOff() {
        Sim.quirks(Map.of("textTooLongIs500", false));

        Sim.odata().body(Map.of("Name", "Too Long", "Email", "x".repeat(251))).post(Sim.ODATA + "/Contact")
                .then().statusCode(201).body("Email", equalTo("x".repeat(251)));
    }

    @Test
    void acceptsMoneyAsANumberOrAStringAndAnswersStringsForIeee754Clients() {
        String id = Sim.odata().body(Map.of("LeadName", "Money", "Budget", "1234.50")).post(Sim.ODATA + "/Lead")
                .then().statusCode(201).extract().path("Id");
        Sim.odata().body(Map.of("Budget", 99.25)).patch(Sim.ODATA + "/Lead(" + id + ")").then().statusCode(204);

        Sim.odata().get(Sim.ODATA + "/Lead(" + id + ")").then().body("Budget", equalTo(99.25f));
        given().header("Authorization", "Bearer " + Sim.token()).accept("application/json;IEEE754Compatible=true")
                .get(Sim.ODATA + "/Lead(" + id + ")").then().body("Budget", equalTo("99.25"));
    }

    @Test
    void rejectsUnknownColumnsAndValuesOfTheWrongType() {
        Sim.odata().body(Map.of("LeadName", "X", "Nope", 1)).post(Sim.ODATA + "/Lead").then().statusCode(400)
                .body("error.innererror.message", containsString("'Nope' does not exist"));
        Sim.odata().body(Map.of("LeadName", "X", "QualifyStatusId", "Canada")).post(Sim.ODATA + "/Lead")
                .then().statusCode(400)
                .body("error.innererror.message", containsString("Cannot convert the literal 'Canada'"));
    }

    @Test
    void patchesWith204AndBumpsModifiedOnAndModifiedBy() {
        String id = Sim.control().body(Map.of("LeadName", "Grace Hopper")).post("/sim/act/Lead")
                .then().statusCode(201).body("ModifiedById", equalTo("410006e1-ca4e-4502-a9ec-e54d922d2c00"))
                .extract().path("Id");
        given().queryParam("seconds", 60).post("/sim/clock/advance").then().statusCode(200);

        Sim.odata().body(Map.of("Email", "grace@navy.mil", "ModifiedOn", "2000-01-01T00:00:00Z"))
                .patch(Sim.ODATA + "/Lead(" + id + ")").then().statusCode(204).body(emptyString());

        Sim.odata().get(Sim.ODATA + "/Lead(" + id + ")").then().statusCode(200)
                .body("Email", equalTo("grace@navy.mil"))
                .body("LeadName", equalTo("Grace Hopper"))
                .body("ModifiedOn", equalTo("2026-03-01T10:01:00.1234567Z"))
                .body("ModifiedById", equalTo(technicalUserContact))
                .body("CreatedOn", equalTo("2026-03-01T10:00:00.1234567Z"));
        Sim.odata().body(Map.of("Email", "x")).patch(Sim.ODATA + "/Lead(9c1e7a52-9f6c-4a0e-9d55-2d7bb1c1a009)")
                .then().statusCode(404);
    }

    @Test
    void deletesWith204AsAHardDelete() {
        String id = Sim.odata().body(Map.of("LeadName", "Temp")).post(Sim.ODATA + "/Lead").then().statusCode(201)
                .extract().path("Id");

        Sim.odata().delete(Sim.ODATA + "/Lead(" + id + ")").then().statusCode(204);

        Sim.odata().get(Sim.ODATA + "/Lead(" + id + ")").then().statusCode(404);
        Sim.odata().delete(Sim.ODATA + "/Lead(" + id + ")").then().statusCode(404);
    }
}
