package com.nia.crmsync.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.systemtest.BenchTable.Round;
import com.nia.crmsync.systemtest.BenchTable.Scenario;
import com.nia.crmsync.systemtest.BenchTable.Side;

/** The ratio benchmark's arithmetic: medians, rates, calls per record, the ratio, the table and the JSON. */
class BenchTableTests {

    private static final Side SYSTEM = new Side(List.of(new Round(4.0, 10, 12), new Round(2.0, 10, 12), new Round(5.0, 10, 12)));
    private static final Side RAW = new Side(List.of(new Round(0.5, 1, 2), new Round(0.4, 1, 2), new Round(0.3, 1, 2)));

    @Test
    void mediansRatesAndCallsPerRecordComeFromTheMeasuredRounds() {
        assertThat(SYSTEM.medianSeconds()).isEqualTo(4.0);
        assertThat(SYSTEM.minSeconds()).isEqualTo(2.0);
        assertThat(SYSTEM.maxSeconds()).isEqualTo(5.0);
        assertThat(SYSTEM.rate(1000)).isEqualTo(250.0);
        assertThat(SYSTEM.callsPerRecord(1000)).isCloseTo(0.01, within(1e-9));
        assertThat(SYSTEM.requestsPerRecord(1000)).isCloseTo(0.012, within(1e-9));
        assertThat(BenchTable.median(List.of(3.0, 1.0, 2.0, 10.0))).isEqualTo(2.5);
        assertThat(BenchTable.percentile(List.of(10L, 20L, 30L, 40L), 95)).isEqualTo(40L);
        assertThat(BenchTable.percentile(List.of(10L, 20L, 30L, 40L), 50)).isEqualTo(20L);
    }

    @Test
    void theRatioIsTheSystemsRateOverTheRawClientsAndAbsentWhenASideWasNotMeasured() {
        Scenario pull = new Scenario("pull", 1000, SYSTEM, RAW, "≥ 0.10", null);
        assertThat(pull.ratio()).isCloseTo(0.1, within(1e-9));
        Scenario systemOnly = new Scenario("workers", 1000, SYSTEM, new Side(List.of()), null, null);
        assertThat(systemOnly.ratio()).isNaN();
    }

    @Test
    void theTableHasOneRowPerScenarioAndTheJsonCarriesRoundsAndFiguresWithoutNaN() {
        BenchTable table = new BenchTable();
        table.add(new Scenario("pull", 1000, SYSTEM, RAW, "≥ 0.10", null));
        table.add(new Scenario("workers", 1000, SYSTEM, new Side(List.of()), null, "system only"));
        table.extra("rss", Map.of("sync-api", 300));

        String markdown = table.markdown();
        assertThat(markdown.lines()).hasSize(4);
        assertThat(markdown).contains("| pull | 1,000 | 4.00 (2.00–5.00) | 250 | 0.0100 | 0.0120 | 0.40 (0.30–0.50) | 2,500 |")
                .contains("| 0.100 | ≥ 0.10 |").contains("| workers | 1,000 |").contains("| — | — | — |");

        String json = Json.write(table.json(Map.of("commit", "abc1234")));
        assertThat(json).doesNotContain("NaN").contains("\"commit\":\"abc1234\"").contains("\"ratio\":0.1")
                .contains("\"median_seconds\":4.0").contains("\"rss\":{\"sync-api\":300}").contains("\"ratio\":null");
    }
}
