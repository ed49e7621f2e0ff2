package com.nia.crmsync.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.json.Json;

class ConfigurationViewTests {

    private final ConfigurationView view = new ConfigurationView(new ShutdownState());

    @Test
    void loadsTheNewestVersionAndNeverGoesBack() {
        view.onConfiguration(record(3));
        view.onConfiguration(record(2));
        assertThat(view.version()).isEqualTo(3);
        view.onConfiguration(record(4));
        assertThat(view.current()).hasValueSatisfying(r -> assertThat(r.version()).isEqualTo(4));
    }

    @Test
    void aCommandPlannedWithANewerVersionWaitsForIt() throws Exception {
        view.onConfiguration(record(1));
        CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(
                () -> view.awaitAtLeast(2, Duration.ofSeconds(10)).map(ConfigRecord::version).orElse(-1L));
        assertThat(waiting).isNotDone();
        view.onConfiguration(record(2));
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(2L);
    }

    @Test
    void givesUpWaitingAfterTheTimeoutInsteadOfRunningOnAnOlderVersion() {
        view.onConfiguration(record(1));
        assertThat(view.awaitAtLeast(5, Duration.ofMillis(200))).isEmpty();
        assertThat(view.awaitAtLeast(1, Duration.ofMillis(200))).isPresent();
    }

    @Test
    void ignoresUnreadableAndInvalidRecords() {
        view.onConfiguration("{not json");
        view.onConfiguration(Json.write(Envelope.create(EventTypes.CONFIGURATION, ConfigRecord.KEY,
                new ConfigRecord(9, Instant.now(), "test", null))));
        assertThat(view.version()).isEqualTo(-1);
    }

    @Test
    void loadsARecordPublishedInCamelCaseBeforeTheConfigurationBecameSnakeCase() throws Exception {
        Path root = Path.of(System.getProperty("nia.repo.root", ".."));
        String old = Files.readString(root.resolve("common-model/src/test/resources/config/configuration-record-camel-case.json"));

        view.onConfiguration(old);

        assertThat(view.current()).hasValueSatisfying(r -> {
            assertThat(r.version()).isEqualTo(12);
            assertThat(r.updatedBy()).isEqualTo("alice.admin");
            assertThat(r.configuration().odataRoot()).isEqualTo("/0/odata");
            assertThat(r.configuration().batchSizes().pullPageSize()).isEqualTo(1000);
            assertThat(r.configuration().meetings().defaultOwnerContactId()).hasToString("410006e1-ca4e-4502-a9ec-e54d922d2c00");
        });
        // and the next version, published in snake_case, replaces it
        assertThat(record(13)).contains("\"updated_at\"").contains("\"odata_root\"").doesNotContain("updatedAt");
        view.onConfiguration(record(13));
        assertThat(view.version()).isEqualTo(13);
    }

    private static String record(long version) {
        return Json.write(Envelope.create(EventTypes.CONFIGURATION, ConfigRecord.KEY,
                new ConfigRecord(version, Instant.now(), "test", DefaultConfiguration.create())));
    }
}
