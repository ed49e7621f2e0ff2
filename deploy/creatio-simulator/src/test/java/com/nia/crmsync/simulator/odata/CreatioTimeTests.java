package com.nia.crmsync.simulator.odata;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * Creatio's datetime wire form: 100-ns precision, trailing zeros trimmed, a fixed empty value.
 */
class CreatioTimeTests {

    @Test
    void writesUpToSevenFractionalDigitsWithoutTrailingZeros() {
        assertThat(CreatioTime.format(Instant.parse("2024-09-16T07:46:44.5045174Z"))).isEqualTo("2024-09-16T07:46:44.5045174Z");
        assertThat(CreatioTime.format(Instant.parse("2023-08-07T18:36:28.920Z"))).isEqualTo("2023-08-07T18:36:28.92Z");
        assertThat(CreatioTime.format(Instant.parse("2022-12-02T08:52:59Z"))).isEqualTo("2022-12-02T08:52:59Z");
    }

    @Test
    void writesTheEmptyDatetimeAsTheFirstDayOfYearOne() {
        assertThat(CreatioTime.format(CreatioTime.EMPTY)).isEqualTo("0001-01-01T00:00:00Z");
    }

    @Test
    void cutsNanosecondsToDotNetTicks() {
        assertThat(CreatioTime.toTicks(Instant.parse("2024-01-01T00:00:00.123456789Z")))
                .isEqualTo(Instant.parse("2024-01-01T00:00:00.1234567Z"));
    }

    @Test
    void readsOffsetsAndDatesAsUtc() {
        assertThat(CreatioTime.parseOrNull("2024-01-01T01:00:00+01:00")).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(CreatioTime.parseOrNull("2024-01-01")).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(CreatioTime.parseOrNull("yesterday")).isNull();
    }
}
