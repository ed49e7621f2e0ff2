package com.nia.crmsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.json.ConfigDocuments;
import com.nia.crmsync.model.json.Json;

/**
 * The configuration document is snake_case both ways, and a camelCase one stored or published
 * before the change is still read whole (the fixture is the AsyncAPI example of that time).
 */
class ConfigDocumentsTests {

    /** Map properties whose keys are data (e-mails, NIA values), not property names. */
    private static final List<String> DATA_MAPS = List.of("owner_map", "value_map", "inbound_values");

    @Test
    void writesAndReadsTheConfigurationRecordInSnakeCase() {
        CreatioConfiguration d = DefaultConfiguration.create();
        UUID owner = UUID.fromString("410006e1-ca4e-4502-a9ec-e54d922d2c00");
        CreatioConfiguration configuration = new CreatioConfiguration(d.odataRoot(), d.entities(), d.flags(), d.batchSizes(),
                d.defaultMaxRetries(), d.deleteSafety(), new CreatioConfiguration.MeetingSettings("Meeting",
                        Map.of("Nina.Owner@NIA.example", owner), owner, CreatioConfiguration.CompetitorTarget.NOTES, null));
        ConfigRecord record = new ConfigRecord(7, Instant.parse("2026-12-01T10:00:00Z"), "ada.admin", configuration);

        JsonNode json = Json.mapper().valueToTree(record);

        assertThat(json.path("updated_at").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(json.path("updated_by").asText()).isEqualTo("ada.admin");
        assertThat(json.at("/configuration/odata_root").asText()).isEqualTo("/0/odata");
        assertThat(json.at("/configuration/meetings/default_owner_contact_id").asText()).isEqualTo(owner.toString());
        assertThat(json.at("/configuration/batch_sizes/pull_page_size").isInt()).isTrue();
        assertThat(json.at("/configuration/entities/0/fields/0/nia_field").isTextual()).isTrue();
        assertThat(json.at("/configuration/meetings/owner_map").has("Nina.Owner@NIA.example")).as("map keys are data").isTrue();
        assertThat(camelCaseNames(json, "")).isEmpty();
        assertThat(ConfigDocuments.record(json)).isEqualTo(record);
        assertThat(Json.read(Json.write(record), ConfigRecord.class)).isEqualTo(record);
        assertThat(ConfigDocuments.readConfiguration(Json.write(configuration))).isEqualTo(configuration);
    }

    @Test
    void readsACamelCaseRecordPublishedBeforeTheChange() throws IOException {
        JsonNode payload = camelCaseEnvelope().get("payload");

        ConfigRecord record = ConfigDocuments.record(payload);

        assertThat(record.version()).isEqualTo(12);
        assertThat(record.updatedAt()).isEqualTo(Instant.parse("2026-11-27T09:15:30Z"));
        assertThat(record.updatedBy()).isEqualTo("alice.admin");
        CreatioConfiguration c = record.configuration();
        assertThat(c.validate()).isEmpty();
        assertThat(c.odataRoot()).isEqualTo("/0/odata");
        assertThat(c.defaultMaxRetries()).isEqualTo(5);
        assertThat(c.batchSizes()).isEqualTo(new CreatioConfiguration.BatchSizes(1000, 100, 500));
        assertThat(c.deleteSafety()).isEqualTo(new CreatioConfiguration.DeleteSafety(20, new BigDecimal("0.05"), 3600));
        assertThat(c.flags()).isEqualTo(new CreatioConfiguration.Flags(true, true, true));
        assertThat(c.meetings().defaultOwnerContactId()).isEqualTo(UUID.fromString("410006e1-ca4e-4502-a9ec-e54d922d2c00"));
        assertThat(c.meetings().ownerMap()).containsEntry("Nina.Owner@NIA.example", UUID.fromString("5b9e2a54-7c1d-4e8f-9a0b-3c4d5e6f7a8b"))
                .containsKey("nina@nia.example");
        assertThat(c.meetings().competitorEntitySet()).isEqualTo("UsrCompetitorMention");
        var lead = c.entities().get(0);
        assertThat(lead.entitySet()).isEqualTo("Lead");
        assertThat(lead.linkBy().niaIdColumn()).isEqualTo("UsrNiaId");
        assertThat(lead.deactivateColumn()).isEqualTo("QualifyStatusId");
        assertThat(lead.requiredFields()).containsExactly("Contact");
        assertThat(lead.pullIntervalSeconds()).isEqualTo(300);
        assertThat(lead.fields().get(0).composedOf()).containsExactly("first_name", "last_name");
        assertThat(lead.fields().get(0).creatioColumn()).isEqualTo("Contact");
        assertThat(lead.fields().get(5).valueMap()).containsKey("not_interested");

        // the same record written today is snake_case and reads back equal
        assertThat(ConfigDocuments.record(Json.mapper().valueToTree(record))).isEqualTo(record);
    }

    @Test
    void readsACamelCaseConfigurationStoredBeforeTheChange() throws IOException {
        JsonNode configuration = camelCaseEnvelope().at("/payload/configuration");

        CreatioConfiguration read = ConfigDocuments.readConfiguration(configuration.toString());

        assertThat(ConfigDocuments.camelCase(configuration)).isTrue();
        assertThat(read).isEqualTo(ConfigDocuments.record(camelCaseEnvelope().get("payload")).configuration());
        assertThat(read.batchSizes().pullPageSize()).isEqualTo(1000);
        // read naively with the snake_case names, the old document would lose every two-word property
        assertThat(Json.read(configuration.toString(), CreatioConfiguration.class).batchSizes()).isNull();
    }

    static JsonNode camelCaseEnvelope() throws IOException {
        Path root = Path.of(System.getProperty("nia.repo.root", ".."));
        return Json.mapper().readTree(Files.readString(root.resolve("common-model/src/test/resources/config/configuration-record-camel-case.json")));
    }

    private static List<String> camelCaseNames(JsonNode node, String at) {
        List<String> found = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found.addAll(camelCaseNames(node.get(i), at + "/" + i));
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().matches("[a-z0-9_]+")) {
                    found.add(at + "/" + e.getKey());
                }
                if (!DATA_MAPS.contains(e.getKey())) {
                    found.addAll(camelCaseNames(e.getValue(), at + "/" + e.getKey()));
                }
            }
        }
        return found;
    }
}
