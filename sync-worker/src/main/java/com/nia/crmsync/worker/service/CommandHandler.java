package com.nia.crmsync.worker.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;

import com.nia.crmsync.messaging.ConfigurationView;
import com.nia.crmsync.messaging.DeadLetterPublisher;
import com.nia.crmsync.messaging.ShutdownState;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.ResolveCommand;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.mismatch.Mismatch;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.worker.publishing.MismatchPublisher;
import com.nia.crmsync.worker.publishing.ResultPublisher;
import com.nia.crmsync.worker.sync.LookupNaming;
import com.nia.crmsync.worker.sync.PullPager;
import com.nia.crmsync.worker.sync.Reconciler;
import com.nia.crmsync.worker.sync.RecordSync;
import com.nia.crmsync.worker.sync.Resolver;

/**
 * Carries out the commands that arrived together on one lane and publishes what they did:
 * mismatches first, then results, then the dead letters of last attempts — each stored by the
 * broker before the commands are acknowledged. Commands about the same record run one after
 * another, in their order; different records run together, so their writes share {@code $batch}
 * calls. When the gateway refuses bulk work for lack of budget, the bulk lane holds (its
 * partitions wait, nothing is retried or counted) and runs the refused commands again after the
 * pause; real-time commands are answered as retryable instead, so the planner reschedules them.
 */
@ApplicationScoped
public class CommandHandler {

    private final ResultPublisher results;
    private final MismatchPublisher mismatches;
    private final DeadLetterPublisher deadLetters;
    private final RecordSync sync;
    private final PullPager pager;
    private final Reconciler reconciler;
    private final Resolver resolver;
    private final LookupNaming naming;
    private final ConfigurationView configuration;
    private final ShutdownState shutdown;
    private final Duration budgetPause;
    private final String instanceId;

    public CommandHandler(ResultPublisher results, MismatchPublisher mismatches, DeadLetterPublisher deadLetters,
            RecordSync sync, PullPager pager, Reconciler reconciler, Resolver resolver, LookupNaming naming,
            ConfigurationView configuration, ShutdownState shutdown,
            @ConfigProperty(name = "sync-worker.budget-pause", defaultValue = "PT30S") Duration budgetPause) {
        this.results = results;
        this.mismatches = mismatches;
        this.deadLetters = deadLetters;
        this.sync = sync;
        this.pager = pager;
        this.reconciler = reconciler;
        this.resolver = resolver;
        this.naming = naming;
        this.configuration = configuration;
        this.shutdown = shutdown;
        this.budgetPause = budgetPause;
        this.instanceId = WorkerIdentity.instanceId();
    }

    /** A command as consumed: its envelope and where it came from (for a dead letter). */
    public record Incoming(Envelope<Command> envelope, String key, String raw, DeadLetterPublisher.Origin origin) {
    }

    /** One command (the real-time lane consumes one record at a time). */
    public void handle(Envelope<Command> envelope) {
        handleAll(List.of(new Incoming(envelope, envelope.aggregateId(), null, null)));
    }

    /** Commands of one lane that arrived together, in their order. */
    public void handleAll(List<Incoming> batch) {
        List<Envelope<SyncResult>> probeResults = new ArrayList<>();
        List<Incoming> syncs = new ArrayList<>();
        List<Incoming> pages = new ArrayList<>();
        List<Incoming> resolutions = new ArrayList<>();
        for (Incoming in : batch) {
            Command command = in.envelope().payload();
            if (command instanceof SyncCommand s && s.operation() == Operation.PROBE) {
                probeResults.add(answerProbe(in.envelope(), s));
            } else if (command instanceof SyncCommand s
                    && (s.operation() == Operation.PULL_PAGE || s.operation() == Operation.RECONCILE)) {
                pages.add(in);
            } else if (command instanceof SyncCommand) {
                syncs.add(in);
            } else if (command instanceof ResolveCommand) {
                resolutions.add(in);
            } else {
                throw new UnsupportedOperationException("This worker version cannot carry out " + command.kind()
                        + " commands");
            }
        }
        if (!probeResults.isEmpty()) {
            results.publishAll(probeResults);
        }
        for (List<Incoming> round : rounds(syncs)) {
            runRound(round);
        }
        if (!resolutions.isEmpty()) {
            // a person's decision: a compare-and-set on Creatio, answered (never held) whatever the gateway says
            ConfigRecord config = configuration.current()
                    .orElseThrow(() -> new IllegalStateException("No configuration loaded yet"));
            List<RecordSync.Handled> done = new ArrayList<>();
            for (Incoming in : resolutions) {
                done.add(resolver.run(in.envelope(), config.configuration(), instanceId));
            }
            publish(done, resolutions);
        }
        if (!pages.isEmpty()) {
            // a page refused for lack of budget is answered as retryable: sync-api asks for it again on its schedule
            ConfigRecord config = configuration.current()
                    .orElseThrow(() -> new IllegalStateException("No configuration loaded yet"));
            List<RecordSync.Handled> read = new ArrayList<>();
            for (Incoming in : pages) {
                SyncCommand s = (SyncCommand) in.envelope().payload();
                read.add(s.operation() == Operation.RECONCILE ? reconciler.run(in.envelope(), config.configuration(), instanceId)
                        : pager.run(in.envelope(), config.configuration(), instanceId));
            }
            publish(read, pages);
        }
    }

