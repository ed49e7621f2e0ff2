package com.nia.crmsync.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import com.nia.crmsync.gateway.budget.QuotaStore;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.testkit.InjectCreatioSimulator;
import com.nia.crmsync.testkit.TestCreatioSimulator;

/**
 * The daily quota in PostgreSQL: a spent share is reported at once as problem+json with
 * {@code Retry-After} and no Creatio call, bulk stops before real-time, the count survives a
 * restart (a fresh store reads what the running gateway wrote — the same as a restarted
 * gateway, without a second slow application start), and replicas sharing the table never pass
 * the ceiling together.
 */
@QuarkusTest
@GatewayInfrastructure
class BudgetTests extends GatewayTestBase {

    @InjectCreatioSimulator
    TestCreatioSimulator simulator;
    @Inject
    DataSource dataSource;

    @Override
    TestCreatioSimulator simulator() {
        return simulator;
    }

    @Test
    void reportsASpentQuotaAtOnceWith429AndRetryAfterWithoutCallingCreatio() {
        // default quota 10,000: real-time stops at 95%
        quota.setUsedToday(9_500);
        long start = System.nanoTime();
        Response response = worker(Lane.REALTIME).when().get("/internal/v1/metadata");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        response.then().statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("BUDGET_EXHAUSTED")).body("retryAfterSeconds", greaterThan(0));
        assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
        assertThat(sim.calls("metadata") + sim.calls("odata")).isZero();
    }

    @Test
    void stopsBulkWorkFirstAndRealtimeWorkLast() {
        // bulk stops at 80%, real-time at 95%
        quota.setUsedToday(8_000);
        worker(Lane.BULK).when().get("/internal/v1/metadata").then().statusCode(429).body("code", equalTo("BUDGET_EXHAUSTED"));
        worker(Lane.REALTIME).when().get("/internal/v1/metadata").then().statusCode(200);
        assertThat(quota.usedToday()).isEqualTo(8_001);
    }

    @Test
    void keepsTheDailyCountAcrossARestartOfTheGateway() {
        worker(Lane.REALTIME).when().get("/internal/v1/metadata").then().statusCode(200);
        worker(Lane.REALTIME).when().get("/internal/v1/entities/contacts/changes?since=2000-01-01T00:00:00Z&top=5").then().statusCode(200);
        long used = quota.usedToday();
        assertThat(used).isEqualTo(2);
        QuotaStore afterRestart = new QuotaStore(dataSource);
        assertThat(afterRestart.usedToday()).isEqualTo(used);
    }

    @Test
    void neverLetsTwoReplicasTogetherPassTheCeiling() throws Exception {
        QuotaStore replicaA = new QuotaStore(dataSource);
        QuotaStore replicaB = new QuotaStore(dataSource);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> takes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                QuotaStore replica = i % 2 == 0 ? replicaA : replicaB;
                takes.add(pool.submit(() -> replica.reserve(1, 60).isPresent()));
            }
            long granted = 0;
            for (Future<Boolean> take : takes) {
                granted += take.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(granted).isEqualTo(60);
            assertThat(replicaA.usedToday()).isEqualTo(60);
        } finally {
            pool.shutdownNow();
        }
    }
}
