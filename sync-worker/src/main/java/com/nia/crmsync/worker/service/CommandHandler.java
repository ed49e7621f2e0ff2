package com.nia.crmsync.worker.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.worker.messaging.ResultPublisher;

/**
 * Carries out one command and publishes its result. Today it answers pipeline probes; the sync
 * operations arrive with the sync core.
 */
@ApplicationScoped
public class CommandHandler {

    private final ResultPublisher results;
    private final String instanceId;

    public CommandHandler(ResultPublisher results) {
        this.results = results;
        this.instanceId = WorkerIdentity.instanceId();
    }

    public void handle(Envelope<Command> envelope) {
        Command command = envelope.payload();
        if (command instanceof SyncCommand sync && sync.operation() == Operation.PROBE) {
            answerProbe(envelope, sync);
            return;
        }
        throw new UnsupportedOperationException("This worker version cannot carry out " + command.kind()
                + " commands with operation " + (command instanceof SyncCommand s ? s.operation().wire() : "resolve"));
    }

    private void answerProbe(Envelope<Command> envelope, SyncCommand probe) {
        if (probe.workMillis() != null && probe.workMillis() > 0) {
            try {
                Thread.sleep(probe.workMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while holding a probe", e);
            }
        }
        results.publish(Envelope.result(envelope, SyncResult.probed(probe, instanceId)));
    }
}
