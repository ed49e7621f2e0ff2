package com.nia.crmsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.nia.crmsync.model.command.ResolveCommand;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.model.mismatch.Mismatch;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.model.resync.ResyncRequest;

/**
 * {@code docs/asyncapi.yaml} cannot drift from the records.
 *
 * <p>Why a field added to a record without the document fails the build, twice over:
 * <ol>
 *   <li>{@link #everySchemaNamesExactlyTheFieldsOfItsRecord}: every record and enum of the contract
 *       has a schema marked {@code x-java-type}, and that schema's property names (enum values) must
 *       equal what Jackson writes for the record (the enum's wire names). A new record component is
 *       a new Jackson property, absent from the schema: the sets differ.</li>
 *   <li>{@link #everySampleValidatesAgainstItsMessageSchema}: every sample is serialised with
 *       {@code Json.mapper()} and validated against the message schema, in which every object has
 *       {@code additionalProperties: false}. {@link #theSamplesSetEveryFieldOfEveryRecord} forces the
 *       samples to set every component (a {@code null} one would be left out by {@code NON_NULL}
 *       and slip through), so the new field is in the JSON, and the schema rejects it as an
 *       additional property. {@link #theSchemasRejectAFieldTheyDoNotName} shows that rejection is
 *       real, not a validator that accepts everything.</li>
 * </ol>
 */
class AsyncApiContractTests {

    /** The payload records at the roots of the topics; every record and enum they reach is checked. */
    static final List<Class<?>> ROOTS = List.of(Envelope.class, SyncCommand.class, ResolveCommand.class,
            SyncResult.class, Mismatch.class, ResyncRequest.class, MeetingEnded.class, ConfigRecord.class);

    /** Which message of the document each sample envelope is. */
    static final Map<String, String> MESSAGE_OF_SAMPLE = Map.of(
            "syncCommand", "Command",
            "probeCommand", "Command",
            "resolveCommand", "Command",
            "syncResult", "SyncResult",
            "dryRunResult", "SyncResult",
            "mismatch", "Mismatch",
            "resyncRequest", "ResyncRequested",
            "meetingEnded", "MeetingEnded",
            "configuration", "Configuration");

    static JsonNode document;

