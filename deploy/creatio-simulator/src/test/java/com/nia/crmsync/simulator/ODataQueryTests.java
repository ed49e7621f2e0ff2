package com.nia.crmsync.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Point 3: {@code $filter} operators, functions, navigation paths and bare literals,
 * {@code $select}, {@code $orderby} on several keys, {@code $top/$skip}, both counts,
 * {@code $expand}, single entities and properties — and Creatio's query quirks, each on and off.
 */
@QuarkusTest
class ODataQueryTests {

    private static final String DISTRIBUTION = "14cfc644-e3ed-497e-8279-ed4319bb8093";

    private String alice;
    private String bob;
    private String carol;
    private String dana;

    @BeforeEach
    void createLeads() {
        Sim.reset();
        Sim.control().body(Map.of("now", "2026-03-01T10:00:00.1234567Z", "frozen", true)).put("/sim/clock")
                .then().statusCode(200);
        alice = act("Lead", Map.of("LeadName", "Alice Archer", "Email", "alice@acme.test", "Budget", 1000,
                "Account", "Acme Ltd", "QualifyStatusId", DISTRIBUTION));
        given().queryParam("seconds", 1).post("/sim/clock/advance").then().statusCode(200);
        // Bob and Carol share one ModifiedOn, the case a watermark must not lose.
        bob = act("Lead", Map.of("LeadName", "Bob Baker", "Email", "bob@globex.test", "Budget", "5000",
                "Account", "Globex"));
        carol = act("Lead", Map.of("LeadName", "Carol Clark", "Email", "carol@acme.test", "Budget", 250,
                "Account", "Acme Ltd"));
        dana = act("Contact", Map.of("Name", "Dana Dean"));
        act("Activity", Map.of("Title", "Call Dana", "StartDate", "2026-03-02T09:00:00Z",
                "DueDate", "2026-03-02T09:30:00Z", "ContactId", dana));
    }

    private static String act(String set, Map<String, Object> body) {
        return Sim.control().body(body).post("/sim/act/" + set).then().statusCode(201).extract().path("Id");
    }

    private static List<String> ids(String filter) {
        return Sim.odata().queryParam("$filter", filter).queryParam("$select", "Id")
                .get(Sim.ODATA + "/Lead").then().statusCode(200).extract().path("value.Id");
    }

    @Test
    void filtersWithComparisonLogicalOperatorsAndParentheses() {
        assertThat(ids("Budget gt 500 and (Account eq 'Acme Ltd' or startswith(LeadName,'Bob'))"))
                .containsExactlyInAnyOrder(alice, bob);
        assertThat(ids("not (Budget le 1000)")).containsExactly(bob);
        assertThat(ids("Budget ne 1000")).containsExactlyInAnyOrder(bob, carol);
        assertThat(ids("Budget ge 1000 and Budget lt 5000")).containsExactly(alice);
        assertThat(ids("Budget eq 250 or Budget eq 1000 and Account eq 'Globex'")).as("and binds tighter than or")
                .containsExactly(carol);
        assertThat(ids("ModifiedOn gt 2026-03-01T10:00:00.1234567Z or Email eq 'alice@acme.test'"))
                .as("an or-ed condition never narrows the ModifiedOn index range")
                .containsExactlyInAnyOrder(alice, bob, carol);
        assertThat(ids("Account eq 'acme ltd'")).as("string comparison ignores case, as SQL Server does")
                .containsExactlyInAnyOrder(alice, carol);
    }

    @Test
    void readsABatchOfKnownIdsWithAnOrChain() {
        assertThat(ids("Id eq " + alice + " or Id eq " + carol + " or Id eq 00000000-0000-0000-0000-00000000abcd"))
                .containsExactly(alice, carol);
    }

    @Test
    void filtersWithStringFunctions() {
        assertThat(ids("contains(Email,'acme')")).containsExactlyInAnyOrder(alice, carol);
        assertThat(ids("endswith(Email,'globex.test')")).containsExactly(bob);
        assertThat(ids("startswith(tolower(LeadName),'carol')")).containsExactly(carol);
    }

    @Test
    void filtersOnNavigationPathsWithBareGuidLiterals() {
        assertThat(ids("QualifyStatus/Id eq " + DISTRIBUTION)).containsExactly(alice);
        assertThat(ids("QualifyStatus/Name eq 'Qualification'")).containsExactlyInAnyOrder(bob, carol);
        assertThat(ids("Owner/Name eq 'Supervisor'")).containsExactlyInAnyOrder(alice, bob, carol);
        Sim.odata().queryParam("$filter", "Contact/Id eq " + dana).get(Sim.ODATA + "/Activity")
                .then().statusCode(200).body("value.Title", contains("Call Dana"));
    }

