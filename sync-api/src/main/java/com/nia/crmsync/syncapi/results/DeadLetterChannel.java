package com.nia.crmsync.syncapi.results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import com.nia.crmsync.messaging.DeadLetterPublisher;

/** sync-api's {@link DeadLetterPublisher} for the records of its batch-consumed results, on {@code dlq-out} ({@code crm.sync.dlq.v1}). */
@ApplicationScoped
public class DeadLetterChannel {

    @Produces
    @Singleton
    DeadLetterPublisher deadLetters(@Channel("dlq-out") Emitter<String> emitter) {
        return new DeadLetterPublisher(emitter);
    }
}
