package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.testkit.TestIssuer;

/**
 * The admin console is served by sync-api without a token: its page, every script, style and icon
 * the page names (the webjars from this jar, nothing from the internet), and its sign-in settings.
 */
@QuarkusTest
@SyncApiInfrastructure
class ConsoleTests {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/[^\"]+)\"");

    @Test
    void servesThePageAndEveryAssetItNamesFromTheSystemItself() {
        String page = given().when().get("/console/")
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("x-data=\"consoleApp\""))
                .extract().asString();

        List<String> assets = new ArrayList<>();
        Matcher m = ASSET.matcher(page);
        while (m.find()) {
            assets.add(m.group(1));
        }
        assertThat(assets).contains("/webjars/keycloak-js/dist/keycloak.js", "/webjars/chart.js/dist/chart.umd.js",
                "/webjars/alpinejs/dist/cdn.min.js", "/console/app.js", "/console/console.css", "/console/favicon.svg");
        assertThat(page).doesNotContain("http://", "https://");
        for (String asset : assets) {
            given().when().get(asset).then().statusCode(200);
        }
    }

    @Test
    void tellsTheConsoleWhereToSignInAndSendsTheBarePathToThePage() {
        given().when().get("/console/config.json")
                .then().statusCode(200).contentType(containsString("application/json"))
                .body("client_id", equalTo("nia-console"))
                .body("issuer", equalTo(TestIssuer.get().issuer()))
                .body("creatio_url", nullValue());
        given().redirects().follow(false).when().get("/console")
                .then().statusCode(302).header("Location", equalTo("/console/"));
    }
}
