package com.nia.crmsync.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.nia.crmsync.infra.RepoLayout;
import com.nia.crmsync.model.Topics;

/**
 * The Kafka settings of every service, as its {@code application.properties} states them: every
 * incoming channel names its group, commits only what it processed and has a failure strategy;
 * every outgoing channel waits for all replicas and is idempotent; every topic is one of the
 * contract's. docs/kafka.md lists the same channels.
 */
class KafkaSettingsTests {

    @ParameterizedTest
    @ValueSource(strings = {"sync-api", "sync-worker", "conflict-service"})
    void everyChannelStatesItsGroupCommitAndFailureStrategyAndEveryProducerIsIdempotent(String module) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(RepoLayout.root().resolve(module).resolve("src/main/resources/application.properties"))) {
            props.load(in);
        }
        Set<String> contractTopics = new TreeSet<>();
        Topics.ALL.forEach(t -> contractTopics.add(t.name()));
        Map<String, Map<String, String>> incoming = channels(props, "mp.messaging.incoming.");
        Map<String, Map<String, String>> outgoing = channels(props, "mp.messaging.outgoing.");
        assertThat(incoming.keySet()).as(module + " consumes something").isNotEmpty();

        incoming.forEach((channel, c) -> {
            String where = module + " incoming " + channel;
            assertThat(c.get("topic")).as(where).isIn(contractTopics);
            assertThat(channel).as(where + ": channel names differ from topic names").isNotEqualTo(c.get("topic"));
            assertThat(c.get("group.id")).as(where).isNotBlank();
            assertThat(c.get("enable.auto.commit")).as(where).isEqualTo("false");
            if ("config-in".equals(channel)) {
                // the configuration view reads the whole compacted topic on every start and never fails a record
                assertThat(c.get("auto.offset.reset")).as(where).isEqualTo("earliest");
                assertThat(c.get("group.id")).as(where + ": a group per instance").contains("${quarkus.uuid}");
            } else {
                assertThat(c.get("failure-strategy")).as(where).isEqualTo("dead-letter-queue");
                assertThat(c.get("dead-letter-queue.topic")).as(where).isEqualTo(Topics.DEAD_LETTERS);
            }
        });
        outgoing.forEach((channel, c) -> {
            String where = module + " outgoing " + channel;
            assertThat(c.get("topic")).as(where).isIn(contractTopics);
            assertThat(c.get("acks")).as(where).isEqualTo("all");
            assertThat(c.get("enable.idempotence")).as(where).isEqualTo("true");
        });
    }

    @org.junit.jupiter.api.Test
    void theComposeFileCreatesExactlyTheContractsTopicsWithTheirPartitionCounts() throws IOException {
        String compose = Files.readString(RepoLayout.root().resolve("docker-compose.yml"));
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("create --topic (\\S+) --partitions (\\d+)( --config cleanup.policy=compact)?").matcher(compose);
        Map<String, String> declared = new TreeMap<>();
        while (m.find()) {
            declared.put(m.group(1), m.group(2) + (m.group(3) == null ? "" : " compacted"));
        }
        Map<String, String> contract = new TreeMap<>();
        Topics.ALL.forEach(t -> contract.put(t.name(), t.partitions() + (t.compacted() ? " compacted" : "")));
        assertThat(declared).isEqualTo(contract);
    }

    private static Map<String, Map<String, String>> channels(Properties props, String prefix) {
        Map<String, Map<String, String>> channels = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int dot = rest.indexOf('.');
                channels.computeIfAbsent(rest.substring(0, dot), k -> new TreeMap<>()).put(rest.substring(dot + 1), props.getProperty(key));
            }
        }
        return channels;
    }
}
