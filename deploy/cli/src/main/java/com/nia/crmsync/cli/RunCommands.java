package com.nia.crmsync.cli;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import com.nia.crmsync.cli.render.PlanTable;
import com.nia.crmsync.cli.render.Table;
import com.nia.crmsync.client.CrmSyncClient;
import com.nia.crmsync.client.model.Page;
import com.nia.crmsync.client.model.PlanPage;
import com.nia.crmsync.client.model.Queries;
import com.nia.crmsync.client.model.Run;

/** {@code runs} (the list, newest first) and {@code run <id> [--plan] [--wait]}. */
final class RunCommands {

    private RunCommands() {
    }

    @Command(name = "runs", mixinStandardHelpOptions = true, description = "List the sync runs, newest first.")
    static final class Runs implements Callable<Integer> {
        @ParentCommand
        CrmSync root;

        @Option(names = "--kind", description = "sync_all, sync_lead, retry_failed, ...")
        String kind;

        @Option(names = "--status", description = "queued, planning, running, completed or failed.")
        String status;

        @Option(names = "--since", paramLabel = "INSTANT", description = "Created at or after (ISO-8601).")
        Instant since;

        @Option(names = "--page", description = "The page, from 0.")
        Integer page;

        @Option(names = "--size", description = "Runs per page (default 50).")
        Integer size;

        @Override
        public Integer call() {
            Page<Run> runs = root.client().runs(new Queries.Runs(kind, status, since, null, page, size));
            Table table = new Table("ID", "KIND", "STATUS", "DRY RUN", "DONE", "TOTAL", "FAILED", "BY", "CREATED");
            runs.items().forEach(r -> table.row(r.id(), r.kind(), r.status(), r.dryRun() ? "yes" : "", r.done(), r.total(), r.failed(),
                    r.requestedBy(), r.createdAt()));
            return root.answer(table.render() + runs.items().size() + " of " + runs.total() + " run(s)\n");
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "One run; --plan shows a dry run's plan (actions and diffs).")
    static final class RunOne implements Callable<Integer> {
        @ParentCommand
        CrmSync root;

        @Parameters(paramLabel = "ID", description = "The run's id.")
        UUID id;

        @Option(names = "--plan", description = "Show the dry run's plan: one row per record and changed field.")
        boolean plan;

        @Option(names = "--wait", description = "Follow the run to its end first.")
        boolean wait;

        @Option(names = "--page", description = "With --json --plan: the plan page, from 0 (default 0).", defaultValue = "0")
        int page;

        @Option(names = "--size", description = "With --json --plan: lines per page, 1 to 500 (default 500).", defaultValue = "500")
        int size;

        @Override
        public Integer call() throws InterruptedException {
            CrmSyncClient api = root.client();
            if (wait && !plan) {
                return RunWatch.follow(root, id, "");
            }
            Run run = api.run(id);
            if (!plan) {
                Table facts = new Table("", "");
                facts.row("run", run.id());
                facts.row("kind", run.kind() + (run.dryRun() ? " (dry run)" : ""));
                facts.row("status", run.status());
                facts.row("requested by", run.requestedBy());
                facts.row("parameters", run.params());
                facts.row("progress", run.done() + "/" + run.total() + " (" + run.progressPercent() + "%)");
                facts.row("outcomes", run.synced() + " synced, " + run.noChange() + " unchanged, " + run.conflicts() + " conflict(s), "
                        + run.failed() + " failed, " + run.skipped() + " skipped");
                facts.row("created / started / finished", run.createdAt() + " / " + run.startedAt() + " / " + run.finishedAt());
                if (run.error() != null) {
                    facts.row("error", run.error());
                }
                if (run.plan() != null) {
                    facts.row("plan", run.plan().lines() + " line(s) " + run.plan().byAction() + ", " + run.plan().plannedCalls()
                            + " Creatio call(s): crm-sync run " + run.id() + " --plan");
                }
                return root.answer(facts.render().lines().skip(1).map(l -> l + "\n").reduce("", String::concat));
            }
            if (root.json()) {
                api.plan(id, page, size);
                return root.answer("");
            }
            PlanPage first = api.plan(id, 0, 1);
            return root.answer(PlanTable.render(RunWatch.allLines(api, id), first.summary()));
        }
    }
}
