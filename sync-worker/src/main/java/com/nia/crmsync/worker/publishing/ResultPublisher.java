package com.nia.crmsync.worker.publishing;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import com.nia.crmsync.messaging.Acks;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.result.SyncResult;

/**
 * Publishes results keyed by entity and waits for the broker's acknowledgement, so a command's
 * offset is committed only after its result is stored. A result's event id derives from the
 * command id and attempt: a redelivered command publishes the same event id, which consumers
 * deduplicate.
 */
@ApplicationScoped
public class ResultPublisher {

    private final Emitter<String> emitter;

    public ResultPublisher(@Channel("results-out") Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Publishes results together and waits until the broker stored all of them. */
    public void publishAll(java.util.List<Envelope<SyncResult>> results) {
        Acks.sendAll(emitter, results);
    }

    public void publish(Envelope<SyncResult> result) {
        Acks.sendAll(emitter, java.util.List.of(result));
    }
}
