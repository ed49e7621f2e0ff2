package com.nia.crmsync.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.client.model.Conflict;
import com.nia.crmsync.client.model.PlanLine;
import com.nia.crmsync.client.model.PlanSummary;

/** The human output: tables, a dry run's plan, a conflict side by side, the progress bar and its plain lines. */
class RendererTests {

    private static final UUID LEAD = UUID.fromString("00000000-0000-0000-0000-000000000003");
    private static final UUID NEW_STATUS = UUID.fromString("d790a45d-03ff-4ddb-9dea-8087722c582c");
    private static final UUID DISTRIBUTION = UUID.fromString("ceb70b3c-985f-4867-ae7c-88f9dd710688");

    @Test
    void aTableAlignsItsColumnsAndShowsNullAsADash() {
        String table = new Table("ID", "STATUS", "N").row("a", "completed", 12).row("bbbb", null, 3).render();
        assertThat(table).isEqualTo("""
                ID    STATUS     N
                a     completed  12
                bbbb  -          3
                """);
    }

    @Test
    void aLongCellIsCutWithAnEllipsis() {
        String cell = new Table("X").row("y".repeat(80)).render().lines().skip(1).findFirst().orElseThrow();
        assertThat(cell).hasSize(Table.MAX_CELL).endsWith("…");
    }

    @Test
    void aPlanShowsEachRecordsActionThenEachChangedFieldPerSideWithLookupNames() {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("status", Map.of("column", "QualifyStatusId",
                "nia", Map.of("from", Map.of("id", NEW_STATUS, "name", "New"), "to", Map.of("id", DISTRIBUTION, "name", "Distribution"))));
        changes.put("phone", Map.of("column", "MobilePhone", "creatio", Map.of("from", "", "to", "+49 30 1234")));
        PlanLine update = new PlanLine("lead", LEAD, null, "update", "planned", changes, 1, null);
        PlanLine none = new PlanLine("contact", LEAD, null, "no_op", "planned", Map.of(), 0, null);
        String plan = PlanTable.render(List.of(update, none), new PlanSummary(2, Map.of("update", 1L, "no_op", 1L), 1, "/plan"));

        List<String> lines = plan.lines().toList();
        assertThat(lines.get(0)).startsWith("ENTITY").contains("ACTION", "FIELD", "SIDE", "FROM", "TO");
        assertThat(lines.get(1)).startsWith("lead").contains(LEAD.toString(), "update", "planned");
        assertThat(lines.get(2)).contains("status (QualifyStatusId)", "→ NIA", "New (d790a45d…)", "Distribution (ceb70b3c…)");
        assertThat(lines.get(3)).contains("phone (MobilePhone)", "→ Creatio", "+49 30 1234");
        assertThat(lines.get(4)).startsWith("contact").contains("no_op");
        assertThat(lines.get(5)).startsWith("2 record(s): ").contains("update 1", "no_op 1").endsWith("1 Creatio call(s) planned");
    }

    @Test
    void aConflictShowsBaseNiaAndCreatioSideBySideWithDisplayNames() {
        Conflict c = conflict(Map.of("id", NEW_STATUS, "name", "New"), Map.of("id", DISTRIBUTION, "name", "Distribution"),
                Map.of("id", NEW_STATUS, "name", "New"), false);
        List<String> lines = ConflictView.render(c, List.of()).lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.contains("BASE")).findFirst().orElseThrow());
        String head = lines.get(header);
        String values = lines.get(header + 1);
        assertThat(head.indexOf("BASE")).isLessThan(head.indexOf("NIA")).isLessThan(head.indexOf("CREATIO"));
        assertThat(values).startsWith("value");
        // each value sits under its own column
        assertThat(values.indexOf("New (d790a45d…)")).isEqualTo(head.indexOf("BASE"));
        assertThat(values.indexOf("Distribution (ceb70b3c…)")).isEqualTo(head.indexOf("NIA"));
        assertThat(values.lastIndexOf("New (d790a45d…)")).isEqualTo(head.indexOf("CREATIO"));
        assertThat(lines.get(0)).contains("field_mismatch", "pending");
    }

    @Test
    void aHiddenConflictShowsNoValue() {
        String text = ConflictView.render(conflict(null, null, null, true), List.of());
        assertThat(text).contains("(hidden)").doesNotContain("Distribution");
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceWithCountsRateAndEta() {
        ProgressBar bar = new ProgressBar(true);
        String first = bar.update("running", 0, 200, 0);
        assertThat(first).startsWith("\r[").doesNotContain("\n").contains("0/200", "0%", "ETA –");
        String later = bar.update("running", 100, 200, 10_000_000_000L);
        assertThat(later).startsWith("\r[" + "█".repeat(15) + "░".repeat(15) + "]").doesNotContain("\n")
                .contains("100/200", "50%", "10.0/s", "ETA 10s");
        assertThat(bar.finish()).isEqualTo("\n");
    }

    @Test
    void onAPipeEachChangeIsOnePlainLineAndNothingIsRepeated() {
        ProgressBar bar = new ProgressBar(false);
        assertThat(bar.update("planning", 0, 0, 0)).isEqualTo("progress planning 0/0 0%\n");
        assertThat(bar.update("planning", 0, 0, 1_000_000_000L)).isNull();
        assertThat(bar.update("running", 30, 120, 2_000_000_000L)).isEqualTo("progress running 30/120 25% 15.0/s eta 6s\n");
        assertThat(bar.update("completed", 120, 120, 3_000_000_000L)).isEqualTo("progress completed 120/120 100% 40.0/s\n")
                .doesNotContain("\r").doesNotContain("█");
        assertThat(bar.finish()).isEmpty();
    }

    @Test
    void etasAreShortAndReadable() {
        assertThat(ProgressBar.eta(java.time.Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(ProgressBar.eta(java.time.Duration.ofSeconds(125))).isEqualTo("2m5s");
        assertThat(ProgressBar.eta(java.time.Duration.ofSeconds(7260))).isEqualTo("2h1m");
    }

    private static Conflict conflict(Object base, Object nia, Object creatio, boolean hidden) {
        Instant at = Instant.parse("2026-12-07T02:00:00Z");
        return new Conflict(UUID.randomUUID(), "field_mismatch", "lead", LEAD, UUID.randomUUID(), "QualifyStatusId", base, nia, creatio,
                hidden, at, at, at, "pending", "manual", "changed on both sides", null, null, null, null, null, null, null, null, null,
                null, 1, 0);
    }
}
