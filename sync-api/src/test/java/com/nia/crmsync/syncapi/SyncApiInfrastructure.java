package com.nia.crmsync.syncapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;

import com.nia.crmsync.testkit.KafkaResource;
import com.nia.crmsync.testkit.PostgresResource;

/** The real infrastructure sync-api's tests run against: the shared Kafka broker and its own PostgreSQL role. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@WithTestResource(KafkaResource.class)
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "role", value = "sync_api"))
public @interface SyncApiInfrastructure {
}
