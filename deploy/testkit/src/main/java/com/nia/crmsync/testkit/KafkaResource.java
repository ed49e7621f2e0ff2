package com.nia.crmsync.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka broker for a {@code @QuarkusTest}: points the application's Kafka connector at the
 * shared broker (topics created with the contract's partition counts) and injects
 * {@link TestKafka} into fields annotated {@link InjectKafka}.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private TestKafka kafka;

    @Override
    public Map<String, String> start() {
        kafka = SharedInfrastructure.kafka();
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(kafka, new TestInjector.AnnotatedAndMatchesType(InjectKafka.class, TestKafka.class));
    }

    @Override
    public void stop() {
        // the broker is shared by every test class of this JVM and stops with it
    }
}
