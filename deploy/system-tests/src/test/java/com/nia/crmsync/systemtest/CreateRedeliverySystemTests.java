package com.nia.crmsync.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.merge.FieldMapper;
import com.nia.crmsync.model.result.Action;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;

/**
 * Issue 19's create-first path on redelivery, over the real broker, worker, gateway and simulator:
 * the same create command delivered twice gives one Creatio record, and neither delivery reads the
 * record before its {@code POST}. The second {@code POST} meets Creatio's duplicate key, and only
 * then is the record read (by the gateway, to confirm it exists) and merged: nothing differs, so
 * nothing more is written.
 */
class CreateRedeliverySystemTests extends SyncSystemTest {

    private static final Duration ANSWERED_WITHIN = Duration.ofMinutes(3);

    @Test
    void theSameCreateDeliveredTwiceGivesOneCreatioRecordAndNeitherDeliveryReadsBeforeItsPost() {
        EntityMapping taskMapping = DefaultConfiguration.create().mapping(EntityType.TASK).orElseThrow();
        UUID localId = UUID.randomUUID();
        UUID creatioId = Ids.creatioIdFor(EntityType.TASK, localId);
        String title = "Redelivered " + marker;
        // only the required columns: every other test's task also points at a lead
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", title);
        fields.put("start_at", "2026-12-08T09:00:00Z");
        fields.put("due_at", "2026-12-09T09:00:00Z");
        fields.put("owner_creatio_id", MeetingSystemTests.DEFAULT_OWNER.toString());
        fields.put("category_creatio_id", "f51c4643-58e6-df11-971b-001d60e938c6");
        SyncCommand command = SyncCommand.builder(EntityKey.local(EntityType.TASK, localId), Operation.UPSERT, Lane.REALTIME, 1)
                .nia(FieldMapper.toCreatio(taskMapping, fields), Instant.now(), 1L).niaFields(fields)
                .allocatedCreatioId(creatioId).maxRetries(3).build();
        Envelope<Command> envelope = Envelope.command(command, UUID.randomUUID());
        String commandId = command.commandId().toString();
        Instant before = sync.simulatorNow();

        kafka.send(Topics.COMMANDS_REALTIME, envelope.aggregateId(), Json.write(envelope));
        List<SyncResult> first = results(commandId, 1);
        // Kafka delivers the very same record again (a lost offset commit, a rebalance)
        kafka.send(Topics.COMMANDS_REALTIME, envelope.aggregateId(), Json.write(envelope));
        List<SyncResult> both = results(commandId, 2);

        assertThat(first.get(0).outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(first.get(0).action()).isEqualTo(Action.CREATE);
        assertThat(both).allSatisfy(r -> {
            assertThat(r.outcome()).isIn(Outcome.SYNCED, Outcome.NO_CHANGE);
            assertThat(r.entity().creatioId()).isEqualTo(creatioId);
        });
        assertThat(sync.find("Activity", "Title", title)).singleElement()
                .satisfies(row -> assertThat(row.get("Id")).isEqualTo(creatioId.toString()));

        List<Map<String, Object>> log = sync.requestsSince(before);
        List<String> taskColumns = List.of("ActivityCategoryId", "DueDate", "OwnerId", "StartDate", "Title");
        List<Integer> posts = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            Map<String, Object> r = log.get(i);
            if ("POST".equals(r.get("method")) && String.valueOf(r.get("path")).endsWith("/Activity")
                    && r.get("columns") instanceof List<?> columns
                    && columns.stream().map(String::valueOf).toList().containsAll(taskColumns) && !columns.contains("LeadId")) {
                posts.add(i);
            }
        }
        System.out.printf("CreateRedelivery: %d requests since the first delivery; this record's POSTs at %s, its reads at %s%n",
                log.size(), posts, readsOf(log, creatioId));
        assertThat(posts).as("one POST per delivery").hasSize(2);
        assertThat(log.get(posts.get(0)).get("status")).isEqualTo(201);
        assertThat(log.get(posts.get(1)).get("status")).as("Creatio's duplicate key").isEqualTo(500);
        assertThat(readsOf(log, creatioId)).as("reads of the record, all after the second POST (the duplicate key's check)")
                .allSatisfy(at -> assertThat(at).isGreaterThan(posts.get(1)));
        assertThat(log.stream().filter(r -> List.of("PATCH", "PUT").contains(r.get("method"))
                && String.valueOf(r.get("path")).contains(creatioId.toString()))).as("nothing more to write").isEmpty();
    }

    /** Positions in the log of the GETs that name the record, by key or in a filter. */
    private static List<Integer> readsOf(List<Map<String, Object>> log, UUID id) {
        String wanted = id.toString().toLowerCase(Locale.ROOT);
        List<Integer> reads = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            Map<String, Object> r = log.get(i);
            String where = (r.get("path") + "?" + r.get("query")).toLowerCase(Locale.ROOT);
            if ("GET".equals(r.get("method")) && where.contains(wanted)) {
                reads.add(i);
            }
        }
        return reads;
    }

    private List<SyncResult> results(String commandId, int count) {
        List<ConsumerRecord<String, String>> records = kafka.readUntil(Topics.RESULTS,
                rs -> rs.stream().filter(r -> r.value().contains(commandId)).count() >= count, ANSWERED_WITHIN);
        return records.stream().filter(r -> r.value().contains(commandId))
                .map(r -> Json.readEnvelope(r.value(), SyncResult.class).payload()).toList();
    }
}
