package com.nia.crmsync.syncapi.deadletters;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.TextNode;

import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.model.json.Json;

/**
 * A dead letter as the API shows it: where it is ({@code id} {@code <partition>:<offset>}), where it came
 * from, why, how often it has been dead-lettered ({@code attempt}) and when it was replayed, if it was.
 * The list shows {@link Item}s; one dead letter ({@link Detail}) adds every header and the original value.
 */
public final class DeadLetterView {

    private DeadLetterView() {
    }

    /** One dead letter of the list. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Item(String id, int partition, long offset, String key, String originTopic, Integer originPartition,
            Long originOffset, String reason, String cause, String exceptionClass, String eventType, String eventId, int attempt,
            Instant deadLetteredAt, Instant replayedAt) {

        public static Item of(DeadLetter d, Instant replayedAt) {
            Optional<JsonNode> json = json(d);
            return new Item(d.id().toString(), d.id().partition(), d.id().offset(), d.key(), d.originTopic(),
                    number(d.header(DeadLetterHeaders.ORIGIN_PARTITION)).map(Long::intValue).orElse(null),
                    number(d.header(DeadLetterHeaders.ORIGIN_OFFSET)).orElse(null), d.reason(),
                    d.header(DeadLetterHeaders.CAUSE), d.header(DeadLetterHeaders.EXCEPTION_CLASS),
                    json.map(j -> text(j, "type")).orElse(null), json.map(j -> text(j, "eventId")).orElse(null), d.attempt(),
                    d.deadLetteredAt(), replayedAt);
        }
    }

    /**
     * One dead letter whole: the item, its headers (name → UTF-8 text) and its original value: a JSON value when
     * the bytes parse as JSON, else the text; bytes that are not UTF-8 as base64 with {@code value_encoding: base64}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Detail(String id, int partition, long offset, String key, String originTopic, Integer originPartition,
            Long originOffset, String reason, String cause, String exceptionClass, String eventType, String eventId, int attempt,
            Instant deadLetteredAt, Instant replayedAt, Map<String, String> headers, JsonNode value,
            @JsonInclude(JsonInclude.Include.NON_NULL) String valueEncoding) {

        public static Detail of(DeadLetter d, Instant replayedAt) {
            Item i = Item.of(d, replayedAt);
            JsonNode value;
            String encoding = null;
            Optional<String> text = d.text();
            if (d.value() == null) {
                value = null;
            } else if (text.isEmpty()) {
                value = TextNode.valueOf(Base64.getEncoder().encodeToString(d.value()));
                encoding = "base64";
            } else {
                value = json(d).orElse(TextNode.valueOf(text.get()));
            }
            return new Detail(i.id(), i.partition(), i.offset(), i.key(), i.originTopic(), i.originPartition(), i.originOffset(),
                    i.reason(), i.cause(), i.exceptionClass(), i.eventType(), i.eventId(), i.attempt(), i.deadLetteredAt(),
                    i.replayedAt(), d.headers(), value, encoding);
        }
    }

    /** The value as a JSON object, when it is one. */
    private static Optional<JsonNode> json(DeadLetter d) {
        return d.text().flatMap(t -> {
            try {
                JsonNode node = Json.mapper().readTree(t);
                return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
            } catch (JsonProcessingException e) {
                return Optional.empty();
            }
        });
    }

    private static String text(JsonNode object, String field) {
        JsonNode v = object.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static Optional<Long> number(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
