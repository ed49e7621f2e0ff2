package com.nia.crmsync.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret-leak grep of {@link SecretLeakSystemTests} on fixture logs: it must find what leaked, and only that. */
class LogSecretScanTests {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvdHRvIiwiaXNzIjoidGVzdCJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";

    @TempDir
    Path dir;

    private LogSecretScan scan() {
        return new LogSecretScan().secret("creatio.client-secret", "s3cr3t-Creatio-Value")
                .secret("db.sync_api.password", "pw-1234567890").token("the simulator", TOKEN);
    }

    @Test
    void findsNothingInLogsWithoutSecrets() throws IOException {
        write("logs/sync-api.log", "10:00:00.000 INFO  [c.n.c.s.api] (executor-1) Lead 42 synced\n"
                + "10:00:01.000 WARN  [c.n.c.w.s.CommandHandler] (worker) Sync of lead:1 failed (failed, validation): bad email\n");

        assertThat(scan().scan(dir)).isEmpty();
    }

    @Test
    void findsAConfiguredSecretAndNamesItWithoutPrintingIt() throws IOException {
        write("logs/creatio-gateway.log", "first line\n10:00:00.000 DEBUG token request client_secret=s3cr3t-Creatio-Value\n");

        assertThat(scan().scan(dir)).singleElement().satisfies(leak -> {
            assertThat(leak.line()).isEqualTo(2);
            assertThat(leak.what()).isEqualTo("creatio.client-secret");
            assertThat(leak.toString()).contains("creatio-gateway.log:2").doesNotContain("s3cr3t");
        });
    }

    @Test
    void findsAnIssuedTokenByItsSourceAndAnyOtherJwt() throws IOException {
        write("keycloak-stack/logs/sync-worker.log", "Authorization: Bearer " + TOKEN + "\n"
                + "a token nobody registered: eyJhbGciOiJIUzI1NiJ9.eyJ4IjoieXl5eXl5eXkifQ.AAAAAAAAAAAA\n");

        assertThat(scan().scan(dir)).extracting(LogSecretScan.Leak::what).containsExactly("the simulator", "a JSON Web Token");
    }

    @Test
    void looksOnlyAtLogs() throws IOException {
        write("secrets.properties", "creatio.client-secret=s3cr3t-Creatio-Value\n");

        assertThat(scan().scan(dir)).isEmpty();
    }

    private void write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
