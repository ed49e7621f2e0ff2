package com.nia.crmsync.syncapi.deadletters;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.nia.crmsync.model.deadletter.DeadLetterHeaders;

/**
 * One record of {@code crm.sync.dlq.v1} as it was read: the original key and value bytes, the
 * headers (the original record's and the {@link DeadLetterHeaders}), and when it was dead-lettered
 * (the record's timestamp).
 */
public record DeadLetter(DeadLetterId id, String key, byte[] value, Map<String, String> headers, Instant deadLetteredAt) {

    static DeadLetter of(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            // a name given twice keeps its last value, as Headers.lastHeader reads it
            headers.remove(h.key());
            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new DeadLetter(new DeadLetterId(r.partition(), r.offset()),
                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), r.value(), Map.copyOf(headers),
                Instant.ofEpochMilli(r.timestamp()));
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String originTopic() {
        return header(DeadLetterHeaders.ORIGIN_TOPIC);
    }

    public String reason() {
        return header(DeadLetterHeaders.REASON);
    }

    /**
     * How often the record has been dead-lettered, this time included: its {@link DeadLetterHeaders#DEAD_LETTER_ATTEMPT},
     * or (a writer that did not add it) one above the replays its {@link DeadLetterHeaders#REPLAY_ATTEMPT} counts.
     */
    public int attempt() {
        String written = header(DeadLetterHeaders.DEAD_LETTER_ATTEMPT);
        if (written != null) {
            int n = DeadLetterHeaders.replays(written);
            if (n > 0) {
                return n;
            }
        }
        return DeadLetterHeaders.deadLetterAttempt(header(DeadLetterHeaders.REPLAY_ATTEMPT));
    }

    /** The value as text, or empty when its bytes are not UTF-8 (or there are none). */
    public Optional<String> text() {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
