package com.nia.crmsync.model.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CanonicalHashTests {

    @Test
    void isTheSameForTheSameFactsWhateverTheirForm() {
        Map<String, Object> creatio = new LinkedHashMap<>();
        creatio.put("Email", "a@b.c");
        creatio.put("Budget", new BigDecimal("50000.00"));
        creatio.put("OwnerId", "00000000-0000-0000-0000-000000000000");
        creatio.put("Commentary", "");
        Map<String, Object> nia = new LinkedHashMap<>();
        nia.put("Budget", 50000L);
        nia.put("Email", "a@b.c");
        assertThat(CanonicalHash.of(creatio)).isEqualTo(CanonicalHash.of(nia));
    }

    @Test
    void changesWithAnyValueKeyOrType() {
        String base = CanonicalHash.of(Map.of("Email", "a@b.c", "Budget", 1));
        assertThat(CanonicalHash.of(Map.of("Email", "a@b.d", "Budget", 1))).isNotEqualTo(base);
        assertThat(CanonicalHash.of(Map.of("Mail", "a@b.c", "Budget", 1))).isNotEqualTo(base);
        assertThat(CanonicalHash.of(Map.of("Email", "a@b.c", "Budget", "1"))).isNotEqualTo(base);
        assertThat(CanonicalHash.of(Map.of("Email", "a@b.c"))).isNotEqualTo(base);
    }

    @Test
    void cannotBeFooledByMovingCharactersBetweenFields() {
        assertThat(CanonicalHash.of(Map.of("a", "bc"))).isNotEqualTo(CanonicalHash.of(Map.of("ab", "c")));
    }

    @Test
    void isSixtyFourHexCharacters() {
        assertThat(CanonicalHash.of(Map.of())).matches("[0-9a-f]{64}");
    }
}
