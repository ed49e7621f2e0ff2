package com.nia.crmsync.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nia.crmsync.cli.render.PlanTable;
import com.nia.crmsync.cli.render.ProgressBar;
import com.nia.crmsync.client.CrmSyncClient;
import com.nia.crmsync.client.model.PlanLine;
import com.nia.crmsync.client.model.PlanPage;
import com.nia.crmsync.client.model.Run;
import com.nia.crmsync.client.model.Triggered;

/**
 * What the trigger commands share: {@code --wait} follows a run to its end with the progress bar
 * (on the error stream, so the answer on the output stays clean), then tells the outcome and, for
 * a dry run, prints its plan. Exit 1 when the run failed.
 */
final class RunWatch {

    /** How often a followed run is read. */
    static final Duration POLL = Duration.ofMillis(500);
    /** Plan lines fetched per page. */
    static final int PLAN_PAGE = 500;

    private RunWatch() {
    }

    /** The answer to a trigger, followed to the run's end when {@code wait}. */
    static int triggered(CrmSync root, Triggered started, String what, boolean wait) throws InterruptedException {
        if (!wait) {
            return root.answer(what + " run " + started.runId() + (started.replayed() ? " (started earlier with the same key)" : "")
                    + (started.count() == null ? "" : ": " + started.count() + " record(s) re-queued") + "\nFollow it: crm-sync run "
                    + started.runId() + "\n");
        }
        return follow(root, started.runId(), what);
    }

    /** Follows the run to its end; prints the finished run (and a dry run's plan). */
    static int follow(CrmSync root, UUID runId, String what) throws InterruptedException {
        CrmSyncClient api = root.client();
        ProgressBar bar = new ProgressBar(root.console().terminal());
        Run run = api.awaitRun(runId, POLL, reading -> {
            String text = bar.update(reading.status(), reading.done(), reading.total(), System.nanoTime());
            if (text != null) {
                root.console().err().print(text);
                root.console().err().flush();
            }
        });
        root.console().err().print(bar.finish());
        root.console().err().flush();
        int exit = run.finished() && "failed".equals(run.status()) ? ExitCodes.FAILED : ExitCodes.OK;
        if (root.json()) {
            root.printJson(root.lastAnswer());
            return exit;
        }
        StringBuilder out = new StringBuilder();
        if (run.dryRun()) {
            out.append(PlanTable.render(allLines(api, runId), run.plan()));
        }
        out.append(what).append(" run ").append(run.id()).append(' ').append(run.status()).append(run.dryRun() ? " (dry run)" : "")
                .append(": ").append(run.done()).append('/').append(run.total()).append(" done, ").append(run.synced()).append(" synced, ")
                .append(run.noChange()).append(" unchanged, ").append(run.conflicts()).append(" conflict(s), ").append(run.failed())
                .append(" failed, ").append(run.skipped()).append(" skipped").append(run.error() == null ? "" : " — " + run.error()).append('\n');
        root.console().out().print(out);
        root.console().out().flush();
        return exit;
    }

    /** Every line of a dry run's plan. */
    static List<PlanLine> allLines(CrmSyncClient api, UUID runId) {
        List<PlanLine> lines = new ArrayList<>();
        for (int page = 0; ; page++) {
            PlanPage p = api.plan(runId, page, PLAN_PAGE);
            lines.addAll(p.items());
            if (p.items().isEmpty() || lines.size() >= p.total()) {
                return lines;
            }
        }
    }
}
