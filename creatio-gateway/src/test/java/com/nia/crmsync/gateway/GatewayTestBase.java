package com.nia.crmsync.gateway;

import static io.restassured.RestAssured.given;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import io.restassured.specification.RequestSpecification;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import com.nia.crmsync.gateway.auth.CreatioTokens;
import com.nia.crmsync.gateway.budget.CallBudget;
import com.nia.crmsync.gateway.budget.QuotaStore;
import com.nia.crmsync.gateway.service.LookupService;
import com.nia.crmsync.gateway.service.MetadataService;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.testkit.TestCreatioSimulator;
import com.nia.crmsync.testkit.TestTokens;

/**
 * What every gateway test starts from: the simulator reset (baseline data, no faults, zero
 * counters, no issued tokens), breakers closed, no cached token, no budget pause, today's quota
 * at zero and empty caches — so no test depends on another's leftovers.
 */
abstract class GatewayTestBase {

    @Inject
    CreatioTokens tokens;
    @Inject
    CallBudget budget;
    @Inject
    QuotaStore quota;
    @Inject
    CircuitBreakerMaintenance breakers;
    @Inject
    MetadataService metadata;
    @Inject
    LookupService lookups;

    Sim sim;

    abstract TestCreatioSimulator simulator();

    @BeforeEach
    void startClean() {
        sim = new Sim(simulator());
        sim.reset();
        breakers.resetAll();
        tokens.reset();
        budget.reset();
        quota.setUsedToday(0);
        metadata.invalidate();
        lookups.invalidate();
    }

    /** A request as the sync worker makes it: its service token and a lane. */
    static RequestSpecification worker(Lane lane) {
        return given().auth().oauth2(TestTokens.service("sync-worker")).header(Lane.HTTP_HEADER, lane.wire())
                .contentType("application/json");
    }
}
