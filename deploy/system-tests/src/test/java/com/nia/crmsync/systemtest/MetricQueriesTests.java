package com.nia.crmsync.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.infra.RepoLayout;

/**
 * The reader of the rules' and the dashboard's queries, and the check of a scrape against them,
 * on fixtures: a renamed metric or a dropped tag is reported, target labels are not required, and
 * the project's own files yield the metrics of the shared naming list.
 */
class MetricQueriesTests {

    private static final String SCRAPE = """
            # HELP crmsync_dead_letters_total Records sent to the dead-letter topic
            # TYPE crmsync_dead_letters_total counter
            crmsync_dead_letters_total{reason="invalid_event",topic="nia.meetings.ended.v1"} 1.0
            crmsync_sync_latency_seconds_bucket{entity="lead",lane="realtime",le="0.5"} 3
            crmsync_freshness_seconds{entity="lead"} 0.0
            creatio_quota_used 12.0
            weird_metric{path="a,b=\\"c\\"}",kind="x"} 2
            """;

    @Test
    void readsMetricsAndTheLabelsOfTheirMatchersAndGroupings() {
        Map<String, Set<String>> required = MetricQueries.required(List.of(
                "sum by (topic, reason) (increase(crmsync_dead_letters_total{reason!=\"x\"}[15m])) > 0",
                "histogram_quantile(0.95, sum by (le, lane) (rate(crmsync_sync_latency_seconds_bucket[5m])))",
                "max by (job, entity) (crmsync_freshness_seconds) > 1800",
                "max(creatio_quota_used) / max(creatio_quota_limit) >= 0.75"));

        assertThat(required).containsOnlyKeys("crmsync_dead_letters_total", "crmsync_sync_latency_seconds_bucket",
                "crmsync_freshness_seconds", "creatio_quota_used", "creatio_quota_limit");
        assertThat(required.get("crmsync_dead_letters_total")).containsExactlyInAnyOrder("topic", "reason");
        assertThat(required.get("crmsync_sync_latency_seconds_bucket")).containsExactlyInAnyOrder("le", "lane");
        assertThat(required.get("crmsync_freshness_seconds")).as("job is a target label").containsExactly("entity");
        assertThat(required.get("creatio_quota_used")).isEmpty();
    }

    @Test
    void aScrapeWithEveryMetricAndLabelPasses() {
        Map<String, Set<String>> exposed = new TreeMap<>();
        MetricQueries.exposition(SCRAPE, exposed);

        assertThat(exposed.get("weird_metric")).containsExactlyInAnyOrder("path", "kind");
        assertThat(MetricQueries.missing(MetricQueries.required(List.of(
                "sum by (topic, reason) (increase(crmsync_dead_letters_total[15m]))",
                "max by (entity) (crmsync_freshness_seconds)", "max(creatio_quota_used)")), exposed)).isEmpty();
    }

    @Test
    void aRenamedMetricOrADroppedTagIsReported() {
        Map<String, Set<String>> exposed = new TreeMap<>();
        MetricQueries.exposition(SCRAPE.replace("crmsync_freshness_seconds", "crmsync_staleness_seconds")
                .replace("reason=\"invalid_event\",", ""), exposed);

        List<String> missing = MetricQueries.missing(MetricQueries.required(List.of(
                "sum by (topic, reason) (increase(crmsync_dead_letters_total[15m]))",
                "max by (entity) (crmsync_freshness_seconds)")), exposed);

        assertThat(missing).hasSize(2);
        assertThat(missing.get(0)).startsWith("crmsync_dead_letters_total").contains("[reason]");
        assertThat(missing.get(1)).startsWith("crmsync_freshness_seconds: not exposed");
    }

    @Test
    void theProjectsRulesAndDashboardQueryTheSharedMetricNames() {
        Path dir = RepoLayout.root().resolve("deploy/observability");
        Map<String, Set<String>> rules = MetricQueries.required(MetricQueries.ruleExpressions(dir.resolve("alerts.yml")));
        Map<String, Set<String>> dashboard = MetricQueries.required(MetricQueries.dashboardExpressions(dir.resolve("grafana-dashboard.json")));

        assertThat(rules).containsKeys("creatio_token_requests_total", "creatio_calls_seconds_count", "creatio_breaker_state",
                "creatio_quota_used", "crmsync_dead_letters_total", "crmsync_freshness_seconds", "crmsync_outbox_backlog",
                "crmsync_outbox_oldest_age_seconds", "kafka_consumer_fetch_manager_records_lag_max", "crmsync_conflicts_pending",
                "crmsync_runs_total");
        assertThat(rules.get("crmsync_runs_total")).containsExactlyInAnyOrder("kind", "status");
        assertThat(dashboard).containsKeys("crmsync_sync_results_total", "crmsync_sync_latency_seconds_bucket",
                "crmsync_retries_scheduled_total", "crmsync_pull_watermark_age_seconds", "crmsync_run_progress_ratio",
                "http_server_requests_seconds_count");
        assertThat(dashboard.get("crmsync_sync_results_total")).containsExactlyInAnyOrder("entity", "outcome");
    }
}
