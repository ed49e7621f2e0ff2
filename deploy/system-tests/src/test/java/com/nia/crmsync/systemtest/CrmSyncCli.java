package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.nia.crmsync.cli.Console;
import com.nia.crmsync.cli.CrmSync;
import com.nia.crmsync.client.CrmSyncClient;

/**
 * {@code crm-sync} run in-process through picocli against the stack's front router, its output
 * captured, with a token cache of its own per call; and the API's own answer to compare with.
 */
final class CrmSyncCli {

    static final ObjectMapper JSON = CrmSyncClient.mapper();

    private final String router;

    CrmSyncCli(String router) {
        this.router = router;
    }

    /** A finished command line: exit code, output, error output. */
    record Run(int exit, String out, String err) {

        /** The output as JSON. */
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + err, e);
            }
        }
    }

    /** {@code crm-sync args} with this token (null: none). */
    Run as(String token, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("CRM_SYNC_URL", router);
        if (token != null) {
            env.put("CRM_SYNC_TOKEN", token);
        }
        try {
            env.put("CRM_SYNC_CONFIG_DIR", Files.createTempDirectory("crm-sync").resolve("config").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return run(env, args);
    }

    /** {@code crm-sync args} in exactly this environment. */
    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CrmSync.run(new Console(new PrintWriter(out, true), new PrintWriter(err, true), env, false), Clock.systemUTC(), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The API's answer (200) to a call through the router. */
    JsonNode api(String token, String method, String pathAndQuery) {
        String body = given().baseUri(router).auth().oauth2(token).when().request(method, pathAndQuery).then().statusCode(200)
                .extract().asString();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