    private void runRound(List<Incoming> round) {
        List<Incoming> pending = round;
        while (!pending.isEmpty()) {
            ConfigRecord config = configuration.current()
                    .orElseThrow(() -> new IllegalStateException("No configuration loaded yet"));
            List<Envelope<Command>> envelopes = pending.stream().map(Incoming::envelope).toList();
            List<RecordSync.Handled> handled = sync.run(envelopes, config.configuration(), instanceId);
            Lane lane = ((SyncCommand) envelopes.get(0).payload()).lane();
            List<RecordSync.Handled> done = new ArrayList<>();
            List<Incoming> refused = new ArrayList<>();
            Duration pause = null;
            for (int i = 0; i < handled.size(); i++) {
                if (lane == Lane.BULK && handled.get(i).budgetRefused()) {
                    refused.add(pending.get(i));
                    pause = longer(pause, holdFor(handled.get(i).retryAfterSeconds()));
                } else {
                    done.add(handled.get(i));
                }
            }
            publish(done, pending);
            if (!refused.isEmpty()) {
                Log.warnf("Creatio call budget spent: the bulk lane holds %d command(s) for %s", refused.size(), pause);
                if (!hold(pause)) {
                    throw new IllegalStateException("Shutting down while the bulk lane holds for the budget");
                }
            }
            pending = refused;
        }
    }

    private void publish(List<RecordSync.Handled> answered, List<Incoming> pending) {
        // the names of lookup ids next to them, in the mismatches and the changes (none for pages and probes)
        List<RecordSync.Handled> done = configuration.current().map(c -> naming.named(c.configuration(), answered))
                .orElse(answered);
        List<Envelope<Mismatch>> found = new ArrayList<>();
        List<Envelope<SyncResult>> answers = new ArrayList<>();
        for (RecordSync.Handled h : done) {
            found.addAll(h.mismatches());
            answers.add(h.result());
        }
        if (!found.isEmpty()) {
            mismatches.publishAll(found);
        }
        if (!answers.isEmpty()) {
            results.publishAll(answers);
        }
        logFailures(answers);
        for (RecordSync.Handled h : done) {
            if (h.deadLetterReason() == null) {
                continue;
            }
            Incoming in = pending.stream().filter(p -> p.envelope() == h.command()).findFirst().orElseThrow();
            String raw = in.raw() != null ? in.raw() : com.nia.crmsync.model.json.Json.write(in.envelope());
            deadLetters.publish(in.key(), raw, in.origin(), h.deadLetterReason(), null,
                    ((SyncCommand) in.envelope().payload()).attempt());
        }
    }

    /** One WARN line per failed sync, with its entity, outcome, failure category and reason. */
    private static void logFailures(List<Envelope<SyncResult>> answers) {
        for (Envelope<SyncResult> a : answers) {
            var failure = a.payload().failure();
            if (failure != null) {
                Log.warnf("Sync of %s failed (%s, %s, attempt %d, command %s): %s", a.aggregateId(), a.payload().outcome().wire(),
                        failure.category().wire(), a.payload().attempt(), a.payload().commandId(), failure.message());
            }
        }
    }

    /** Splits commands into rounds in which each record appears once, keeping each record's order. */
    static List<List<Incoming>> rounds(List<Incoming> commands) {
        List<List<Incoming>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Incoming in : commands) {
            int round = seen.merge(in.envelope().aggregateId(), 0, (a, b) -> a + 1);
            while (rounds.size() <= round) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(in);
        }
        return rounds;
    }

    /** The gateway's Retry-After when it gave one (at least a second), never longer than the configured pause. */
    Duration holdFor(Long retryAfterSeconds) {
        if (retryAfterSeconds == null) {
            return budgetPause;
        }
        Duration asked = Duration.ofSeconds(Math.max(1, retryAfterSeconds));
        return asked.compareTo(budgetPause) < 0 ? asked : budgetPause;
    }

    private static Duration longer(Duration a, Duration b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }

    private boolean hold(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        while (System.nanoTime() < until) {
            if (shutdown.shuttingDown()) {
                return false;
            }
            try {
                Thread.sleep(Math.min(250, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private Envelope<SyncResult> answerProbe(Envelope<Command> envelope, SyncCommand probe) {
        if (probe.workMillis() != null && probe.workMillis() > 0) {
            try {
                Thread.sleep(probe.workMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while holding a probe", e);
            }
        }
        return Envelope.result(envelope, SyncResult.probed(probe, instanceId));
    }
}
