package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import com.nia.crmsync.infra.QuarkusService;
import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.model.meeting.MeetingEnded.Participant;
import com.nia.crmsync.model.meeting.MeetingEnded.Person;

/**
 * Issue 21's misconfigured-worker scenario: while leads and a meeting flow, a second worker started
 * with a wrong client secret joins. It reports not ready with the reason, takes no partition of the
 * command group, and dead-letters nothing; the healthy worker syncs every record.
 */
class MisconfiguredWorkerSystemTests extends SyncSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final String GROUP = "sync-worker";

    @Test
    void aWorkerWithAWrongSecretTakesNoWorkAndDeadLettersNothing() throws Exception {
        Set<String> membersBefore = members().keySet();
        List<UUID> leads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            leads.add(sync.createLead(lead("Early" + i)));
        }
        QuarkusService bad = sync.stack.startInstance(ServiceKind.SYNC_WORKER, Map.of("NIA_OIDC_CLIENT_SECRET", "a-wrong-secret"));
        try {
            for (int i = 0; i < 20; i++) {
                leads.add(sync.createLead(lead("Late" + i)));
            }
            UUID meetingLead = leads.get(0);
            UUID meetingLeadCreatio = UUID.fromString(sync.awaitStatus(EntityType.LEAD, meetingLead, "synced", WITHIN)
                    .getString("creatio_id"));
            MeetingEnded meeting = meeting(meetingLead);
            kafka.send(Topics.MEETINGS_ENDED, meeting.meetingId(),
                    Json.write(Envelope.create(EventTypes.MEETING_ENDED, meeting.meetingId(), meeting)));

            JsonPath notReady = awaitNotReady(bad);
            assertThat(notReady.getString("checks.find { it.name == 'sync-worker-dependencies' }.data.reason"))
                    .contains("invalid_client").contains("NIA_OIDC_CLIENT_SECRET").doesNotContain("a-wrong-secret");

            for (UUID lead : leads) {
                sync.awaitStatus(EntityType.LEAD, lead, "synced", WITHIN);
            }
            CreatioOData creatio = new CreatioOData(sync.stack);
            UUID meetingCategory = creatio.lookup("ActivityCategory", "Meeting");
            await().atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> !creatio.rows("Activity",
                    "Lead/Id eq " + meetingLeadCreatio + " and ActivityCategory/Id eq " + meetingCategory, null).isEmpty());

            assertThat(given().baseUri(bad.baseUrl()).when().get("/q/health/ready").then().extract().statusCode())
                    .as("the misconfigured worker is still not ready").isEqualTo(503);
            String metrics = given().baseUri(bad.baseUrl()).when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics.lines().filter(l -> l.startsWith("crmsync_dead_letters_total")))
                    .as("nothing dead-lettered by the misconfigured worker").allMatch(l -> l.endsWith(" 0.0"));
            assertThat(metrics.lines().filter(l -> l.startsWith("crmsync_worker_ready")).toList())
                    .as("it says so in its metrics").isNotEmpty().allMatch(l -> l.endsWith(" 0.0"));
            assertThat(kafka.readAll(Topics.DEAD_LETTERS, Duration.ofSeconds(1)))
                    .as("no command of this workload dead-lettered").noneMatch(r -> r.value() != null && r.value().contains(marker));

            Map<String, Integer> members = members();
            assertThat(members.entrySet().stream().filter(m -> m.getValue() > 0).map(Map.Entry::getKey))
                    .as("every partition is held by the healthy worker's consumers, none by the misconfigured one")
                    .isNotEmpty().allMatch(membersBefore::contains);
        } finally {
            sync.stack.stopInstance(bad.name());
        }
    }

    private Map<String, Object> lead(String name) {
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("first_name", "Mia");
        lead.put("last_name", name + marker);
        lead.put("email", ("mia." + name + "." + marker + "@misconfigured.example").toLowerCase(Locale.ROOT));
        lead.put("company", "Misconfigured " + marker);
        lead.put("status", "new");
        return lead;
    }

    private MeetingEnded meeting(UUID lead) {
        Instant started = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        String organizer = ("olga." + marker + "@nia.example").toLowerCase(Locale.ROOT);
        return new MeetingEnded("meeting-misconfigured-" + marker, 1L, "Demo " + marker, started, started.plus(30, ChronoUnit.MINUTES),
                new Person("Olga Organizer", organizer),
                List.of(new Participant("Olga Organizer", organizer, "NIA", "Account Executive", true),
                        new Participant("Mia Early0" + marker, ("mia.early0." + marker + "@misconfigured.example").toLowerCase(Locale.ROOT),
                                "Misconfigured " + marker, "Buyer", false)),
                lead, "A demo while a worker was misconfigured " + marker + ".", "demo", Map.of(), new BigDecimal("1000"), "EUR",
                List.of(), List.of());
    }

    /** The members of the workers' command group and how many partitions each holds. */
    private Map<String, Integer> members() throws Exception {
        try (Admin admin = kafka.admin()) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP).get();
            return group.members().stream().collect(Collectors.toMap(MemberDescription::consumerId,
                    m -> m.assignment().topicPartitions().size()));
        }
    }

    private static JsonPath awaitNotReady(QuarkusService worker) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            ExtractableResponse<Response> r = given().baseUri(worker.baseUrl()).when().get("/q/health/ready").then().extract();
            last[0] = r.jsonPath();
            return r.statusCode() == 503 && last[0].getString("checks.find { it.name == 'sync-worker-dependencies' }.data.reason")
                    .contains("invalid_client");
        });
        return last[0];
    }
}
