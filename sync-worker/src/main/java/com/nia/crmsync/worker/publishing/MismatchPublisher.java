package com.nia.crmsync.worker.publishing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import com.nia.crmsync.messaging.Acks;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.mismatch.Mismatch;

/**
 * Publishes mismatches ({@code crm.sync.mismatches.v1}, keyed by entity) and waits for the
 * broker, before the command's result: conflict-service sees the decision before the result that
 * depends on it. Event ids derive from command, attempt and field, so a redelivery adds nothing.
 */
@ApplicationScoped
public class MismatchPublisher {

    private final Emitter<String> emitter;

    public MismatchPublisher(@Channel("mismatches-out") Emitter<String> emitter) {
        this.emitter = emitter;
    }

    public void publishAll(List<Envelope<Mismatch>> mismatches) {
        Acks.sendAll(emitter, mismatches);
    }
}
