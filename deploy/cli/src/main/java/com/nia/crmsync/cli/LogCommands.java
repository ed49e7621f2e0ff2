package com.nia.crmsync.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import com.fasterxml.jackson.databind.JsonNode;

import com.nia.crmsync.cli.render.Table;
import com.nia.crmsync.client.CrmSyncClient;
import com.nia.crmsync.client.model.Page;
import com.nia.crmsync.client.model.Queries;
import com.nia.crmsync.client.model.SyncLogEntry;
import com.nia.crmsync.client.model.SyncRecord;

/** The sync log ({@code logs}, optionally followed) and one record's sync state ({@code records}). */
final class LogCommands {

    private LogCommands() {
    }

    @Command(name = "logs", mixinStandardHelpOptions = true,
            description = {"The sync log, newest first; --follow keeps printing new lines (oldest first) until interrupted.",
                    "With --json: the API's page; with --json --follow one JSON line per entry."})
    static final class Logs implements Callable<Integer> {
        @ParentCommand
        CrmSync root;

        @Option(names = "--entity", paramLabel = "TYPE", description = "lead, contact, meeting, task.")
        String entity;

        @Option(names = "--level", description = "info, warning, error.")
        String level;

        @Option(names = "--since", paramLabel = "WHEN", description = "An ISO-8601 instant, or a duration back from now (PT1H, 15m, 2h, 1d).")
        String since;

        @Option(names = "--size", description = "Lines (default 50, at most 500).", defaultValue = "50")
        int size;

        @Option(names = "--follow", description = "Keep printing new lines.")
        boolean follow;

        @Option(names = "--poll", description = "With --follow: how often to ask, in ms (default 2000).", defaultValue = "2000", hidden = true)
        long pollMillis;

        @Override
        public Integer call() throws InterruptedException {
            CrmSyncClient api = root.client();
            Instant from = since == null ? null : when(since, root.clock().instant());
            Page<SyncLogEntry> page = api.logs(new Queries.Logs(entity, null, level, from, null, null, 0, size));
            if (!follow) {
                Table table = table();
                page.items().forEach(e -> row(table, e));
                return root.answer(table.render() + page.items().size() + " of " + page.total() + " line(s)\n");
            }
            Set<Long> seen = new HashSet<>();
            List<SyncLogEntry> oldestFirst = new ArrayList<>(page.items());
            Collections.reverse(oldestFirst);
            Instant after = print(oldestFirst, seen, from);
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(pollMillis);
                List<SyncLogEntry> fresh = new ArrayList<>(api.logs(new Queries.Logs(entity, null, level, after, null, null, 0, 500)).items());
                Collections.reverse(fresh);
                after = print(fresh, seen, after);
            }
            return ExitCodes.OK;
        }

        private Instant print(List<SyncLogEntry> entries, Set<Long> seen, Instant after) {
            Instant newest = after;
            for (SyncLogEntry e : entries) {
                if (!seen.add(e.id())) {
                    continue;
                }
                if (root.json()) {
                    root.console().out().println(CrmSync.JSON.convertValue(e, JsonNode.class).toString());
                } else {
                    Table one = table();
                    row(one, e);
                    root.console().out().print(one.render().lines().skip(1).map(l -> l + "\n").reduce("", String::concat));
                }
                if (newest == null || e.occurredAt().isAfter(newest)) {
                    newest = e.occurredAt();
                }
            }
            root.console().out().flush();
            return newest;
        }

        private static Table table() {
            return new Table("TIME", "LEVEL", "OPERATION", "ENTITY", "LOCAL ID", "OUTCOME", "MS", "RUN");
        }

        private static void row(Table table, SyncLogEntry e) {
            table.row(e.occurredAt(), e.level(), e.operation(), e.entityType(), e.localId(), e.outcome(), e.durationMs(), e.runId());
        }

        /** An ISO instant, or a duration back from {@code now} ({@code PT1H}, {@code 15m}, {@code 2h}, {@code 1d}). */
        static Instant when(String text, Instant now) {
            String t = text.trim();
            if (t.matches("\\d+[smhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                Duration d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                return now.minus(d);
            }
            if (t.startsWith("P") || t.startsWith("p")) {
                return now.minus(Duration.parse(t));
            }
            return Instant.parse(t);
        }
    }

    @Command(name = "records", mixinStandardHelpOptions = true, description = "One record's sync state.")
    static final class Records implements Callable<Integer> {
        @ParentCommand
        CrmSync root;

        @Parameters(index = "0", paramLabel = "TYPE", description = "lead, contact, meeting, task.")
        String type;

        @Parameters(index = "1", paramLabel = "ID", description = "The NIA record's id.")
        UUID id;

        @Override
        public Integer call() {
            SyncRecord r = root.client().record(type, id);
            Table facts = new Table("", "");
            facts.row("record", r.entityType() + " " + r.localId());
            facts.row("Creatio id", r.creatioId());
            facts.row("status", r.status() + (r.pendingCommandId() == null ? "" : " (command " + r.pendingCommandId() + " pending)"));
            facts.row("direction", r.direction());
            facts.row("last outcome", r.lastOutcome());
            facts.row("last error", r.lastError());
            facts.row("retries", r.retryCount() + " of " + r.effectiveMaxRetries() + (r.nextRetryAt() == null ? "" : ", next at " + r.nextRetryAt()));
            facts.row("open fields", r.openFields());
            facts.row("last synced", r.lastSyncedAt());
            facts.row("Creatio modified", r.creatioModifiedOn());
            facts.row("dead-lettered", r.deadLetteredAt());
            facts.row("updated", r.updatedAt());
            return root.answer(facts.render().lines().skip(1).map(l -> l + "\n").reduce("", String::concat));
        }
    }
}
