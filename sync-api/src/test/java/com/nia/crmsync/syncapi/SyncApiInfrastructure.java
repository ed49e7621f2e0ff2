package com.nia.crmsync.syncapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;

import com.nia.crmsync.testkit.KafkaResource;
import com.nia.crmsync.testkit.PostgresResource;
import com.nia.crmsync.testkit.TokenIssuerResource;

/**
 * What sync-api's tests run against: the shared Kafka broker, its own PostgreSQL role, the test token issuer and,
 * for the gateway client, the {@link FakeGateway} in the test application.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "sync_api"))
@WithTestResource(TokenIssuerResource.class)
@WithTestResource(GatewayClientResource.class)
public @interface SyncApiInfrastructure {
}
