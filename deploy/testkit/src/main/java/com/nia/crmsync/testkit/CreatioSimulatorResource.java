package com.nia.crmsync.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nia.crmsync.infra.FreePorts;
import com.nia.crmsync.infra.PostgresServer;
import com.nia.crmsync.infra.QuarkusService;
import com.nia.crmsync.infra.ServiceKind;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The Creatio simulator for a {@code @QuarkusTest}: the packaged simulator
 * ({@code deploy/creatio-simulator}) as a separate process on a random port, started once per
 * test JVM with a generated client secret, so the service under test reaches Creatio over real
 * HTTP. Provides {@code creatio.api-url}, {@code creatio.client-id} and
 * {@code creatio.client-secret}, and injects {@link TestCreatioSimulator} into fields annotated
 * {@link InjectCreatioSimulator}. Tests reset it with {@link TestCreatioSimulator#reset()}.
 */
public class CreatioSimulatorResource implements QuarkusTestResourceLifecycleManager {

    /** The OAuth client the service under test is configured with. */
    public static final String CLIENT_ID = "nia-sync";

    private static TestCreatioSimulator shared;

    private TestCreatioSimulator simulator;

    @Override
    public Map<String, String> start() {
        simulator = sharedSimulator();
        return Map.of(
                "creatio.api-url", simulator.baseUrl(),
                "creatio.client-id", simulator.clientId(),
                "creatio.client-secret", simulator.clientSecret());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(simulator, new TestInjector.AnnotatedAndMatchesType(InjectCreatioSimulator.class, TestCreatioSimulator.class));
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped with it
    }

    private static synchronized TestCreatioSimulator sharedSimulator() {
        if (shared == null) {
            int port = FreePorts.next();
            String secret = PostgresServer.randomPassword();
            QuarkusService process = QuarkusService.of(ServiceKind.CREATIO_SIMULATOR, "creatio-simulator", port,
                    Map.of("SIMULATOR_IDENTITY_CLIENTS", CLIENT_ID + ":" + secret, "SIMULATOR_SEED_ON_START", "false"),
                    Path.of("target/test-infra/logs").toAbsolutePath(), List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
            process.start().awaitReady(Duration.ofMinutes(2));
            Runtime.getRuntime().addShutdownHook(new Thread(process::stop, "test-simulator-stop"));
            shared = new TestCreatioSimulator(process.baseUrl(), CLIENT_ID, secret);
        }
        return shared;
    }
}
