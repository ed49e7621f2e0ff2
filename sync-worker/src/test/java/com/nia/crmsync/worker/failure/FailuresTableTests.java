package com.nia.crmsync.worker.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.ws.rs.ProcessingException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.oidc.client.OidcClientException;

import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.gateway.GatewayErrorDecoder;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.worker.gateway.GatewayException;

/**
 * The table "Whose failure is it" in docs/retries.md is the source of truth: every example of every
 * row is built as the worker meets it (a decoded gateway answer, the identity provider's exception, a
 * record that does not parse) and must be classified as the row says.
 */
class FailuresTableTests {

    private static final Path TABLE = Path.of("../docs/retries.md");
    private static final Pattern EXAMPLE = Pattern.compile("`([^`]+)`");

    record Row(String example, FailureClass failureClass, Action action) {
        @Override
        public String toString() {
            return example + " -> " + failureClass + ", " + action;
        }
    }

    static Stream<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(TABLE)) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Whose failure is it");
                continue;
            }
            if (!inSection || !line.startsWith("| ") || line.startsWith("| Failure |")) {
                continue;
            }
            String[] cells = line.split("\\|");
            FailureClass failureClass = FailureClass.valueOf(cells[3].trim().toUpperCase(Locale.ROOT));
            Matcher action = EXAMPLE.matcher(cells[4]);
            assertThat(action.find()).as("an action in " + line).isTrue();
            Matcher examples = EXAMPLE.matcher(cells[2]);
            while (examples.find()) {
                rows.add(new Row(examples.group(1), failureClass, Action.valueOf(action.group(1).toUpperCase(Locale.ROOT))));
            }
        }
        return rows.stream();
    }

    @Test
    void theTableCoversEveryClassAndAction() throws IOException {
        List<Row> rows = rows().toList();
        assertThat(rows).hasSizeGreaterThan(20);
        assertThat(rows).extracting(Row::failureClass).contains(FailureClass.values());
        assertThat(rows).extracting(Row::action).contains(Action.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyRowIsClassifiedAsTheTableSays(Row row) {
        Failures.Verdict verdict = classify(row.example());

        assertThat(verdict.failureClass()).isEqualTo(row.failureClass());
        assertThat(verdict.action()).isEqualTo(row.action());
        assertThat(verdict.reason()).isNotBlank().doesNotContainIgnoringCase("secret=").doesNotContain("test-client-secret");
    }

    @Test
    void aFailureWrappedOnItsWayUpKeepsItsClass() {
        Failures.Verdict verdict = Failures.of(new IllegalStateException("wrapped",
                new ProcessingException(new OidcClientException("status: 401, error message: {\"error\":\"invalid_client\"}"))));

        assertThat(verdict.failureClass()).isEqualTo(FailureClass.CONFIGURATION);
        assertThat(verdict.action()).isEqualTo(Action.STOP_TAKING_WORK);
        assertThat(verdict.reason()).contains("invalid_client").contains("NIA_OIDC_CLIENT_SECRET");
    }

    /** Builds the failure an example names, as the worker meets it. */
    private static Failures.Verdict classify(String example) {
        String[] parts = example.split(":");
        switch (parts[0]) {
            case "envelope" -> {
                try {
                    Json.readEnvelope("{\"eventId\":\"not-a-uuid\"}", Command.class).validate();
                    throw new AssertionError("the invalid envelope was read");
                } catch (RuntimeException e) {
                    return Failures.of(e);
                }
            }
            case "command" -> {
                return Failures.of(new UnsupportedOperationException("This worker version cannot carry out export commands"));
            }
            case "gateway" -> {
                if (parts[1].equals("unreachable")) {
                    return Failures.ofGateway(GatewayException.unreachable(new ProcessingException(new ConnectException())).error());
                }
                int status = Integer.parseInt(parts[1]);
                String body = parts.length > 2 ? "{\"status\":" + status + ",\"code\":\"" + parts[2] + "\",\"detail\":\"d\"}" : null;
                return Failures.ofGateway(GatewayErrorDecoder.decode(status, body, null));
            }
            case "oidc" -> {
                if (parts[1].equals("unreachable")) {
                    return Failures.of(new OidcClientException(new ConnectException("Connection refused")));
                }
                String error = parts.length > 2 ? "{\"error\":\"" + parts[2] + "\"}" : "Service Unavailable";
                // the way quarkus-oidc-client reports a refused grant request
                return Failures.of(new OidcClientException("Default OidcClient has failed to complete the client_credentials grant"
                        + " request:  status: " + parts[1] + ", error message: " + error));
            }
            default -> throw new AssertionError("the test cannot build the failure " + example);
        }
    }
}
