package com.nia.crmsync.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.systemtest.CrmSyncCli.Run;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.testkit.TestIssuer;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 18's acceptance for {@code crm-sync} against the system-test stack, through the front
 * router: every command runs in-process (picocli, output captured) and its {@code --json} is
 * compared with the API's own answer; {@code sync-all --dry-run --wait} prints the plan and
 * writes nothing to Creatio (the simulator's request log); exit codes 2, 3 and 4 are provoked;
 * {@code login} caches a token with mode 600; the wrapper script runs the jar once.
 */
class CliSystemTests extends SyncSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = CrmSyncCli.JSON;
    private static final Pattern RUN_LINE = Pattern.compile("run ([0-9a-f-]{36}) (\\w+)");

    private final String router = sync.stack.service(ServiceKind.FRONT_ROUTER).baseUrl();
    private final CrmSyncCli commands = new CrmSyncCli(router);

    @Test
    void readCommandsPrintTheApisOwnAnswerWithJson() {
        UUID lead = sync.createLead(lead("Reader", 1000));
        sync.awaitStatus(EntityType.LEAD, lead, "synced", WITHIN);

        sameAsApi(TestTokens.viewer(), "/api/v1/crm/sync/records/lead/" + lead, "records", "lead", lead.toString());
        sameAsApi(TestTokens.viewer(), "/api/v1/crm/sync/status/", "status");
        sameAsApi(TestTokens.viewer(), "/api/v1/crm/sync/runs/?kind=sync_all&size=5", "runs", "--kind", "sync_all", "--size", "5");
        sameAsApi(TestTokens.viewer(), "/api/v1/crm/sync/logs/?entity_type=lead&page=0&size=5", "logs", "--entity", "lead", "--size", "5");
        sameAsApi(TestTokens.viewer(), "/api/v1/crm/config", "config", "get");

        Run connection = cli(TestTokens.operator(), "test-connection", "--json");
        assertThat(connection.exit()).as(connection.err()).isZero();
        JsonNode api = api(TestTokens.operator(), "POST", "/api/v1/crm/sync/test-connection/");
        assertThat(fieldNames(connection.json())).isEqualTo(fieldNames(api));
        assertThat(connection.json().path("ok").asBoolean()).isTrue();

        Run record = cli(TestTokens.viewer(), "records", "lead", lead.toString());
        assertThat(record.exit()).isZero();
        assertThat(record.out()).contains("lead " + lead).contains("synced");
        Run status = cli(TestTokens.viewer(), "status");
        assertThat(status.exit()).isZero();
        assertThat(status.out()).startsWith("ENTITY").contains("open conflicts", "Creatio quota");
        Run logs = cli(TestTokens.viewer(), "logs", "--entity", "lead", "--since", "1h");
        assertThat(logs.exit()).isZero();
        assertThat(logs.out()).startsWith("TIME").contains("lead");
    }

    @Test
    void syncAllDryRunWaitPrintsThePlanExits0AndWritesNothingToCreatio() {
        UUID lead = sync.createLead(lead("Planned", 2000));
        sync.awaitStatus(EntityType.LEAD, lead, "synced", WITHIN);
        Instant before = sync.simulatorNow();

        Run dry = cli(TestTokens.operator(), "sync-all", "--dry-run", "--wait", "--entity", "lead");

        assertThat(dry.exit()).as(dry.err()).isZero();
        List<String> lines = dry.out().lines().toList();
        assertThat(lines.get(0)).startsWith("ENTITY").contains("ACTION", "OUTCOME", "FIELD", "FROM", "TO");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("lead").contains(lead.toString()));
        assertThat(lines.get(lines.size() - 2)).contains("record(s): ").contains("Creatio call(s) planned");
        String last = lines.get(lines.size() - 1);
        assertThat(last).contains("completed (dry run)");
        assertThat(dry.err()).as("plain progress lines on a pipe").contains("progress ").doesNotContain("\r");
        assertThat(sync.requestsSince(before).stream().filter(PullSystemTests::isWrite).toList())
                .as("a dry run writes nothing to Creatio").isEmpty();

        Matcher m = RUN_LINE.matcher(last);
        assertThat(m.find()).isTrue();
        String runId = m.group(1);
        sameAsApi(TestTokens.viewer(), "/api/v1/crm/sync/runs/" + runId, "run", runId);
        sameAsApi(TestTokens.viewer(), "/api/v1/crm/sync/runs/" + runId + "/plan?page=0&size=500", "run", runId, "--plan");
        Run plan = cli(TestTokens.viewer(), "run", runId, "--plan");
        assertThat(plan.exit()).isZero();
        assertThat(plan.out()).contains(lead.toString());
    }

    @Test
    void syncLeadAndRetryFailedStartRunsThatTheJsonDescribes() {
        UUID lead = sync.createLead(lead("Single", 3000));
        sync.awaitStatus(EntityType.LEAD, lead, "synced", WITHIN);

        Run single = cli(TestTokens.operator(), "sync-lead", "--lead-id=" + lead, "--direction", "both", "--wait", "--json");
        assertThat(single.exit()).as(single.err()).isZero();
        assertThat(single.json().path("status").asText()).isEqualTo("completed");
        assertThat(single.json().path("kind").asText()).isEqualTo("sync_lead");
        assertThat(single.json()).isEqualTo(api(TestTokens.viewer(), "GET", "/api/v1/crm/sync/runs/" + single.json().path("id").asText()));

        Run retry = cli(TestTokens.operator(), "retry-failed", "--ids", UUID.randomUUID().toString(), "--json");
        assertThat(retry.exit()).as(retry.err()).isZero();
        assertThat(retry.json().path("count").asLong()).isZero();
        assertThat(api(TestTokens.viewer(), "GET", retry.json().path("status_url").asText()).path("kind").asText()).isEqualTo("retry_failed");
    }

    @Test
    void conflictsAreListedShownSideBySideResolvedDismissedAndBulkResolved() {
        UUID resolved = budgetCollision("Resolved", 1000, 2000, 3000);
        UUID dismissed = budgetCollision("Dismissed", 1000, 2000, 3000);
        UUID bulk = budgetCollision("Bulk", 1000, 2000, 3000);

        String resolvedId = awaitPendingConflict(resolved);
        String dismissedId = awaitPendingConflict(dismissed);
        awaitPendingConflict(bulk);
        sameAsApi(TestTokens.operator(), "/api/v1/crm/conflicts/?status=pending&entity_id=" + resolved, "conflicts", "--status", "pending",
                "--entity-id", resolved.toString());
        sameAsApi(TestTokens.operator(), "/api/v1/crm/conflicts/" + resolvedId, "conflict", resolvedId);

        Run shown = cli(TestTokens.operator(), "conflict", resolvedId);
        assertThat(shown.exit()).isZero();
        String header = shown.out().lines().filter(l -> l.contains("BASE")).findFirst().orElseThrow();
        String values = shown.out().lines().filter(l -> l.startsWith("value")).findFirst().orElseThrow();
        assertThat(header.indexOf("BASE")).isLessThan(header.indexOf("NIA")).isLessThan(header.indexOf("CREATIO"));
        assertThat(values.indexOf("1000")).isEqualTo(header.indexOf("BASE"));
        assertThat(values.indexOf("3000")).isEqualTo(header.indexOf("NIA"));
        assertThat(values.indexOf("2000")).isEqualTo(header.indexOf("CREATIO"));

        assertThat(cli(TestTokens.viewer(), "resolve", resolvedId, "--strategy", "local_wins").exit()).as("a viewer may not decide").isEqualTo(3);
        Run resolve = cli(TestTokens.operator(), "resolve", resolvedId, "--strategy=local_wins", "--comment", "cli", "--json");
        assertThat(resolve.exit()).as(resolve.err()).isZero();
        assertThat(resolve.json().path("strategy").asText()).isEqualTo("local_wins");
        assertThat(resolve.json().path("id").asText()).isEqualTo(resolvedId);

        Run dismiss = cli(TestTokens.operator(), "dismiss", dismissedId);
        assertThat(dismiss.exit()).as(dismiss.err()).isZero();
        assertThat(dismiss.out()).contains(dismissedId + ": dismissed");

        Run all = cli(TestTokens.operator(), "resolve", "--all-matching", "--entity-id", bulk.toString(), "--strategy", "creatio_wins", "--json");
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.json().path("requested").asInt()).isEqualTo(1);
        assertThat(all.json().path("accepted").asInt()).isEqualTo(1);
    }

    @Test
    void theConfigurationIsReadValidatedAndSetAgain(@TempDir Path dir) throws IOException {
        Run get = cli(TestTokens.admin(), "config", "get");
        assertThat(get.exit()).isZero();
        Path file = dir.resolve("config.json");
        Files.writeString(file, get.out());
        long version = get.json().path("version").asLong();

        Run valid = cli(null, "config", "validate", file.toString());
        assertThat(valid.exit()).as(valid.out()).isZero();
        assertThat(cli(TestTokens.viewer(), "config", "set", file.toString()).exit()).as("admins only").isEqualTo(3);

        // sync-api checks the columns against Creatio through the gateway first; a 503 (gateway not reachable yet) saves nothing
        AtomicReference<Run> saved = new AtomicReference<>();
        await().atMost(WITHIN).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Run attempt = cli(TestTokens.admin(), "config", "set", file.toString(), "--json");
            if (attempt.exit() != 0) {
                assertThat(attempt.err()).as("only a try-again-later refusal").contains("Cannot validate against Creatio now");
                return false;
            }
            saved.set(attempt);
            return true;
        });
        Run set = saved.get();
        assertThat(set.json().path("version").asLong()).isEqualTo(version + 1);
        // the PUT's own answer; the stored record reads back the same (its updated_at at the database's microseconds)
        JsonNode stored = api(TestTokens.viewer(), "GET", "/api/v1/crm/config");
        assertThat(set.json().path("configuration")).isEqualTo(stored.path("configuration")).isEqualTo(get.json().path("configuration"));
        assertThat(set.json().path("updated_by").asText()).isEqualTo(stored.path("updated_by").asText()).isEqualTo("ada.admin");
        assertThat(cli(TestTokens.admin(), "config", "set", file.toString()).exit()).as("the file's version is no longer in force (412)")
                .isEqualTo(1);

        ObjectNode broken = (ObjectNode) get.json().deepCopy();
        ((ObjectNode) broken.get("configuration").get("batch_sizes")).put("write_batch_size", 500);
        Files.writeString(file, JSON.writeValueAsString(broken));
        Run invalid = cli(TestTokens.admin(), "config", "set", file.toString());
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.out()).contains("/configuration/batch_sizes/write_batch_size").contains("nothing was sent");
        assertThat(api(TestTokens.viewer(), "GET", "/api/v1/crm/config").path("version").asLong()).isEqualTo(version + 1);
    }

    @Test
    void exitCodesTellUsageErrorsRefusalsAndAnUnreachableApiApart() throws IOException {
        Run usage = cli(TestTokens.operator(), "sync-all", "--entity");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required parameter").contains("--help");

        Run anonymous = cli(null, "status");
        assertThat(anonymous.exit()).isEqualTo(3);
        assertThat(anonymous.err().strip()).startsWith("crm-sync: Unauthorized").doesNotContain("\n");

        Run viewer = cli(TestTokens.viewer(), "sync-all");
        assertThat(viewer.exit()).isEqualTo(3);
        assertThat(viewer.err().strip()).startsWith("crm-sync: Forbidden").doesNotContain("\n");

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Run unreachable = cli(TestTokens.operator(), "--url", "http://127.0.0.1:" + closed, "status");
        assertThat(unreachable.exit()).isEqualTo(4);
        assertThat(unreachable.err().strip()).startsWith("crm-sync: The API at").doesNotContain("\n").doesNotContain("Exception:");

        Run unknown = cli(TestTokens.viewer(), "records", "lead", UUID.randomUUID().toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err().strip()).startsWith("crm-sync: ").doesNotContain("\n");
    }

    @Test
    void loginCachesAClientCredentialsTokenThatLaterCommandsSend(@TempDir Path dir) throws IOException {
        Map<String, String> env = Map.of("CRM_SYNC_URL", router, "CRM_SYNC_CONFIG_DIR", dir.resolve("crm-sync").toString());
        Run login = run(env, "login", "--issuer", TestIssuer.get().issuer(), "--client-id", "sync-api", "--client-secret",
                TestIssuer.CLIENT_SECRET, "--json");
        assertThat(login.exit()).as(login.err()).isZero();
        Path cache = Path.of(login.json().path("cache").asText());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rw-------");
        assertThat(login.json().path("grant").asText()).isEqualTo("client_credentials");

        // a service account's token is no person's: the public API refuses it (403, not 401), so it was sent
        Run status = run(env, "status");
        assertThat(status.exit()).isEqualTo(3);
        assertThat(status.err()).startsWith("crm-sync: Forbidden");
        // --token wins over the cache
        Run withToken = run(env, "--token", TestTokens.viewer(), "status", "--json");
        assertThat(withToken.exit()).as(withToken.err()).isZero();

        assertThat(run(env, "login", "--logout").exit()).isZero();
        assertThat(cache).doesNotExist();
    }

    @Test
    void theWrapperScriptRunsTheJarAndCompletionIsGenerated() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of("../cli/crm-sync").toAbsolutePath().normalize().toString(), "status", "--json")
                .redirectErrorStream(false);
        pb.environment().put("CRM_SYNC_URL", router);
        pb.environment().put("CRM_SYNC_TOKEN", TestTokens.viewer());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat(JSON.readTree(out).has("by_status")).isTrue();

        Run completion = cli(null, "completion");
        assertThat(completion.exit()).isZero();
        assertThat(completion.out()).contains("complete -F").contains("sync-all").contains("dlq");
    }

    // ---- helpers

    private Run cli(String token, String... args) {
        return commands.as(token, args);
    }

    private static Run run(Map<String, String> env, String... args) {
        return CrmSyncCli.run(env, args);
    }

    private JsonNode api(String token, String method, String pathAndQuery) {
        return commands.api(token, method, pathAndQuery);
    }

    /** Awaits the command's {@code --json} being exactly the API's answer to the same question (the moment's {@code at} aside). */
    void sameAsApi(String token, String apiPath, String... args) {
        String[] withJson = Stream.concat(Arrays.stream(args), Stream.of("--json"))
                .toArray(String[]::new);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Run run = cli(token, withJson);
            assertThat(run.exit()).as(String.join(" ", args) + ": " + run.err()).isZero();
            assertThat(withoutAt(run.json())).as(String.join(" ", args)).isEqualTo(withoutAt(api(token, "GET", apiPath)));
        });
    }

    private static JsonNode withoutAt(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            copy.remove("at");
            return copy;
        }
        return node;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Map<String, Object> lead(String last, int budget) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("first_name", "Cli");
        f.put("last_name", last);
        f.put("email", ("cli." + last + "." + marker + "@nia.example").toLowerCase(Locale.ROOT));
        f.put("company", "Cli " + marker);
        f.put("title", "Buyer");
        f.put("status", "qualified");
        f.put("budget", budget);
        return f;
    }

    /** A synced lead whose budget (policy manual) was then changed on both sides; its id. */
    private UUID budgetCollision(String last, int base, int inCreatio, int inNia) {
        UUID id = sync.createLead(lead(last, base));
        sync.awaitStatus(EntityType.LEAD, id, "synced", WITHIN);
        sync.userEdits("Lead", SyncPath.creatioIdOf(EntityType.LEAD, id), Map.of("Budget", inCreatio));
        sync.editLead(id, Map.of("budget", inNia));
        return id;
    }

    /** The record's pending conflict, once conflict-service has it, found with the CLI; its id. */
    private String awaitPendingConflict(UUID localId) {
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> cli(TestTokens.operator(), "conflicts", "--status", "pending",
                "--entity-id", localId.toString(), "--json").json().path("items").size() > 0);
        return cli(TestTokens.operator(), "conflicts", "--status", "pending", "--entity-id", localId.toString(), "--json").json()
                .path("items").get(0).path("id").asText();
    }
}
