package com.nia.crmsync.testkit;

import java.util.Map;

import com.nia.crmsync.infra.PostgresServer;
import com.nia.crmsync.infra.ServiceDatabase;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real PostgreSQL for a {@code @QuarkusTest}: provisions the service's own role and schema (init
 * argument {@code role}) on the shared server, points the datasource at it and injects
 * {@link TestPostgres} into fields annotated {@link InjectPostgres}.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private String role;
    private TestPostgres postgres;

    @Override
    public void init(Map<String, String> initArgs) {
        role = initArgs.get("role");
        if (role == null) {
            throw new IllegalArgumentException("PostgresResource needs the init argument 'role'");
        }
    }

    @Override
    public Map<String, String> start() {
        PostgresServer server = SharedInfrastructure.postgres();
        ServiceDatabase db = server.provision(role);
        postgres = new TestPostgres(server, db);
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.role(),
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(postgres, new TestInjector.AnnotatedAndMatchesType(InjectPostgres.class, TestPostgres.class));
    }

    @Override
    public void stop() {
        // the server is shared by every test class of this JVM and stops with it
    }
}
