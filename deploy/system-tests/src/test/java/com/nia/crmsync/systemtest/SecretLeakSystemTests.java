package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.testkit.TestIssuer;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 17's "secrets and tokens never appear": after every other system test of the run (the
 * last class, {@code junit-platform.properties} orders classes by {@link Order}), the logs of every
 * process every stack of the run started are searched ({@link LogSecretScan}) for the Creatio
 * client secret, the services' client secrets, the demo users' and the databases' passwords (every
 * secret a stack of this JVM generated, {@code Stack.secretsOfThisJvm()}), the test issuer's client
 * secret, every token the test issuer and the simulator issued, and any other JSON Web Token.
 * Nothing may be found.
 */
@Order(Integer.MAX_VALUE)
class SecretLeakSystemTests {

    @Test
    void noSecretAndNoTokenAppearsInAnyLogOfTheRun() {
        Stack stack = SystemStack.get();
        // every stack of the run keeps its data (and its logs) beside the shared one's
        Path runDir = stack.dataDir().toAbsolutePath().getParent();
        LogSecretScan scan = new LogSecretScan().secret("the test issuer's client secret", TestIssuer.CLIENT_SECRET);
        Map<String, String> generated = Stack.secretsOfThisJvm();
        // the search is worth something only with the stack's secrets in it
        assertThat(generated.keySet()).anyMatch(name -> name.startsWith("creatio.client-secret"))
                .anyMatch(name -> name.startsWith("db."));
        generated.forEach(scan::secret);
        TestTokens.issued().forEach(token -> scan.token("a token of the test issuer", token));
        simulatorTokens(stack).forEach(token -> scan.token("a token of the simulator's identity service", token));

        List<LogSecretScan.Leak> leaks = scan.scan(runDir);

        assertThat(leaks).as("secrets in the logs under %s", runDir).isEmpty();
    }

    private static List<String> simulatorTokens(Stack stack) {
        List<Map<String, Object>> issued = given().baseUri(stack.service(ServiceKind.CREATIO_SIMULATOR).baseUrl())
                .when().get("/sim/tokens").then().statusCode(200).extract().jsonPath().getList("$");
        return issued.stream().map(t -> (String) t.get("accessToken")).toList();
    }
}
