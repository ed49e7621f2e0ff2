package com.nia.crmsync.worker.publishing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import com.nia.crmsync.messaging.DeadLetterPublisher;

/** The worker's {@link DeadLetterPublisher}, on its {@code dlq-out} channel (topic {@code crm.sync.dlq.v1}). */
@ApplicationScoped
public class DeadLetterChannel {

    @Produces
    @Singleton
    DeadLetterPublisher deadLetters(@Channel("dlq-out") Emitter<String> emitter) {
        return new DeadLetterPublisher(emitter);
    }
}
