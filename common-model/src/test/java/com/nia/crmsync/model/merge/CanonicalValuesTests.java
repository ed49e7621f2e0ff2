package com.nia.crmsync.model.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalValuesTests {

    @Test
    void treatsEveryCreatioEmptyValueAsNiasNull() {
        assertThat(CanonicalValues.canonical("")).isNull();
        assertThat(CanonicalValues.canonical("00000000-0000-0000-0000-000000000000")).isNull();
        assertThat(CanonicalValues.canonical("0001-01-01T00:00:00Z")).isNull();
        assertThat(CanonicalValues.canonical(Instant.parse("0001-01-01T00:00:00Z"))).isNull();
        assertThat(CanonicalValues.canonical(new UUID(0, 0))).isNull();
        assertThat(CanonicalValues.same(null, "")).isTrue();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "50000, 50000.00",
            "0.1, 0.10",
            "1E+3, 1000",
            "-0.0, 0"
    })
    void comparesNumbersByValue(String a, String b) {
        assertThat(CanonicalValues.canonical(new BigDecimal(a))).isEqualTo(CanonicalValues.canonical(new BigDecimal(b)));
    }

    @Test
    void agreesOnAMoneyValueSentAsAStringUnderIeee754Compatible() {
        assertThat(CanonicalValues.same(new BigDecimal("50000"), "50000.00")).isTrue();
        assertThat(CanonicalValues.same("50000.00", 50000)).isTrue();
        assertThat(CanonicalValues.same(50000.0d, 50000L)).isTrue();
        assertThat(CanonicalValues.same("fifty", 50)).isFalse();
    }

    @Test
    void keepsIntegersAndDoublesExact() {
        assertThat(CanonicalValues.canonical(0.1d)).isEqualTo(new BigDecimal("0.1"));
        assertThat(CanonicalValues.canonical(Long.MAX_VALUE)).isEqualTo(new BigDecimal(Long.MAX_VALUE));
        assertThatThrownBy(() -> CanonicalValues.canonical(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lowerCasesGuidsWhetherTextOrUuid() {
        UUID id = UUID.randomUUID();
        assertThat(CanonicalValues.canonical(id.toString().toUpperCase())).isEqualTo(id.toString());
        assertThat(CanonicalValues.same(id, id.toString().toUpperCase())).isTrue();
    }

    @Test
    void comparesCreatiosSevenDigitFractionsWithPostgresMicroseconds() {
        Instant creatio = Instant.parse("2024-09-16T07:46:44.5045174Z");
        Instant postgres = Instant.parse("2024-09-16T07:46:44.504517Z");
        assertThat(CanonicalValues.same("2024-09-16T07:46:44.5045174Z", postgres)).isTrue();
        assertThat(CanonicalValues.same(creatio, postgres)).isTrue();
        assertThat(CanonicalValues.same(OffsetDateTime.parse("2024-09-16T09:46:44.504517+02:00"), postgres)).isTrue();
        assertThat(CanonicalValues.same(Instant.parse("2024-09-16T07:46:44.504518Z"), postgres)).isFalse();
    }

    @Test
    void keepsTextExactlyAsWritten() {
        assertThat(CanonicalValues.same("Acme ", "Acme")).isFalse();
        assertThat(CanonicalValues.same("acme", "Acme")).isFalse();
        assertThat(CanonicalValues.canonical("not-a-guid-but-36-characters-long-xx")).isEqualTo("not-a-guid-but-36-characters-long-xx");
    }

    @Test
    void dropsEmptyEntriesAndSortsKeysInCanonicalMaps() {
        Map<String, Object> values = new HashMap<>();
        values.put("b", "x");
        values.put("a", "");
        values.put("c", null);
        assertThat(CanonicalValues.canonical(values)).containsExactly(Map.entry("b", "x"));
    }

    @Test
    void rejectsValuesThatAreNotScalars() {
        assertThatThrownBy(() -> CanonicalValues.canonical((Object) java.util.List.of("x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
