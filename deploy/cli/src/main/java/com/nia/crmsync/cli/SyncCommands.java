package com.nia.crmsync.cli;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import com.nia.crmsync.cli.render.Table;
import com.nia.crmsync.client.model.ConnectionCheck;
import com.nia.crmsync.client.model.RetryFailedRequest;
import com.nia.crmsync.client.model.Run;
import com.nia.crmsync.client.model.SyncAllRequest;
import com.nia.crmsync.client.model.SyncLeadRequest;
import com.nia.crmsync.client.model.SyncStatus;

/** The seed's sync commands: {@code sync-all}, {@code sync-lead}, {@code retry-failed}, {@code status}, {@code test-connection}. */
final class SyncCommands {

    private SyncCommands() {
    }

    @Command(name = "sync-all", mixinStandardHelpOptions = true,
            description = "Sync every lead and contact (or the given types); --dry-run plans without writing.")
    static final class SyncAll implements Callable<Integer> {
        @ParentCommand
        CrmSync root;

        @Option(names = "--dry-run", description = "Plan only: write nothing; the plan is shown with --wait or by `crm-sync run ID --plan`.")
        boolean dryRun;

        @Option(names = "--force", description = "Plan unchanged records too.")
        boolean force;

        @Option(names = "--entity", split = ",", paramLabel = "TYPE", description = "Entity types, comma-separated (lead,contact,meeting,task).")
        List<String> entities;

        @Option(names = "--wait", description = "Follow the run to its end with a progress bar.")
        boolean wait;

        @Override
        public Integer call() throws InterruptedException {
            var started = root.client().syncAll(new SyncAllRequest(force ? Boolean.TRUE : null, entities, dryRun ? Boolean.TRUE : null));
            return RunWatch.triggered(root, started, dryRun ? "sync_all dry" : "sync_all", wait);
        }
    }

    @Command(name = "sync-lead", mixinStandardHelpOptions = true, description = "Sync one lead.")
    static final class SyncLead implements Callable<Integer> {
        @ParentCommand
        CrmSync root;

        @Option(names = "--lead-id", required = true, paramLabel = "UUID", description = "The NIA lead's id.")
        UUID leadId;

        @Option(names = "--direction", paramLabel = "DIRECTION", description = "to_creatio (default), from_creatio or both.")
        Direction direction;

        @Option(names = "--wait", description = "Follow the run to its end.")
        boolean wait;

        @Override
        public Integer call() throws InterruptedException {
            var started = root.client().syncLead(new SyncLeadRequest(leadId, direction == null ? null : direction.name(), null));
            return RunWatch.triggered(root, started, "sync_lead", wait);
        }
    }

    /** The directions of {@code sync-lead}, as the API spells them. */
    enum Direction { to_creatio, from_creatio, both }

    @Command(name = "retry-failed", mixinStandardHelpOptions = true, description = "Re-queue failed records (all, one type, or by id).")
    static final class RetryFailed implements Callable<Integer> {
        @ParentCommand
        CrmSync root;

        @Option(names = "--entity", paramLabel = "TYPE", description = "Only failed records of this type.")
        String entity;

        @Option(names = "--ids", split = ",", paramLabel = "UUID", description = "Only these local ids, comma-separated.")
        List<UUID> ids;

        @Option(names = "--wait", description = "Follow the run to its end.")
        boolean wait;

        @Override
        public Integer call() throws InterruptedException {
            var started = root.client().retryFailed(new RetryFailedRequest(entity, ids));
            return RunWatch.triggered(root, started, "retry_failed", wait);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Where the records stand, runs, failures, conflicts and quota.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        CrmSync root;

        @Override
        public Integer call() {
            SyncStatus s = root.client().status();
            StringBuilder out = new StringBuilder();
            Table byEntity = new Table("ENTITY", "STATUS", "RECORDS");
            if (s.byEntity() != null) {
                s.byEntity().forEach((entity, counts) -> counts.forEach((status, n) -> byEntity.row(entity, status, n)));
            }
            out.append(byEntity.render()).append('\n');
            Table facts = new Table("", "");
            facts.row("records by status", s.byStatus() == null ? "-" : s.byStatus().toString());
            facts.row("success rate", s.successRate() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", s.successRate() * 100));
            facts.row("open conflicts", s.conflicts());
            facts.row("last run", describe(s.lastRun()));
            if (s.timings() != null) {
                facts.row("sync time", s.timings().averageMillis() == null ? "-" : String.format(Locale.ROOT,
                        "avg %.0f ms, p95 %.0f ms over %d", s.timings().averageMillis(), s.timings().p95Millis(), s.timings().sampleSize()));
            }
            if (s.quota() != null) {
                facts.row("Creatio quota", s.quota().available() ? s.quota().used() + " of " + s.quota().dailyQuota() + " used today, "
                        + s.quota().remaining() + " left" : "unavailable (" + s.quota().reason() + ")");
            }
            out.append(facts.render().lines().skip(1).map(l -> l + "\n").reduce("", String::concat));
            if (s.currentRuns() != null && !s.currentRuns().isEmpty()) {
                out.append("\nOpen runs:\n");
                s.currentRuns().forEach(r -> out.append("  ").append(describe(r)).append('\n'));
            }
            if (s.recentFailures() != null && !s.recentFailures().isEmpty()) {
                Table failures = new Table("ENTITY", "LOCAL ID", "RETRIES", "NEXT RETRY", "LAST ERROR");
                s.recentFailures().forEach(f -> failures.row(f.entityType(), f.localId(), f.retryCount(), f.nextRetryAt(), f.lastError()));
                out.append("\nRecent failures:\n").append(failures.render());
            }
            return root.answer(out.toString());
        }

        private static String describe(Run r) {
            return r == null ? "-" : r.kind() + " " + r.id() + " " + r.status() + (r.dryRun() ? " (dry run)" : "") + " " + r.done() + "/"
                    + r.total() + (r.finishedAt() == null ? "" : " at " + r.finishedAt());
        }
    }

    @Command(name = "test-connection", mixinStandardHelpOptions = true, description = "Test the connection to Creatio through the gateway.")
    static final class TestConnection implements Callable<Integer> {
        @ParentCommand
        CrmSync root;

        @Override
        public Integer call() {
            ConnectionCheck c = root.client().testConnection();
            return root.answer("Creatio connection " + (c.ok() ? "OK" : "FAILED") + ": " + (c.authenticated() ? "authenticated" : "not authenticated")
                    + " in " + c.authMillis() + " ms" + (c.readMillis() == null ? "" : ", read in " + c.readMillis() + " ms")
                    + (c.message() == null ? "" : " — " + c.message()) + "\n");
        }
    }
}
