package com.nia.crmsync.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that needs an OS tool (e.g. {@code kcat}, {@code chromium}) installed by
 * {@code deploy/setup}. Where the tool is missing the test is skipped with the reason on a laptop,
 * and fails under {@code CI=true}, where {@code deploy/setup} must have installed it.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresToolCondition.class)
public @interface RequiresTool {

    /** Executable names looked up on the {@code PATH}. */
    String[] value();
}