    @Test
    void filtersOnBareDatetimeLiteralsWithSevenFractionalDigits() {
        assertThat(ids("ModifiedOn gt 2026-03-01T10:00:00.1234567Z")).containsExactlyInAnyOrder(bob, carol);
        assertThat(ids("ModifiedOn le 2026-03-01T10:00:00.1234567Z")).containsExactly(alice);
        assertThat(ids("ModifiedOn ge 2026-03-01T10:00:01.1234567Z and ModifiedOn lt 2030-01-01T00:00:00Z"))
                .containsExactlyInAnyOrder(bob, carol);
    }

    @Test
    void rejectsAQuotedDatetimeWith400UnlessTheQuirkIsOff() {
        Sim.odata().queryParam("$filter", "ModifiedOn gt '2026-03-01T10:00:00Z'").get(Sim.ODATA + "/Lead")
                .then().statusCode(400)
                .body("error.message", equalTo("The request is invalid."))
                .body("error.innererror.message", containsString("Edm.DateTimeOffset' and 'Edm.String'"));

        Sim.quirks(Map.of("quotedDatetimeIs400", false));

        assertThat(ids("ModifiedOn gt '2026-03-01T10:00:00.1234567Z'")).containsExactlyInAnyOrder(bob, carol);
    }

    @Test
    void failsAFilterOnAScalarLookupColumnWith500UnlessTheQuirkIsOff() {
        Sim.odata().queryParam("$filter", "QualifyStatusId eq " + DISTRIBUTION).get(Sim.ODATA + "/Lead")
                .then().statusCode(500)
                .body("error.message", equalTo("An error has occurred."))
                .body("error.innererror.message", containsString("QualifyStatus/Id"));

        Sim.quirks(Map.of("scalarLookupFilterIs500", false));

        assertThat(ids("QualifyStatusId eq " + DISTRIBUTION)).containsExactly(alice);
    }

    @Test
    void rejectsAGuidComparedWithAQuotedString() {
        Sim.odata().queryParam("$filter", "QualifyStatus/Id eq '" + DISTRIBUTION + "'").get(Sim.ODATA + "/Lead")
                .then().statusCode(400);
    }

    @Test
    void selectsOnlyTheAskedColumns() {
        Map<String, Object> row = Sim.odata().queryParam("$select", "Id,LeadName")
                .queryParam("$filter", "Id eq " + alice)
                .get(Sim.ODATA + "/Lead").then().statusCode(200).extract().path("value[0]");

        assertThat(row).containsOnlyKeys("Id", "LeadName");
    }

    @Test
    void ordersBySeveralKeys() {
        Sim.odata().queryParam("$orderby", "Account desc,Budget asc").queryParam("$select", "Id")
                .get(Sim.ODATA + "/Lead").then().statusCode(200)
                .body("value.Id", contains(bob, carol, alice));
    }

    @Test
    void pagesWithTopAndSkipWithoutANextLink() {
        List<String> firstPage = Sim.odata().queryParam("$orderby", "ModifiedOn,Id").queryParam("$top", 2)
                .queryParam("$skip", 0).get(Sim.ODATA + "/Lead").then().statusCode(200)
                .body("$", not(hasKey("@odata.nextLink")))
                .extract().path("value.Id");
        List<String> secondPage = Sim.odata().queryParam("$orderby", "ModifiedOn,Id").queryParam("$top", 2)
                .queryParam("$skip", 2).get(Sim.ODATA + "/Lead").then().statusCode(200).extract().path("value.Id");

        assertThat(firstPage).hasSize(2).startsWith(alice);
        assertThat(secondPage).hasSize(1);
        assertThat(List.of(firstPage.get(0), firstPage.get(1), secondPage.get(0)))
                .containsExactlyInAnyOrder(alice, bob, carol);
    }

    @Test
    void countsInlineAndAsAPathSegment() {
        Sim.odata().queryParam("$count", "true").queryParam("$top", 1).get(Sim.ODATA + "/Lead")
                .then().statusCode(200).body("'@odata.count'", equalTo(3)).body("value", hasSize(1));
        Sim.odata().queryParam("$count", "true").queryParam("$top", 0).get(Sim.ODATA + "/Lead")
                .then().statusCode(200).body("'@odata.count'", equalTo(3)).body("value", empty());
        String count = Sim.odata().queryParam("$filter", "contains(Email,'acme')").get(Sim.ODATA + "/Lead/$count")
                .then().statusCode(200).extract().asString();
        assertThat(count).isEqualTo("2");
    }

    @Test
    void expandsLookupsWithANestedSelect() {
        Sim.odata().queryParam("$expand", "QualifyStatus($select=Name),Owner").queryParam("$filter", "Id eq " + alice)
                .get(Sim.ODATA + "/Lead").then().statusCode(200)
                .body("value[0].QualifyStatus.Name", equalTo("Distribution"))
                .body("value[0].QualifyStatus", not(hasKey("Id")))
                .body("value[0].Owner.Name", equalTo("Supervisor"));
    }

