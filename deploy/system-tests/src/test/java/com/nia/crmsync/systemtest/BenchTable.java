package com.nia.crmsync.systemtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ratio benchmark's figures ({@link RatiosBench}): for each scenario, the measured rounds of the
 * system and of the raw client (seconds per round, Creatio calls and HTTP requests per round, from
 * the simulator's counters), turned into median/min/max, records per second and the ratio system ÷
 * raw; printed as one table and written as JSON. Pure arithmetic, unit-tested in
 * {@code BenchTableTests}.
 */
final class BenchTable {

    /** One measured round of one side: how long it took and what the simulator counted meanwhile. */
    record Round(double seconds, long calls, long requests) {
    }

    /** One side (the system or the raw client) of a scenario: its measured rounds, the warm-up left out. */
    record Side(List<Round> rounds) {

        Side {
            rounds = List.copyOf(rounds);
        }

        boolean measured() {
            return !rounds.isEmpty();
        }

        double medianSeconds() {
            return median(rounds.stream().map(Round::seconds).toList());
        }

        double minSeconds() {
            return rounds.stream().mapToDouble(Round::seconds).min().orElse(Double.NaN);
        }

        double maxSeconds() {
            return rounds.stream().mapToDouble(Round::seconds).max().orElse(Double.NaN);
        }

        /** Records per second at the median round. */
        double rate(long records) {
            double median = medianSeconds();
            return median > 0 ? records / median : Double.NaN;
        }

        /** Creatio calls (the quota count) per record, over every measured round. */
        double callsPerRecord(long records) {
            return perRecord(rounds.stream().mapToLong(Round::calls).sum(), records);
        }

        /** HTTP requests to the simulator per record, over every measured round. */
        double requestsPerRecord(long records) {
            return perRecord(rounds.stream().mapToLong(Round::requests).sum(), records);
        }

        private double perRecord(long total, long records) {
            return records > 0 && !rounds.isEmpty() ? (double) total / (records * (double) rounds.size()) : Double.NaN;
        }
    }

    /** A scenario: what one round moves ({@code records}), both sides, the target and what was found. */
    record Scenario(String name, long records, Side system, Side raw, String target, String note) {

        /** The system's rate over the raw client's (NaN when either side was not measured). */
        double ratio() {
            if (!system.measured() || !raw.measured()) {
                return Double.NaN;
            }
            return system.rate(records) / raw.rate(records);
        }
    }

    private final List<Scenario> scenarios = new ArrayList<>();
    private final Map<String, Object> extras = new LinkedHashMap<>();

    void add(Scenario scenario) {
        scenarios.add(scenario);
    }

    /** A figure beside the table (latencies, RSS, hot frames), kept under its name in the JSON. */
    void extra(String name, Object value) {
        extras.put(name, value);
    }

    List<Scenario> scenarios() {
        return List.copyOf(scenarios);
    }

    /** The median of some values (the mean of the middle two for an even count); NaN for none. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The nearest-rank percentile of sorted values (0 for none). */
    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** The table as Markdown: one row per scenario, the system's and the raw client's figures side by side. */
    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | records/round | system s median (min–max) | system records/s | system calls/record | "
                + "system requests/record | raw s median (min–max) | raw records/s | raw calls/record | raw requests/record | "
                + "ratio system ÷ raw | target |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Scenario s : scenarios) {
            out.append("| ").append(s.name()).append(" | ").append(String.format(Locale.ROOT, "%,d", s.records())).append(" | ")
                    .append(seconds(s.system())).append(" | ").append(number(s.system().rate(s.records()), 0)).append(" | ")
                    .append(number(s.system().callsPerRecord(s.records()), 4)).append(" | ")
                    .append(number(s.system().requestsPerRecord(s.records()), 4)).append(" | ")
                    .append(seconds(s.raw())).append(" | ").append(number(s.raw().rate(s.records()), 0)).append(" | ")
                    .append(number(s.raw().callsPerRecord(s.records()), 4)).append(" | ")
                    .append(number(s.raw().requestsPerRecord(s.records()), 4)).append(" | ")
                    .append(number(s.ratio(), 3)).append(" | ").append(s.target() == null ? "" : s.target()).append(" |\n");
        }
        return out.toString();
    }

    /** Everything as one JSON-ready map: the run's facts, each scenario with its rounds and derived figures, the extras. */
    Map<String, Object> json(Map<String, Object> run) {
        Map<String, Object> root = new LinkedHashMap<>(run);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Scenario s : scenarios) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", s.name());
            m.put("records_per_round", s.records());
            m.put("system", side(s.system(), s.records()));
            m.put("raw", side(s.raw(), s.records()));
            m.put("ratio", finite(s.ratio()));
            m.put("target", s.target());
            m.put("note", s.note());
            list.add(m);
        }
        root.put("scenarios", list);
        root.putAll(extras);
        return root;
    }

    private static Map<String, Object> side(Side side, long records) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (Round r : side.rounds()) {
            Map<String, Object> round = new LinkedHashMap<>();
            round.put("seconds", r.seconds());
            round.put("creatio_calls", r.calls());
            round.put("http_requests", r.requests());
            rounds.add(round);
        }
        m.put("rounds", rounds);
        m.put("median_seconds", finite(side.medianSeconds()));
        m.put("min_seconds", finite(side.minSeconds()));
        m.put("max_seconds", finite(side.maxSeconds()));
        m.put("records_per_second", finite(side.rate(records)));
        m.put("creatio_calls_per_record", finite(side.callsPerRecord(records)));
        m.put("http_requests_per_record", finite(side.requestsPerRecord(records)));
        return m;
    }

    /** JSON has no NaN: a figure that was not measured is null. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String seconds(Side side) {
        if (!side.measured()) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", side.medianSeconds(), side.minSeconds(), side.maxSeconds());
    }

    private static String number(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return "—";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
