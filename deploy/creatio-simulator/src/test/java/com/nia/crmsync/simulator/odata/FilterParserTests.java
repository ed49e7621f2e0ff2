package com.nia.crmsync.simulator.odata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import com.nia.crmsync.simulator.config.SimulatorConfig;
import com.nia.crmsync.simulator.store.Entity;

/**
 * The {@code $filter} parser on its own: precedence, the index hints the query engine relies on,
 * literals Creatio refuses, and the scalar-lookup quirk.
 */
class FilterParserTests {

    private static final EntityModel MODEL = new EntityModel(config());

    private static SimulatorConfig config() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(SimulatorConfig.class)
                .withDefaultValue("simulator.identity.clients", "test:test")
                .build();
        return config.getConfigMapping(SimulatorConfig.class);
    }

    private static FilterParser.Result parse(String type, String filter) {
        return new FilterParser(MODEL.type(type), MODEL, (set, id) -> null, true, true).parse(filter);
    }

    private static Entity lead(String name, long budget) {
        EntityType type = MODEL.type("Lead");
        Object[] values = new Object[type.columns().size()];
        values[Entity.ID] = UUID.randomUUID();
        values[Entity.MODIFIED_ON] = Instant.parse("2025-01-01T00:00:00Z");
        values[type.ordinal("LeadName")] = name;
        values[type.ordinal("Budget")] = java.math.BigDecimal.valueOf(budget);
        return new Entity(values);
    }

    private static Entity row(String typeName, String column, Object value) {
        EntityType type = MODEL.type(typeName);
        Object[] values = new Object[type.columns().size()];
        values[Entity.ID] = UUID.randomUUID();
        values[Entity.MODIFIED_ON] = Instant.parse("2025-01-01T00:00:00Z");
        values[type.ordinal(column)] = value;
        return new Entity(values);
    }

    @Test
    void bindsAndTighterThanOr() {
        FilterParser.Result result = parse("Lead", "Budget eq 1 or Budget eq 2 and LeadName eq 'x'");

        assertThat(result.predicate.test(lead("y", 1))).isTrue();
        assertThat(result.predicate.test(lead("y", 2))).isFalse();
        assertThat(result.predicate.test(lead("x", 2))).isTrue();
    }

    @Test
    void offersTheModifiedOnRangeAndIdOfATopLevelConjunction() {
        FilterParser.Result range = parse("Lead",
                "ModifiedOn gt 2025-01-01T00:00:00Z and ModifiedOn le 2025-02-01T00:00:00.1234567Z and LeadName ne ''");
        assertThat(range.modifiedFrom).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(range.fromInclusive).isFalse();
        assertThat(range.modifiedTo).isEqualTo(Instant.parse("2025-02-01T00:00:00.1234567Z"));
        assertThat(range.toInclusive).isTrue();

        String id = "3f1e7a52-9f6c-4a0e-9d55-2d7bb1c1a001";
        String other = "3f1e7a52-9f6c-4a0e-9d55-2d7bb1c1a002";
        assertThat(parse("Lead", "Id eq " + id).idEquals).isEqualTo(UUID.fromString(id));
        assertThat(parse("Lead", "Id eq " + id + " or Id eq " + other).idIn)
                .containsExactly(UUID.fromString(id), UUID.fromString(other));
        assertThat(parse("Lead", "Id eq " + id + " or LeadName eq 'x'").idIn).isNull();
    }

    @Test
    void offersNoHintsWhenAnOrCouldWidenTheResult() {
        FilterParser.Result result = parse("Lead", "ModifiedOn gt 2025-01-01T00:00:00Z or LeadName eq 'x'");

        assertThat(result.modifiedFrom).isNull();
        assertThat(parse("Lead", "not (ModifiedOn gt 2025-01-01T00:00:00Z)").modifiedFrom).isNull();
    }

    @Test
    void refusesODataThreeLiteralsAndBrokenSyntax() {
        assertThatThrownBy(() -> parse("Lead", "Id eq guid'3f1e7a52-9f6c-4a0e-9d55-2d7bb1c1a001'"))
                .isInstanceOf(ODataException.class).extracting("status").isEqualTo(400);
        assertThatThrownBy(() -> parse("Lead", "LeadName eq 'unterminated"))
                .isInstanceOf(ODataException.class).extracting("status").isEqualTo(400);
        assertThatThrownBy(() -> parse("Lead", "(LeadName eq 'x'"))
                .isInstanceOf(ODataException.class).extracting("status").isEqualTo(400);
    }

    @Test
    void failsOnAScalarLookupColumnButNotOnItsNavigationPath() {
        String id = "3f1e7a52-9f6c-4a0e-9d55-2d7bb1c1a001";

        assertThatThrownBy(() -> parse("Activity", "ContactId eq " + id))
                .isInstanceOf(ODataException.class).extracting("status").isEqualTo(500);
        Predicate<Entity> byContact = parse("Activity", "Contact/Id eq " + id).predicate;
        assertThat(byContact.test(row("Activity", "ContactId", UUID.fromString(id)))).isTrue();
        assertThat(byContact.test(row("Activity", "ContactId", UUID.randomUUID()))).isFalse();
        Predicate<Entity> byName = parse("Lead", "Contact eq 'Marady Esther'").predicate;
        assertThat(byName.test(row("Lead", "Contact", "Marady Esther"))).as("Lead.Contact is free text").isTrue();
        assertThat(byName.test(row("Lead", "Contact", "Esther Marady"))).isFalse();
    }
}
