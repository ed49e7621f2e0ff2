package com.nia.crmsync.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The metrics that the alert rules ({@code deploy/observability/alerts.yml}) and the Grafana
 * dashboard ({@code grafana-dashboard.json}) query, with the labels each query uses, and the check
 * of a live scrape against them: every metric must be exposed with every label its queries use, so
 * a renamed metric or tag fails the build instead of silently emptying an alert or a panel.
 *
 * <p>The PromQL reading is deliberately small, for the queries these files hold: a metric is an
 * identifier that is neither a keyword nor followed by {@code (}; its labels are those of its
 * {@code {...}} matchers and of the {@code by (...)} / {@code without (...)} grouping that encloses
 * it. {@code job} and {@code instance} are Prometheus' target labels, never exposed by a service.
 */
final class MetricQueries {

    /** Labels Prometheus adds at scrape time. */
    static final Set<String> TARGET_LABELS = Set.of("job", "instance");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "bool", "offset", "inf", "nan",
            "sum", "min", "max", "avg", "count", "group", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without)\\s*\\(([^)]*)\\)");

    private MetricQueries() {
    }

    /** Every PromQL expression of the rules file. */
    static List<String> ruleExpressions(Path alertsYml) {
        JsonNode root = read(new YAMLMapper(), alertsYml);
        List<String> exprs = new ArrayList<>();
        root.path("groups").forEach(g -> g.path("rules").forEach(r -> exprs.add(r.path("expr").asText())));
        return exprs;
    }

    /** Every PromQL expression of the dashboard's panels. */
    static List<String> dashboardExpressions(Path dashboardJson) {
        JsonNode root = read(new ObjectMapper(), dashboardJson);
        List<String> exprs = new ArrayList<>();
        root.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        return exprs;
    }

    /** Metric name → the labels the expressions use with it (target labels left out). */
    static Map<String, Set<String>> required(List<String> expressions) {
        Map<String, Set<String>> required = new TreeMap<>();
        for (String expr : expressions) {
            metricsIn(expr, 0, expr.length(), Set.of(), required);
        }
        return required;
    }

    /**
     * What a scrape lacks: one line per metric that is not exposed, or exposed without one of the
     * labels required; empty when everything is there.
     */
    static List<String> missing(Map<String, Set<String>> required, Map<String, Set<String>> exposed) {
        List<String> problems = new ArrayList<>();
        required.forEach((metric, labels) -> {
            Set<String> has = exposed.get(metric);
            if (has == null) {
                problems.add(metric + ": not exposed by any service");
            } else if (!has.containsAll(labels)) {
                Set<String> lacking = new TreeSet<>(labels);
                lacking.removeAll(has);
                problems.add(metric + ": exposed without label(s) " + lacking + " (has " + new TreeSet<>(has) + ")");
            }
        });
        return problems;
    }

    /**
     * Reads a Prometheus text exposition ({@code /q/metrics}) into metric name → every label name
     * seen on its samples; merges into {@code into}.
     */
    static void exposition(String text, Map<String, Set<String>> into) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            if (brace < 0 || (space >= 0 && space < brace)) {
                into.computeIfAbsent(line.substring(0, space < 0 ? line.length() : space), k -> new TreeSet<>());
                continue;
            }
            Set<String> labels = into.computeIfAbsent(line.substring(0, brace), k -> new TreeSet<>());
            labels.addAll(labelNames(line, brace + 1));
        }
    }

    /** The label names of a sample line's {@code {a="x",b="y"}}, starting after its brace; quoted values may hold anything escaped. */
    private static List<String> labelNames(String line, int from) {
        List<String> names = new ArrayList<>();
        int i = from;
        while (i < line.length() && line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            names.add(line.substring(i, eq).trim());
            i = eq + 2; // past ="
            while (line.charAt(i) != '"') {
                i += line.charAt(i) == '\\' ? 2 : 1;
            }
            i++;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return names;
    }

    /** Collects the metrics of {@code expr[from, to)}, each with the labels of its matchers and {@code inherited}. */
    private static void metricsIn(String expr, int from, int to, Set<String> inherited, Map<String, Set<String>> into) {
        int i = from;
        while (i < to) {
            Matcher grouping = GROUPING.matcher(expr).region(i, to);
            Matcher id = IDENTIFIER.matcher(expr).region(i, to);
            if (!id.find()) {
                return;
            }
            if (grouping.find() && grouping.start() == id.start()) {
                Set<String> labels = new TreeSet<>(inherited);
                for (String l : grouping.group(2).split(",")) {
                    if (!l.isBlank()) {
                        labels.add(l.trim());
                    }
                }
                int open = skipSpaces(expr, grouping.end());
                if (open < to && expr.charAt(open) == '(') {
                    int close = matching(expr, open);
                    metricsIn(expr, open + 1, close, labels, into);
                    i = close + 1;
                } else {
                    i = grouping.end();
                }
                continue;
            }
            String name = id.group();
            int after = skipSpaces(expr, id.end());
            boolean insideString = quotesBefore(expr, id.start()) % 2 == 1;
            boolean function = after < to && expr.charAt(after) == '(';
            boolean duration = id.start() > 0 && Character.isDigit(expr.charAt(id.start() - 1));
            if (insideString || function || duration || KEYWORDS.contains(name.toLowerCase())) {
                i = id.end();
                continue;
            }
            Set<String> labels = into.computeIfAbsent(name, k -> new TreeSet<>());
            inherited.stream().filter(l -> !TARGET_LABELS.contains(l)).forEach(labels::add);
            if (after < to && expr.charAt(after) == '{') {
                int close = expr.indexOf('}', after);
                for (String matcher : expr.substring(after + 1, close).split(",")) {
                    Matcher label = IDENTIFIER.matcher(matcher.trim());
                    if (label.lookingAt() && !TARGET_LABELS.contains(label.group())) {
                        labels.add(label.group());
                    }
                }
                i = close + 1;
            } else {
                i = id.end();
            }
        }
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int matching(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '(') {
                depth++;
            } else if (s.charAt(i) == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unbalanced parentheses in " + s);
    }

    private static int quotesBefore(String s, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
