package com.nia.crmsync.syncapi.results;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what looks like personal data from free text before it reaches the sync log (failure
 * messages come from Creatio, the gateway and the worker, and may quote the values they refused).
 * A pure function, in this order:
 * <ol>
 * <li>the record's own values, when the caller knows them (names, emails, phones, notes): every
 * occurrence, case-insensitively, becomes {@code [value]} — the one way to catch a bare name;</li>
 * <li>e-mail addresses → {@code [email]};</li>
 * <li>quoted text ({@code '...'}, {@code "..."}, {@code «...»}) → {@code [value]}: messages quote
 * the values they refer to;</li>
 * <li>{@code value X}, {@code field=X}, {@code field: X} → the operand becomes {@code [value]};</li>
 * <li>phone-like runs of seven or more digits (with {@code + ( ) - . /} and spaces) → {@code [phone]};</li>
 * <li>two or more capitalised words in a row that are not known technical words → {@code [name]}.</li>
 * </ol>
 * HTTP statuses, column names, ids of three to six digits and GUIDs survive, so a message stays useful.
 */
public final class SyncLogRedactor {

    /** The longest text kept; longer messages are cut. */
    public static final int MAX_LENGTH = 500;

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"|«[^»]*»|“[^”]*”");
    private static final Pattern VALUE_WORD = Pattern.compile("(?i)\\b(value|values)\\s+(?!\\[)(\\S+)");
    private static final Pattern ASSIGNED = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)\\s*(=|:)\\s*(?!\\[)([^\\s,;)]+)");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PHONE = Pattern.compile("\\+?\\(?\\d[\\d\\s().\\-/]{5,}\\d");
    private static final Pattern CAPITALISED_RUN = Pattern.compile("\\b\\p{Lu}\\p{Ll}+(?:[ \\t]+\\p{Lu}\\p{Ll}+)+\\b");
    /** Capitalised words of technical messages, never taken for a name. */
    private static final List<String> TECHNICAL = List.of("bad", "request", "internal", "server", "error", "service",
            "unavailable", "gateway", "timeout", "too", "many", "requests", "not", "found", "conflict", "forbidden",
            "unauthorized", "creatio", "the", "a", "an", "no", "invalid", "required", "field", "column", "lead",
            "contact", "account", "activity", "unknown", "connection", "refused", "reset", "read", "write", "timed",
            "out", "budget", "exhausted", "daily", "quota", "precondition", "failed", "unprocessable", "entity",
            "payload", "large", "circuit", "breaker", "open", "method", "allowed", "gone", "value", "cannot", "split",
            "duplicate", "email", "phone", "mobile", "name", "surname", "job", "title", "full", "first", "last", "missing",
            "empty", "id", "odata", "batch", "http", "https");
    /** Keys of {@code key=value} whose operand is technical, not personal. */
    private static final List<String> TECHNICAL_KEYS = List.of("status", "http", "httpstatus", "code", "attempt",
            "retry", "category", "column", "field", "entity", "set", "id", "commandid", "timeout");

    private SyncLogRedactor() {
    }

    /** {@code text} without personal data (patterns only). */
    public static String redact(String text) {
        return redact(text, List.of());
    }

    /** {@code text} without personal data: the record's own {@code knownValues} first, then the patterns. */
    public static String redact(String text, Collection<?> knownValues) {
        if (text == null) {
            return null;
        }
        String out = text;
        List<String> known = knownValues == null ? List.of() : knownValues.stream().filter(Objects::nonNull)
                .map(Object::toString).map(String::strip).filter(v -> v.length() >= 2)
                // longest first, so "Ada Lovelace" goes before "Ada"
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String value : known) {
            out = Pattern.compile(Pattern.quote(value), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                    .matcher(out).replaceAll("[value]");
        }
        out = EMAIL.matcher(out).replaceAll("[email]");
        out = QUOTED.matcher(out).replaceAll("[value]");
        out = VALUE_WORD.matcher(out).replaceAll("$1 [value]");
        out = replaceAssigned(out);
        out = replacePhones(out);
        out = replaceNames(out);
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) + "…" : out;
    }

    private static String replaceAssigned(String text) {
        Matcher m = ASSIGNED.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1).toLowerCase(Locale.ROOT).replace("_", "");
            boolean technical = TECHNICAL_KEYS.contains(key) || m.group(3).matches("\\d{1,3}");
            // "https://..." reads as key "https" and ":" — a URL is not an assignment
            boolean url = m.group(2).equals(":") && m.group(3).startsWith("//");
            String replacement = technical || url ? m.group() : m.group(1) + m.group(2) + "[value]";
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String replacePhones(String text) {
        // GUIDs hold digit runs too: keep them out of the phone pattern
        Matcher guids = GUID.matcher(text);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (guids.find()) {
            sb.append(PHONE.matcher(text.substring(last, guids.start())).replaceAll(r -> phoneOrKeep(r.group())));
            sb.append(guids.group());
            last = guids.end();
        }
        sb.append(PHONE.matcher(text.substring(last)).replaceAll(r -> phoneOrKeep(r.group())));
        return sb.toString();
    }

    private static String phoneOrKeep(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        return Matcher.quoteReplacement(digits >= 7 ? "[phone]" : candidate);
    }

    private static String replaceNames(String text) {
        Matcher m = CAPITALISED_RUN.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            boolean technical = false;
            for (String word : m.group().split("[ \\t]+")) {
                if (TECHNICAL.contains(word.toLowerCase(Locale.ROOT))) {
                    technical = true;
                    break;
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(technical ? m.group() : "[name]"));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
