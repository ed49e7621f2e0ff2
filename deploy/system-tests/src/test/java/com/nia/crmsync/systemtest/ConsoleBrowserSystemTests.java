package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 20's acceptance in a real browser: the admin console (sync-api's {@code /console/}, through
 * the front router) driven in headless Chromium by {@link ConsoleBrowser}, each person signed in on
 * Keycloak's own login page ({@link ConsoleKeycloak}). One browser for the class, one sign-in per role
 * (viewer, then operator, then admin); every test ends with no console warning or error and no failed
 * request. Accessibility: each page's controls have labels and one {@code <h1>}, and every main action
 * (sign-in, filter, resolve, start a dry run, save the configuration) is done with the keyboard alone.
 * The dashboard, the inbox and the configuration editor are photographed for the documentation (see
 * {@link ConsoleBrowser#SCREENSHOTS_PROPERTY}). Runs after the demo data exists (DemoFixturesSystemTests
 * is unordered, so it runs first) and before the kill and secret-scan tests.
 */
@Order(Integer.MAX_VALUE - 100)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(LogsOnFailure.class)
class ConsoleBrowserSystemTests {

    @RegisterExtension
    static final ConsoleBrowser BROWSER = new ConsoleBrowser();

    private static final Duration WITHIN = Duration.ofSeconds(120);
    private static final Pattern RUN_PAGE = Pattern.compile("#/runs/([0-9a-f-]{36})");
    /** Budgets of the class's own conflicts: numbers no other page shows by chance. */
    private static final int BASE = 41_017;
    private static final int IN_CREATIO = 52_029;
    private static final int IN_NIA = 63_031;

    private static SyncPath sync;
    private static String router;
    private static UUID lead;
    private static String conflictId;
    private static String marker;

    @BeforeAll
    static void aBudgetConflictOfOurOwn() {
        sync = new SyncPath(SystemStack.get());
        router = sync.stack.service(ServiceKind.FRONT_ROUTER).baseUrl();
        marker = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("first_name", "Console");
        f.put("last_name", "Browser" + marker);
        f.put("email", ("console.browser." + marker + "@nia.example").toLowerCase(Locale.ROOT));
        f.put("company", "Console " + marker);
        f.put("title", "Buyer");
        f.put("status", "qualified");
        f.put("budget", BASE);
        lead = sync.createLead(f);
        sync.awaitStatus(EntityType.LEAD, lead, "synced", WITHIN);
        sync.userEdits("Lead", SyncPath.creatioIdOf(EntityType.LEAD, lead), Map.of("Budget", IN_CREATIO));
        sync.editLead(lead, Map.of("budget", IN_NIA));
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> !pendingConflicts().isEmpty());
        conflictId = String.valueOf(pendingConflicts().get(0).get("id"));
    }

    private static List<Map<String, Object>> pendingConflicts() {
        return given().baseUri(router).auth().oauth2(TestTokens.operator()).queryParam("entity_id", lead).queryParam("status", "pending")
                .when().get("/api/v1/crm/conflicts/").then().statusCode(200).extract().jsonPath().getList("items");
    }

    // ---- viewer

    @Test
    @Order(1)
    void aViewerSignsInOnKeycloaksLoginPageByKeyboardAndTheTopBarNamesTheViewer() {
        BROWSER.signIn("viewer");
        BROWSER.ready("dashboard");
        assertThat(text("[data-testid=user-name]")).isEqualTo(BROWSER.keycloak().user("viewer"));
        assertThat(text("[data-testid=user-role]")).isEqualTo("viewer");
        assertAccessible();
    }

    @Test
    @Order(2)
    void theDashboardShowsEveryCountOfTheStatusApi() {
        BROWSER.signIn("viewer");
        BROWSER.open("dashboard", "dashboard");
        Map<String, Long> shown = new TreeMap<>();
        Map<String, Long> api = new TreeMap<>();
        // records keep moving in a shared stack: the page and the API are read until one reading agrees
        await().atMost(WITHIN).pollInterval(Duration.ofSeconds(2)).until(() -> {
            shown.clear();
            api.clear();
            BROWSER.reload("dashboard");
            shown.putAll(dashboardCounts());
            api.putAll(statusCounts());
            return !shown.isEmpty() && shown.equals(api);
        });
        assertThat(shown).as("status-count per entity and status, status-total per status").isEqualTo(api);
        assertThat(BROWSER.driver().findElements(By.cssSelector("canvas[data-testid=chart-latency]"))).hasSize(1);
        assertThat(BROWSER.driver().findElements(By.cssSelector("canvas[data-testid=chart-throughput]"))).hasSize(1);
    }

    @Test
    @Order(3)
    void aViewerSeesNoBudgetValueAndNoOperatorButtonsAndTheApiRefusesTheViewersOwnCalls() {
        BROWSER.signIn("viewer");
        List<String> budgets = new ArrayList<>(List.of(String.valueOf(BASE), String.valueOf(IN_CREATIO), String.valueOf(IN_NIA)));
        Map<String, Object> quota = given().baseUri(router).auth().oauth2(TestTokens.admin()).when().get("/api/v1/crm/sync/status/")
                .then().statusCode(200).extract().jsonPath().getMap("quota");
        for (String key : List.of("daily_quota", "bulk_stops_at", "realtime_stops_at")) {
            if (quota != null && quota.get(key) != null) {
                budgets.add(String.valueOf(quota.get(key)));
            }
        }

        BROWSER.open("dashboard", "dashboard");
        assertThat(BROWSER.driver().findElements(By.cssSelector("[data-testid=quota-budget]"))).as("no budget element").isEmpty();
        assertNoneShown(budgets);
        BROWSER.open("conflicts", "conflicts");
        assertNoneShown(budgets);
        BROWSER.open("conflicts/" + conflictId, "conflict");
        assertNoneShown(budgets);
        assertThat(BROWSER.driver().findElements(By.cssSelector("[data-testid^=resolve-], [data-testid=dismiss], [data-testid=retry]")))
                .as("no operator button on a conflict").isEmpty();
        BROWSER.open("records/lead/" + lead, "record");
        assertNoneShown(budgets);
        BROWSER.open("runs", "runs");
        assertThat(BROWSER.driver().findElements(By.cssSelector(
                "[data-testid=start-sync-all], [data-testid=start-dry-run], [data-testid=start-retry-failed]")))
                .as("no operator button on the runs page").isEmpty();
        assertThat(BROWSER.driver().findElements(By.cssSelector("a[href='#/config'], a[href='#/dead-letters']")))
                .as("no admin page in the navigation").isEmpty();

        // the viewer's own token (Keycloak's, as a script would get it) calling the API directly
        String viewer = BROWSER.keycloak().token("viewer");
        expectForbidden(given().baseUri(router).auth().oauth2(viewer).contentType(ContentType.JSON).body(Map.of("dry_run", false))
                .when().post("/api/v1/crm/sync/sync_all/"));
        expectForbidden(given().baseUri(router).auth().oauth2(viewer).contentType(ContentType.JSON)
                .body(Json.write(Map.of("conflict_id", conflictId, "strategy", "creatio_wins")))
                .when().post("/api/v1/crm/sync/resolve-conflict/"));
        JsonPath seen = given().baseUri(router).auth().oauth2(viewer).when().get("/api/v1/crm/conflicts/" + conflictId)
                .then().statusCode(200).extract().jsonPath();
        assertThat((Object) seen.get("creatio_value")).as("the API hides the budget from the viewer too").isNull();
    }

    // ---- operator

    @Test
    @Order(10)
    void anOperatorFiltersTheInboxAndResolvesWithCreatioWinsByKeyboardAndBothSidesKeepTheCreatioValue() {
        BROWSER.signIn("operator");
        assertThat(text("[data-testid=user-role]")).isEqualTo("operator");
        BROWSER.open("conflicts", "conflicts");
        assertAccessible();
        WebElement field = BROWSER.driver().findElement(By.id("filter-field"));
        BROWSER.press(field, "Budget", Keys.ENTER);
        WebElement row = BROWSER.waitFor(By.cssSelector("[data-testid=conflict-row][data-conflict-id='" + conflictId + "']"));
        assertThat(BROWSER.driver().findElements(By.cssSelector("[data-testid=conflict-row]")))
                .as("the field filter keeps Budget conflicts only").allSatisfy(r -> assertThat(r.getText()).contains("Budget"));
        BROWSER.press(row.findElement(By.cssSelector("a[href]")), Keys.ENTER);
        BROWSER.ready("conflict");
        assertAccessible();
        assertThat(digits(text("[data-testid=side-base]"))).contains(String.valueOf(BASE));
        assertThat(digits(text("[data-testid=side-nia]"))).contains(String.valueOf(IN_NIA));
        assertThat(digits(text("[data-testid=side-creatio]"))).contains(String.valueOf(IN_CREATIO));
        assertThat(text("[data-testid=policy-reason]")).isNotBlank();

        BROWSER.press(BROWSER.driver().findElement(By.cssSelector("[data-testid=resolve-creatio_wins]")), Keys.ENTER);
        assertThat(BROWSER.waitFor(By.cssSelector("[role=status]:not(:empty)")).getText()).isNotBlank();

        await().atMost(WITHIN).pollInterval(Duration.ofSeconds(1)).until(() -> "resolved".equals(
                given().baseUri(router).auth().oauth2(TestTokens.operator()).when().get("/api/v1/crm/conflicts/" + conflictId)
                        .then().statusCode(200).extract().path("status")));
        await().atMost(WITHIN).pollInterval(Duration.ofSeconds(1))
                .until(() -> number(IN_CREATIO).equals(number(sync.lead(lead).get("budget"))));
        assertThat(number(sync.creatio("Lead", SyncPath.creatioIdOf(EntityType.LEAD, lead)).orElseThrow().get("Budget")))
                .as("Creatio keeps its value").isEqualTo(number(IN_CREATIO));
        await().atMost(WITHIN).pollInterval(Duration.ofSeconds(2)).until(() -> {
            BROWSER.reload("conflict");
            return "resolved".equals(text("[data-testid=conflict-status]"));
        });
        assertThat(BROWSER.driver().findElements(By.cssSelector("[data-testid=audit-entry]"))).isNotEmpty();
    }

    @Test
    @Order(11)
    void anOperatorStartsADryRunByKeyboardAndReadsThePlanTheApiHas() {
        BROWSER.signIn("operator");
        BROWSER.open("runs", "runs");
        assertAccessible();
        BROWSER.press(BROWSER.driver().findElement(By.cssSelector("[data-testid=start-dry-run]")), Keys.ENTER);
        // the console opens the run it started
        new WebDriverWait(BROWSER.driver(), WITHIN).until(d -> RUN_PAGE.matcher(d.getCurrentUrl()).find());
        Matcher page = RUN_PAGE.matcher(BROWSER.driver().getCurrentUrl());
        assertThat(page.find()).isTrue();
        String run = page.group(1);
        JsonPath view = given().baseUri(router).auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + run)
                .then().statusCode(200).extract().jsonPath();
        assertThat(view.getBoolean("dry_run")).as("the button started a dry run").isTrue();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> "completed".equals(
                given().baseUri(router).auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + run)
                        .then().statusCode(200).extract().path("status")));

        BROWSER.open("runs/" + run, "run");
        assertAccessible();
        await().atMost(WITHIN).pollInterval(Duration.ofSeconds(2)).until(() -> {
            BROWSER.reload("run");
            return "completed".equals(text("[data-testid=run-status]"))
                    && !BROWSER.driver().findElements(By.cssSelector("[data-testid=plan-row]")).isEmpty();
        });
        List<WebElement> rows = BROWSER.driver().findElements(By.cssSelector("[data-testid=plan-row]"));
        List<Map<String, Object>> plan = given().baseUri(router).auth().oauth2(TestTokens.viewer()).queryParam("page", 0)
                .queryParam("size", rows.size()).when().get("/api/v1/crm/sync/runs/" + run + "/plan").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertThat(rows.stream().map(r -> r.getAttribute("data-action")).toList()).as("the plan's actions, line by line")
                .isEqualTo(plan.stream().map(l -> String.valueOf(l.get("action"))).toList());
        assertThat(rows.stream().map(r -> r.getAttribute("data-local-id")).toList()).as("the plan's records, line by line")
                .isEqualTo(plan.stream().map(l -> String.valueOf(l.get("local_id"))).toList());
        assertThat(rows.get(0).findElement(By.cssSelector("[data-testid=plan-diff]")).getText()).isNotNull();
    }

    // ---- admin

    @Test
    @Order(20)
    void anAdminSignsInAndTheDashboardInboxAndEditorArePhotographedFromTheDemoData() {
        BROWSER.signIn("admin");
        assertThat(text("[data-testid=user-role]")).isEqualTo("admin");
        BROWSER.open("dashboard", "dashboard");
        assertThat(BROWSER.driver().findElements(By.cssSelector("[data-testid=quota-budget]"))).as("an admin sees the budget").hasSize(1);
        BROWSER.screenshot("dashboard");
        BROWSER.open("conflicts", "conflicts");
        BROWSER.screenshot("conflict-inbox");
        BROWSER.open("config", "config");
        BROWSER.screenshot("configuration-editor");
    }

    @Test
    @Order(21)
    void anInvalidMappingSavedByKeyboardIsShownNextToItsFieldAndNothingIsSaved() {
        BROWSER.signIn("admin");
        JsonPath config = given().baseUri(router).auth().oauth2(TestTokens.admin()).when().get("/api/v1/crm/config").then().statusCode(200)
                .extract().jsonPath();
        BROWSER.open("config", "config");
        assertAccessible();
        assertThat(text("[data-testid=config-version]")).contains(config.getString("version"));
        WebElement column = BROWSER.driver().findElements(By.cssSelector("input[name]")).stream()
                .filter(e -> e.getAttribute("name").endsWith("creatio_column")).findFirst().orElseThrow();
        String name = column.getAttribute("name");
        BROWSER.expectFailedRequest(line -> line.startsWith("400 PUT ") && line.contains("/api/v1/crm/config"));
        // a mapping without its Creatio column, saved with Enter (the form's submit, as the Save button)
        BROWSER.press(column, Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, Keys.ENTER);

        WebElement error = BROWSER.waitFor(By.cssSelector("[data-testid=field-error]"));
        assertThat(error.getTagName()).isEqualTo("p");
        assertThat(error.getAttribute("data-field")).as("the error names the control").isEqualTo(name);
        WebElement control = BROWSER.driver().findElement(By.cssSelector("[name='" + name + "']"));
        assertThat(control.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(error.getAttribute("id")).isNotBlank();
        assertThat(control.getAttribute("aria-describedby")).contains(error.getAttribute("id"));
        assertThat((Boolean) BROWSER.script("return arguments[0].parentElement.contains(arguments[1])"
                + " && !!(arguments[0].compareDocumentPosition(arguments[1]) & Node.DOCUMENT_POSITION_FOLLOWING)", control, error))
                .as("the error comes right after its control").isTrue();
        assertThat(text("[role=alert]")).isNotBlank();
        assertThat(given().baseUri(router).auth().oauth2(TestTokens.admin()).when().get("/api/v1/crm/config").then().statusCode(200)
                .extract().jsonPath().getString("version")).as("nothing saved").isEqualTo(config.getString("version"));
    }

    @Test
    @Order(22)
    void everyPageHasLabelledControlsAndOneHeading() {
        BROWSER.signIn("admin");
        String run = given().baseUri(router).auth().oauth2(TestTokens.viewer()).queryParam("size", 1).when().get("/api/v1/crm/sync/runs/")
                .then().statusCode(200).extract().path("items[0].id");
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("dashboard", "dashboard");
        pages.put("conflicts", "conflicts");
        pages.put("conflicts/" + conflictId, "conflict");
        pages.put("records", "records");
        pages.put("records/lead/" + lead, "record");
        pages.put("runs", "runs");
        pages.put("runs/" + run, "run");
        pages.put("config", "config");
        pages.put("dead-letters", "dead-letters");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            BROWSER.open(page.getKey(), page.getValue());
            assertAccessible();
        }
    }

    // ---- helpers

    private static void assertAccessible() {
        assertThat(BROWSER.unlabelledControls()).as("controls without a label on " + BROWSER.driver().getCurrentUrl()).isEmpty();
        assertThat(BROWSER.driver().findElements(By.tagName("h1"))).as("one heading on " + BROWSER.driver().getCurrentUrl()).hasSize(1);
    }

    private static String text(String css) {
        return BROWSER.waitFor(By.cssSelector(css)).getText().trim();
    }

    private static String digits(String text) {
        return text.replaceAll("[^0-9]", "");
    }

    private static BigDecimal number(Object value) {
        return value == null ? null : new BigDecimal(String.valueOf(value)).stripTrailingZeros();
    }

    /**
     * Neither the page's text nor its HTML holds any of the numbers, however grouped ("8,000,000",
     * "8 000 000", "8.000.000,00"). The text is read number by number: all its digits run together
     * would find a budget in the digits of neighbouring ids and dates.
     */
    private static void assertNoneShown(List<String> numbers) {
        String html = BROWSER.driver().getPageSource();
        String text = BROWSER.driver().findElement(By.tagName("body")).getText();
        List<String> shown = numbersIn(text);
        for (String n : numbers) {
            assertThat(html).as("the page's HTML").doesNotContainPattern("(?<![0-9])" + n + "(?![0-9])");
            assertThat(shown).as("the numbers of the page's text").doesNotContain(n);
        }
    }

    /** The numbers in {@code text}, their group separators (between a digit and three more) removed. */
    static List<String> numbersIn(String text) {
        String ungrouped = text.replaceAll("(?<=[0-9])[,.'\u00a0\u202f ](?=[0-9]{3}(?![0-9]))", "");
        List<String> numbers = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[0-9]+").matcher(ungrouped);
        while (m.find()) {
            numbers.add(m.group());
        }
        return numbers;
    }

    /** The dashboard's cells: {@code <entity>/<status>} and {@code total/<status>}, each with its count. */
    private static Map<String, Long> dashboardCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (WebElement cell : BROWSER.driver().findElements(By.cssSelector("[data-testid=status-count]"))) {
            counts.put(cell.getAttribute("data-entity") + "/" + cell.getAttribute("data-status"), Long.parseLong(digits(cell.getText())));
        }
        for (WebElement cell : BROWSER.driver().findElements(By.cssSelector("[data-testid=status-total]"))) {
            counts.put("total/" + cell.getAttribute("data-status"), Long.parseLong(digits(cell.getText())));
        }
        counts.values().removeIf(n -> n == 0);
        return counts;
    }

    /** The same from {@code GET /api/v1/crm/sync/status/}. */
    private static Map<String, Long> statusCounts() {
        JsonPath status = given().baseUri(router).auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/status/")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Map<String, Object>> byEntity = status.getMap("by_entity");
        byEntity.forEach((entity, statuses) -> statuses.forEach((s, n) -> counts.put(entity + "/" + s, ((Number) n).longValue())));
        Map<String, Object> byStatus = status.getMap("by_status");
        byStatus.forEach((s, n) -> counts.put("total/" + s, ((Number) n).longValue()));
        counts.values().removeIf(n -> n == 0);
        return counts;
    }

    private static void expectForbidden(Response response) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(403);
    }
}