    @BeforeAll
    static void readDocument() throws IOException {
        Path root = Path.of(System.getProperty("nia.repo.root", ".."));
        document = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(root.resolve("docs/asyncapi.yaml")));
    }

    @Test
    void everyTopicIsDescribedWithItsPartitionCountAndCleanupPolicy() {
        Map<String, JsonNode> channels = new HashMap<>();
        document.get("channels").forEach(channel -> channels.put(channel.get("address").asText(), channel));

        assertThat(channels.keySet()).containsExactlyInAnyOrderElementsOf(
                Topics.ALL.stream().map(Topics.Spec::name).collect(Collectors.toList()));
        for (Topics.Spec topic : Topics.ALL) {
            JsonNode kafka = channels.get(topic.name()).at("/bindings/kafka");
            assertThat(kafka.get("partitions").asInt()).as(topic.name()).isEqualTo(topic.partitions());
            assertThat(kafka.at("/topicConfiguration/cleanup.policy").toString()).as(topic.name())
                    .isEqualTo(topic.compacted() ? "[\"compact\"]" : "[\"delete\"]");
        }
    }

    static Set<String> sampleNames() {
        return MESSAGE_OF_SAMPLE.keySet();
    }

    @ParameterizedTest
    @MethodSource("sampleNames")
    void everySampleValidatesAgainstItsMessageSchema(String sample) {
        JsonNode json = Json.mapper().valueToTree(Samples.envelopes().get(sample));

        assertThat(messageSchema(MESSAGE_OF_SAMPLE.get(sample)).validate(json)).isEmpty();
    }

    @Test
    void everySampleHasAMessage() {
        assertThat(Samples.envelopes().keySet()).containsExactlyInAnyOrderElementsOf(MESSAGE_OF_SAMPLE.keySet());
    }

    @Test
    void theDocumentsOwnExamplesAreValid() {
        document.at("/components/messages").fields().forEachRemaining(message -> {
            JsonSchema schema = messageSchema(message.getKey());
            message.getValue().path("examples").forEach(example -> assertThat(schema.validate(example.get("payload")))
                    .as(message.getKey() + " example " + example.get("name")).isEmpty());
        });
    }

    @Test
    void theSchemasRejectAFieldTheyDoNotName() {
        ObjectNode json = Json.mapper().valueToTree(Samples.envelopes().get("syncCommand"));
        ((ObjectNode) json.at("/payload/entity")).put("fieldAddedOnlyInJava", 1);
        ((ObjectNode) json.get("payload")).put("lane", "express");

        Set<ValidationMessage> problems = messageSchema("Command").validate(json);

        assertThat(problems).extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("fieldAddedOnlyInJava"))
                .anyMatch(m -> m.contains("express") || m.contains("lane"));
    }

    @Test
    void everySchemaNamesExactlyTheFieldsOfItsRecord() {
        Map<Class<?>, JsonNode> schemaOf = new HashMap<>();
        collectJavaTypes(document.get("components"), schemaOf);

        assertThat(schemaOf.keySet()).as("records and enums with a schema").containsAll(contractTypes());
        schemaOf.forEach((type, schema) -> assertThat(schemaNames(schema)).as(type.getName())
                .isEqualTo(javaNames(type)));
    }

    @Test
    void theSamplesSetEveryFieldOfEveryRecord() {
        Map<Class<?>, Set<String>> seen = new HashMap<>();
        Samples.envelopes().values().forEach(envelope -> walk(envelope, seen));

        for (Class<?> type : contractTypes()) {
            if (type.isRecord()) {
                Set<String> all = new TreeSet<>();
                for (RecordComponent c : type.getRecordComponents()) {
                    all.add(c.getName());
                }
                assertThat(seen.getOrDefault(type, Set.of())).as("fields of " + type.getName() + " set by a sample")
                        .containsAll(all);
            }
        }
    }

    /** The schema of {@code message}'s payload, with the document's components resolvable by its $refs. */
    static JsonSchema messageSchema(String message) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.set("components", document.get("components"));
        root.putArray("allOf").addObject().put("$ref", "#/components/messages/" + message + "/payload");
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root);
    }

    /** Every record and enum of the contract reachable from the topic roots. */
    static Set<Class<?>> contractTypes() {
        Set<Class<?>> found = new LinkedHashSet<>();
        ROOTS.forEach(root -> reach(root, found));
        return found;
    }

    private static void reach(Type type, Set<Class<?>> found) {
        if (type instanceof ParameterizedType) {
            for (Type argument : ((ParameterizedType) type).getActualTypeArguments()) {
                reach(argument, found);
            }
            reach(((ParameterizedType) type).getRawType(), found);
            return;
        }
        if (!(type instanceof Class) || !((Class<?>) type).getName().startsWith("com.nia.crmsync.model")) {
            return;
        }
        Class<?> cls = (Class<?>) type;
        if ((cls.isRecord() || cls.isEnum()) && found.add(cls) && cls.isRecord()) {
            for (RecordComponent c : cls.getRecordComponents()) {
                reach(c.getGenericType(), found);
            }
        }
    }

    private static void collectJavaTypes(JsonNode node, Map<Class<?>, JsonNode> into) {
        if (node.isObject()) {
            if (node.has("x-java-type")) {
                into.put(load(node.get("x-java-type").asText()), node);
            }
            node.forEach(child -> collectJavaTypes(child, into));
        } else if (node.isArray()) {
            node.forEach(child -> collectJavaTypes(child, into));
        }
    }

    // nested types are written with dots in the document: try each dot as a '$' from the right
    private static Class<?> load(String name) {
        String candidate = name;
        while (true) {
            try {
                return Class.forName(candidate);
            } catch (ClassNotFoundException e) {
                int dot = candidate.lastIndexOf('.');
                if (dot < 0) {
                    throw new AssertionError("x-java-type " + name + " is no class", e);
                }
                candidate = candidate.substring(0, dot) + "$" + candidate.substring(dot + 1);
            }
        }
    }

    private static Set<String> schemaNames(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        if (schema.has("enum")) {
            schema.get("enum").forEach(value -> names.add(value.asText()));
        } else {
            schema.get("properties").fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private static Set<String> javaNames(Class<?> type) {
        Set<String> names = new TreeSet<>();
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                names.add(Json.mapper().convertValue(constant, String.class));
            }
        } else if (type == DeadLetterHeaders.class) {
            names.addAll(DeadLetterHeaders.ALL);
        } else {
            ObjectMapper mapper = Json.mapper();
            for (BeanPropertyDefinition p : mapper.getSerializationConfig()
                    .introspect(mapper.constructType(type)).findProperties()) {
                if (p.couldSerialize()) {
                    names.add(p.getName());
                }
            }
        }
        return names;
    }

    /** Records, per record class, the components that some sample sets (non-null). */
    private static void walk(Object value, Map<Class<?>, Set<String>> seen) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection) {
            ((Collection<?>) value).forEach(element -> walk(element, seen));
        } else if (value instanceof Map) {
            ((Map<?, ?>) value).values().forEach(element -> walk(element, seen));
        } else if (value.getClass().isRecord()) {
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                Object component;
                try {
                    component = c.getAccessor().invoke(value);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
                if (component != null) {
                    seen.computeIfAbsent(value.getClass(), k -> new HashSet<>()).add(c.getName());
                    walk(component, seen);
                }
            }
        }
    }

}
