package com.nia.crmsync.model.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.model.wire.WireEnum;

/**
 * One clause of an inclusion filter: a record is synced only when every clause holds.
 *
 * @param field    the NIA field tested
 * @param operator the test
 * @param value    the operand ({@code in}/{@code not_in}: a list); absent for {@code present}/{@code absent}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Condition(String field, Operator operator, Object value) {

    /** The tests an inclusion filter can make. */
    public enum Operator implements WireEnum {
        /** Equal to the value. */
        EQ,
        /** Not equal to the value. */
        NE,
        /** One of the listed values. */
        IN,
        /** None of the listed values. */
        NOT_IN,
        /** Has a non-empty value. */
        PRESENT,
        /** Has no value. */
        ABSENT
    }
}
