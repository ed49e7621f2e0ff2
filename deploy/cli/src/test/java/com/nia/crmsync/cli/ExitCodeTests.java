package com.nia.crmsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.cli.auth.NotAuthenticatedException;
import com.nia.crmsync.client.ApiException;
import com.nia.crmsync.client.ApiProblem;
import com.nia.crmsync.client.ApiUnreachableException;

/** Exit codes 0–4 and the one error line, in-process against a fake API: no stack, no network beyond loopback. */
class ExitCodeTests {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void mapsEachFailureToItsExitCode() {
        assertThat(ExitCodes.of(new ApiException(problem(401)))).isEqualTo(3);
        assertThat(ExitCodes.of(new ApiException(problem(403)))).isEqualTo(3);
        assertThat(ExitCodes.of(new NotAuthenticatedException("expired"))).isEqualTo(3);
        assertThat(ExitCodes.of(new ApiException(problem(400)))).isEqualTo(1);
        assertThat(ExitCodes.of(new ApiException(problem(404)))).isEqualTo(1);
        assertThat(ExitCodes.of(new ApiException(problem(503)))).isEqualTo(1);
        assertThat(ExitCodes.of(new ApiUnreachableException("down", new IOException()))).isEqualTo(4);
        assertThat(ExitCodes.of(new IllegalStateException("odd answer"))).isEqualTo(1);
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        CliRun run = CliRun.of(Map.of(), "sync-lead");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--lead-id=UUID'").contains("crm-sync sync-lead --help");
    }

    @Test
    void anUnknownCommandOrABadValueIsAUsageError() {
        assertThat(CliRun.of(Map.of(), "sync-everything").exit()).isEqualTo(2);
        assertThat(CliRun.of(Map.of(), "sync-lead", "--lead-id=not-a-uuid").exit()).isEqualTo(2);
        assertThat(CliRun.of(Map.of(), "sync-lead", "--lead-id=" + java.util.UUID.randomUUID(), "--direction=sideways").exit()).isEqualTo(2);
        assertThat(CliRun.of(Map.of(), "dlq", "show", "17").exit()).isEqualTo(2);
    }

    @Test
    void anApiThatDoesNotAnswerIsExit4InOneLine() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        CliRun run = CliRun.of(Map.of("CRM_SYNC_URL", "http://127.0.0.1:" + closed), "status");
        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.err().strip()).startsWith("crm-sync: The API at http://127.0.0.1:" + closed + " does not answer")
                .doesNotContain("\n").doesNotContain("\tat ");
    }

    @Test
    void theRoutersBadGatewayIsExit4() throws IOException {
        try (FakeApi api = new FakeApi().answer(502, PROBLEM, "{\"title\":\"Bad Gateway\",\"status\":502,\"detail\":\"sync-api gave no answer\"}")) {
            assertThat(CliRun.of(Map.of(), "--url", api.url(), "status").exit()).isEqualTo(4);
        }
    }

    @Test
    void unauthenticatedAndForbiddenAreExit3WithTheProblemsTitleAndDetail() throws IOException {
        try (FakeApi api = new FakeApi().answer(401, "text/plain", "")) {
            CliRun run = CliRun.of(Map.of("CRM_SYNC_URL", api.url()), "status");
            assertThat(run.exit()).isEqualTo(3);
            assertThat(run.err()).startsWith("crm-sync: Unauthorized").contains("crm-sync login");
            assertThat(api.authorizations).containsExactly("null");
        }
        try (FakeApi api = new FakeApi().answer(403, PROBLEM, "{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"role operator or admin needed\"}")) {
            CliRun run = CliRun.of(Map.of("CRM_SYNC_URL", api.url(), "CRM_SYNC_TOKEN", "abc"), "sync-all");
            assertThat(run.exit()).isEqualTo(3);
            assertThat(run.err().strip()).isEqualTo("crm-sync: Forbidden: role operator or admin needed");
            assertThat(api.authorizations).containsExactly("Bearer abc");
        }
    }

    @Test
    void aRefusedOperationIsExit1WithTheFieldAtFault() throws IOException {
        String body = "{\"type\":\"about:blank\",\"title\":\"Invalid request\",\"status\":400,\"detail\":\"1 problem\","
                + "\"errors\":[{\"field\":\"/entity_types/0\",\"message\":\"unknown entity type\"}]}";
        try (FakeApi api = new FakeApi().answer(400, PROBLEM, body)) {
            CliRun run = CliRun.of(Map.of(), "--url", api.url(), "--token", "t", "sync-all", "--entity", "planet");
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err().strip()).isEqualTo("crm-sync: Invalid request: 1 problem [/entity_types/0 unknown entity type]");
        }
    }

    @Test
    void globalOptionsWorkAfterTheCommandAndJsonPrintsTheApisAnswer() throws IOException {
        String answer = "{\"run_id\":\"5d0c6f0e-8a43-4f7e-9a55-0a8a4a3c2b10\",\"status_url\":\"/api/v1/crm/sync/runs/5d0c6f0e-8a43-4f7e-9a55-0a8a4a3c2b10\",\"replayed\":false}";
        try (FakeApi api = new FakeApi().answer(202, "application/json", answer)) {
            CliRun run = CliRun.of(Map.of(), "sync-all", "--dry-run", "--json", "--url", api.url(), "--token", "t");
            assertThat(run.exit()).isZero();
            assertThat(CrmSync.JSON.readTree(run.out())).isEqualTo(CrmSync.JSON.readTree(answer));
            assertThat(api.paths).containsExactly("POST /api/v1/crm/sync/sync_all/");
        }
    }

    private static ApiProblem problem(int status) {
        return new ApiProblem("about:blank", "t", status, "d", null, null);
    }
}
