package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import com.nia.crmsync.infra.RepoLayout;
import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Every metric the alert rules and the Grafana dashboard query exists in a live scrape of the
 * running services, with the labels they use — so a renamed metric or tag fails the build — after
 * a small workload: a lead created and synced, a {@code sync-lead} run, and a record on the
 * meetings topic that is dead-lettered. HTTP {@code uri} tags are route templates, never ids.
 */
class MetricsScrapeSystemTests extends SyncSystemTest {

    private static final List<ServiceKind> SERVICES = List.of(ServiceKind.SYNC_API, ServiceKind.SYNC_WORKER,
            ServiceKind.CONFLICT_SERVICE, ServiceKind.CREATIO_GATEWAY);
    private static final Pattern UUID_IN_URI = Pattern.compile("uri=\"[^\"]*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Test
    void everyMetricOfTheAlertRulesAndTheDashboardIsScrapedWithTheLabelsTheyUse() {
        Path dir = RepoLayout.root().resolve("deploy/observability");
        List<String> queries = new ArrayList<>(MetricQueries.ruleExpressions(dir.resolve("alerts.yml")));
        queries.addAll(MetricQueries.dashboardExpressions(dir.resolve("grafana-dashboard.json")));
        Map<String, Set<String>> required = MetricQueries.required(queries);

        UUID lead = sync.createLead(lead());
        sync.awaitStatus(EntityType.LEAD, lead, "synced", Duration.ofSeconds(120));
        given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("lead_id", lead.toString())).when().post("/api/v1/crm/sync/sync-lead/").then().statusCode(202);
        kafka.send(Topics.MEETINGS_ENDED, "metrics-" + marker, "{\"not\": \"an envelope\"");

        // database-backed gauges refresh every 5 s; the Kafka clients' metrics appear once partitions are assigned
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Map<String, Set<String>> exposed = scrapeAll();
            assertThat(MetricQueries.missing(required, exposed)).as("metrics queried by alerts.yml and the dashboard").isEmpty();
            assertThat(exposed.get("crmsync_dead_letters_total")).as("the dead letter was counted").contains("topic", "reason");
        });
        for (ServiceKind service : SERVICES) {
            assertThat(UUID_IN_URI.matcher(scrape(service)).find()).as(service + ": http uri tags are templates").isFalse();
        }
    }

    private Map<String, Set<String>> scrapeAll() {
        Map<String, Set<String>> exposed = new TreeMap<>();
        SERVICES.forEach(s -> MetricQueries.exposition(scrape(s), exposed));
        return exposed;
    }

    private String scrape(ServiceKind service) {
        return given().baseUri(sync.stack.service(service).baseUrl()).when().get("/q/metrics")
                .then().statusCode(200).extract().asString();
    }

    private Map<String, Object> lead() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("first_name", "Grace");
        f.put("last_name", "Metrics");
        f.put("email", ("grace.metrics." + marker + "@nia.example").toLowerCase(Locale.ROOT));
        f.put("company", "Observed Engines " + marker);
        f.put("status", "qualified");
        return f;
    }
}