    @Test
    void readsOneEntityByItsBareGuidKeyAndOneProperty() {
        Sim.odata().get(Sim.ODATA + "/Lead(" + alice + ")").then().statusCode(200)
                .body("'@odata.context'", containsString("$metadata#Lead/$entity"))
                .body("LeadName", equalTo("Alice Archer"));
        Sim.odata().get(Sim.ODATA + "/Lead(" + alice + ")/Email").then().statusCode(200)
                .body("value", equalTo("alice@acme.test"));
        String raw = Sim.odata().get(Sim.ODATA + "/Lead(" + alice + ")/Email/$value").then().statusCode(200)
                .extract().asString();
        assertThat(raw).isEqualTo("alice@acme.test");
    }

    @Test
    void answers404WithTheErrorEnvelopeForAnUnknownKeyAnd400ForAQuotedKey() {
        Sim.odata().get(Sim.ODATA + "/Lead(00000000-0000-0000-0000-00000000abcd)").then().statusCode(404)
                .body("error.code", equalTo(""))
                .body("error.innererror.message", containsString("00000000-0000-0000-0000-00000000abcd"));
        Sim.odata().get(Sim.ODATA + "/Lead('" + alice + "')").then().statusCode(400);
    }

    @Test
    void failsAReadOfMoreThan20000RowsWithoutTopUnlessTheQuirkIsOff() {
        Sim.seed(20_001, 0, 0, 0);

        Sim.odata().queryParam("$select", "Id").get(Sim.ODATA + "/Lead").then().statusCode(500)
                .body("error.message", equalTo("An error has occurred."));
        Sim.odata().queryParam("$select", "Id").queryParam("$top", 20_001).get(Sim.ODATA + "/Lead")
                .then().statusCode(500);
        Sim.odata().queryParam("$select", "Id").queryParam("$top", 5).queryParam("$skip", 19_990)
                .get(Sim.ODATA + "/Lead").then().statusCode(200).body("value", hasSize(5));

        Sim.quirks(Map.of("tooManyRowsIs500", false));

        Sim.odata().queryParam("$select", "Id").get(Sim.ODATA + "/Lead").then().statusCode(200)
                .body("value", hasSize(20_004));
    }

    @Test
    void pullsEveryRowExactlyOnceWhenPagingByModifiedOnAndId() {
        Sim.seed(1_000, 0, 0, 0);
        String from = "2025-01-01T00:00:00Z";
        List<String> pulled = new ArrayList<>();
        List<String> stamps = new ArrayList<>();
        for (int skip = 0; ; skip += 150) {
            List<Map<String, String>> page = Sim.odata()
                    .queryParam("$filter", "ModifiedOn ge " + from + " and ModifiedOn lt 2026-01-01T00:00:00Z")
                    .queryParam("$orderby", "ModifiedOn asc,Id asc")
                    .queryParam("$select", "Id,ModifiedOn")
                    .queryParam("$top", 150).queryParam("$skip", skip)
                    .get(Sim.ODATA + "/Lead").then().statusCode(200).extract().path("value");
            page.forEach(row -> {
                pulled.add(row.get("Id"));
                stamps.add(row.get("ModifiedOn"));
            });
            if (page.size() < 150) {
                break;
            }
        }
        Set<String> distinctStamps = new HashSet<>(stamps);

        assertThat(pulled).hasSize(1_000).doesNotHaveDuplicates();
        assertThat(distinctStamps).as("some seeded rows share a ModifiedOn").hasSizeLessThan(1_000);
        assertThat(stamps.stream().map(Instant::parse).toList()).isSorted();
    }

    @Test
    void rejectsUnknownPropertiesAndOptions() {
        Sim.odata().queryParam("$select", "Nope").get(Sim.ODATA + "/Lead").then().statusCode(400)
                .body("error.innererror.message", containsString("Nope"));
        Sim.odata().queryParam("$filter", "Nope eq 1").get(Sim.ODATA + "/Lead").then().statusCode(400);
        Sim.odata().queryParam("$apply", "groupby((Account))").get(Sim.ODATA + "/Lead").then().statusCode(400);
    }

    @Test
    void returnsCustomObjectsDeclaredByConfiguration() {
        Sim.odata().body(Map.of("UsrText", "note", "UsrLeadId", alice, "UsrScore", 7))
                .post(Sim.ODATA + "/UsrMeetingNote").then().statusCode(201).body("UsrScore", equalTo(7));
        Sim.odata().queryParam("$filter", "UsrLead/Id eq " + alice).get(Sim.ODATA + "/UsrMeetingNote")
                .then().statusCode(200).body("value.UsrText", containsInAnyOrder("note"));
    }
}
