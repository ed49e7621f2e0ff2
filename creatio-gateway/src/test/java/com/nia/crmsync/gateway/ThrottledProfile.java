package com.nia.crmsync.gateway;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The gateway with a tight budget (5 calls per second, burst 1, 2 in flight), so rate,
 * concurrency and priority show within seconds. The only test profile besides the default one.
 */
public class ThrottledProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "creatio.budget.rate-per-second", "5",
                "creatio.budget.burst", "1",
                "creatio.budget.max-concurrency", "2",
                "creatio.budget.realtime-max-wait", "30s",
                "creatio.budget.bulk-max-wait", "6s");
    }
}
