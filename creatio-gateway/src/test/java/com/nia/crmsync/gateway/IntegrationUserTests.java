package com.nia.crmsync.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

import com.nia.crmsync.gateway.service.IntegrationUserService;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.testkit.InjectCreatioSimulator;
import com.nia.crmsync.testkit.TestCreatioSimulator;

/**
 * The integration user and its contact (the owner of last resort of NIA's meetings and tasks):
 * learnt from the token's {@code prop:SysAdminUnitId} and {@code SysAdminUnit(<id>).ContactId}
 * of the simulator, then served from cache without another Creatio call.
 */
@QuarkusTest
@GatewayInfrastructure
class IntegrationUserTests extends GatewayTestBase {

    @InjectCreatioSimulator
    TestCreatioSimulator simulator;

    @Inject
    IntegrationUserService integrationUser;

    @Override
    TestCreatioSimulator simulator() {
        return simulator;
    }

    @BeforeEach
    void forgetTheUser() {
        integrationUser.invalidate();
    }

    @Test
    void learnsTheTechnicalUsersContactFromTheTokenOnceAndServesItFromCache() {
        String token = tokens.current();
        String claim = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))
                .getString("prop:SysAdminUnitId");
        JsonObject unit = new JsonObject(given().baseUri(simulator.baseUrl()).auth().oauth2(token).accept("application/json")
                .get("/0/odata/SysAdminUnit(" + claim + ")?$select=Name,ContactId").then().statusCode(200).extract().asString());

        long before = sim.calls("odata");
        worker(Lane.REALTIME).when().get("/internal/v1/integration-user").then().statusCode(200)
                .body("sysAdminUnitId", equalTo(claim))
                .body("name", equalTo(simulator.clientId() + " (integration)"))
                .body("contactId", equalTo(unit.getString("ContactId")))
                .body("source", equalTo("token"));
        long afterFirst = sim.calls("odata");
        worker(Lane.BULK).when().get("/internal/v1/integration-user").then().statusCode(200)
                .body("contactId", equalTo(unit.getString("ContactId")));

        assertThat(UUID.fromString(unit.getString("ContactId"))).isNotEqualTo(UUID.fromString(claim));
        assertThat(afterFirst - before).as("the user read ($metadata may be cached already)").isBetween(1L, 2L);
        assertThat(sim.calls("odata")).as("the second ask costs no Creatio call").isEqualTo(afterFirst);
    }
}
