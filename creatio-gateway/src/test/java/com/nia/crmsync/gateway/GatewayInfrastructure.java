package com.nia.crmsync.gateway;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;

import com.nia.crmsync.testkit.CreatioSimulatorResource;
import com.nia.crmsync.testkit.PostgresResource;
import com.nia.crmsync.testkit.TokenIssuerResource;

/**
 * What creatio-gateway's tests run against: its own PostgreSQL role, the test token issuer and
 * the Creatio simulator (one process per test JVM, reached over real HTTP). Every test class
 * uses all three, so they share one Quarkus application.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "creatio_gateway"))
@WithTestResource(TokenIssuerResource.class)
@WithTestResource(CreatioSimulatorResource.class)
public @interface GatewayInfrastructure {
}
