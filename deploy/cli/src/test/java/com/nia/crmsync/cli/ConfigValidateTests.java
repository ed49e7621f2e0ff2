package com.nia.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.nia.crmsync.client.CrmSyncClient;
import com.nia.crmsync.model.config.DefaultConfiguration;

/** {@code config validate}: every problem with its JSON path, by common-model's own rules, before anything is sent. */
class ConfigValidateTests {

    @TempDir
    Path dir;

    @Test
    void theDefaultConfigurationIsValid() throws IOException {
        Path file = write(CrmSyncClient.mapper().valueToTree(DefaultConfiguration.create()));
        CliRun run = CliRun.of(Map.of(), "config", "validate", file.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("valid");
    }

    @Test
    void whatConfigGetPrintedIsReadToo() throws IOException {
        ObjectNode record = CrmSyncClient.mapper().createObjectNode().put("version", 7);
        record.set("configuration", CrmSyncClient.mapper().valueToTree(DefaultConfiguration.create()));
        CliRun run = CliRun.of(Map.of(), "config", "validate", "--json", write(record).toString());
        assertThat(run.exit()).isZero();
        assertThat(CrmSync.JSON.readTree(run.out()).path("valid").asBoolean()).isTrue();
    }

    @Test
    void everyProblemIsShownWithItsJsonPathAndNothingIsSent() throws IOException {
        ObjectNode config = CrmSyncClient.mapper().valueToTree(DefaultConfiguration.create());
        ((ObjectNode) config.get("batch_sizes")).put("write_batch_size", 101);
        ((ObjectNode) config.get("entities").get(0)).put("entity_sett", "Lead");
        ((ObjectNode) config.get("entities").get(0).get("fields").get(0)).putNull("creatio_column");
        // an unreachable URL: validating must not call the API at all
        CliRun run = CliRun.of(Map.of("CRM_SYNC_URL", "http://127.0.0.1:1"), "config", "validate", "--json", write(config).toString());
        assertThat(run.exit()).isEqualTo(1);
        JsonNode answer = CrmSync.JSON.readTree(run.out());
        assertThat(answer.path("valid").asBoolean()).isFalse();
        List<String> paths = answer.path("problems").findValuesAsText("path");
        assertThat(paths).contains("/configuration/batch_sizes/write_batch_size", "/configuration/entities/0/entity_sett",
                "/configuration/entities/0/fields/0/creatio_column");
    }

    @Test
    void aTypeMismatchNamesItsPath() throws IOException {
        ObjectNode config = CrmSyncClient.mapper().valueToTree(DefaultConfiguration.create());
        ((ObjectNode) config.get("batch_sizes")).put("pull_page_size", "lots");
        CliRun run = CliRun.of(Map.of(), "config", "validate", write(config).toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("/configuration/batch_sizes/pull_page_size").contains("nothing was sent");
    }

    @Test
    void aMissingFileIsAUsageError() {
        assertThat(CliRun.of(Map.of(), "config", "validate", dir.resolve("nope.json").toString()).exit()).isEqualTo(2);
    }

    private Path write(JsonNode document) throws IOException {
        Path file = Files.createTempFile(dir, "config", ".json");
        Files.writeString(file, CrmSync.JSON.writeValueAsString(document));
        return file;
    }
}
