package com.nia.crmsync.model.json;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.nia.crmsync.model.event.Envelope;

/**
 * The one JSON configuration of the contract. Every producer and consumer of a topic uses it,
 * either through {@link #mapper()} or by applying {@link #configure(ObjectMapper)} to the mapper
 * its framework owns (a Quarkus {@code ObjectMapperCustomizer}), so that the bytes on a topic do
 * not depend on which service wrote them.
 *
 * <ul>
 *   <li>Instants and dates as ISO-8601 strings ({@code 2026-11-27T21:00:00Z}, {@code 2026-12-01}).</li>
 *   <li>Unknown properties are ignored: schemas evolve additively, so an old consumer must read a
 *       newer producer's message.</li>
 *   <li>{@code null} properties are left out ({@code NON_NULL}): an absent optional field and a
 *       {@code null} one mean the same, and the AsyncAPI schemas need no nullable types. Values
 *       inside snapshot maps are kept even when {@code null}: there a {@code null} is data (an
 *       emptied column).</li>
 *   <li>Floating-point numbers are read as {@link java.math.BigDecimal} and written plain, so a
 *       money value such as {@code 50000.00} survives a round trip exactly and hashes the same on
 *       both sides.</li>
 *   <li>Map entries are written sorted by key, so equal snapshots give equal bytes.</li>
 * </ul>
 */
public final class Json {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private Json() {
    }

    /** The shared, fully configured mapper. Do not reconfigure it; use {@link #newMapper()} for a variant. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A fresh mapper with the contract's settings, for callers that need to add their own modules. */
    public static ObjectMapper newMapper() {
        return configure(new ObjectMapper());
    }

    /** Applies the contract's settings to {@code mapper} and returns it. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        // trees keep 50000.00 as written, so converting a tree to a record loses no scale
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        mapper.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        // NON_NULL for properties, ALWAYS for map contents: a null snapshot value is data
        mapper.setDefaultPropertyInclusion(
                JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS));
        return mapper;
    }

    /** The Jackson type of {@code Envelope<payloadType>}, for reading a topic's messages. */
    public static JavaType envelopeType(Class<?> payloadType) {
        return MAPPER.getTypeFactory().constructParametricType(Envelope.class, payloadType);
    }

    /** Serialises {@code value} to a JSON string. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    /** Serialises {@code value} to UTF-8 JSON bytes (a Kafka record value). */
    public static byte[] writeBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    /** The JSON literal {@code null} reads as no envelope: refused like any other non-envelope. */
    private static <E> E notNull(E envelope, String payload) {
        if (envelope == null) {
            throw new UncheckedIOException("not an envelope of " + payload + ": null", new IOException("the JSON is null"));
        }
        return envelope;
    }

    /** Reads an envelope whose payload is of {@code payloadType}. */
    public static <T> Envelope<T> readEnvelope(String json, Class<T> payloadType) {
        try {
            return notNull(MAPPER.<Envelope<T>>readValue(json, envelopeType(payloadType)), payloadType.getSimpleName());
        } catch (IOException e) {
            throw new UncheckedIOException("not an envelope of " + payloadType.getSimpleName(), e);
        }
    }

    /** Reads an envelope whose payload is of {@code payloadType} from UTF-8 bytes. */
    public static <T> Envelope<T> readEnvelope(byte[] json, Class<T> payloadType) {
        try {
            return notNull(MAPPER.<Envelope<T>>readValue(json, envelopeType(payloadType)), payloadType.getSimpleName());
        } catch (IOException e) {
            throw new UncheckedIOException("not an envelope of " + payloadType.getSimpleName(), e);
        }
    }

    /**
     * Reads an envelope without committing to a payload type: a consumer checks
     * {@link Envelope#type()} and {@link Envelope#validate()} first, then converts the payload
     * with {@link #payloadAs(Envelope, Class)}. Throws only for bytes that are not a JSON object.
     */
    public static Envelope<JsonNode> readEnvelopeTree(byte[] json) {
        try {
            return notNull(MAPPER.<Envelope<JsonNode>>readValue(json, envelopeType(JsonNode.class)), "any payload");
        } catch (IOException e) {
            throw new UncheckedIOException("not an envelope", e);
        }
    }

    /** The same envelope with its payload converted to {@code payloadType}. */
    public static <T> Envelope<T> payloadAs(Envelope<JsonNode> envelope, Class<T> payloadType) {
        try {
            return envelope.withPayloadOf(MAPPER.treeToValue(envelope.payload(), payloadType));
        } catch (IOException e) {
            throw new UncheckedIOException("payload is not a " + payloadType.getSimpleName(), e);
        }
    }

    /** Reads {@code json} as {@code type}. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not a " + type.getSimpleName(), e);
        }
    }
}
