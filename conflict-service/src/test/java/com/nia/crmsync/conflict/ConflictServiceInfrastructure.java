package com.nia.crmsync.conflict;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;

import com.nia.crmsync.testkit.KafkaResource;
import com.nia.crmsync.testkit.PostgresResource;
import com.nia.crmsync.testkit.TokenIssuerResource;

/** What conflict-service's tests run against: the shared broker, its own PostgreSQL role and the test token issuer. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "conflict_service"))
@WithTestResource(TokenIssuerResource.class)
public @interface ConflictServiceInfrastructure {
}
