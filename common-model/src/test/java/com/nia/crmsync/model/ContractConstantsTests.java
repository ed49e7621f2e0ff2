package com.nia.crmsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.wire.WireEnum;
import com.nia.crmsync.model.mismatch.MismatchType;

/** The small constants other modules build on agree with each other and with the wire. */
class ContractConstantsTests {

    @Test
    void everyEnumOfTheContractReadsBackFromItsWireName() {
        for (Class<?> type : AsyncApiContractTests.contractTypes()) {
            if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    String wire = Json.mapper().convertValue(constant, String.class);
                    assertThat(wire).as(type.getSimpleName()).matches("[a-z_]+");
                    assertThat(Json.mapper().convertValue(wire, type)).isEqualTo(constant);
                }
            }
        }
    }

    @Test
    void wireNamesAreTheLowerSnakeNamesTheIssuesUse() {
        assertThat(MismatchType.FIELD_MISMATCH.wire()).isEqualTo("field_mismatch");
        assertThat(ConflictPolicy.LOCAL_WINS.wire()).isEqualTo("local_wins");
        assertThat(Lane.fromWire("bulk")).isEqualTo(Lane.BULK);
        assertThatThrownBy(() -> WireEnum.fromWire(Lane.class, "express"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("express");
    }

    @Test
    void eachLaneHasItsOwnCommandTopic() {
        assertThat(Lane.REALTIME.topic()).isEqualTo(Topics.COMMANDS_REALTIME);
        assertThat(Lane.BULK.topic()).isEqualTo(Topics.COMMANDS_BULK);
    }

    @Test
    void everyEventTypeHasASchemaVersionThisBuildReads() {
        EventTypes.SCHEMA_VERSIONS.forEach((type, version) -> {
            assertThat(EventTypes.supports(type, version)).as(type).isTrue();
            assertThat(EventTypes.supports(type, version + 1)).as(type).isFalse();
            assertThat(EventTypes.supports(type, 0)).as(type).isFalse();
        });
    }

    @Test
    void deadLetterHeaderNamesAreDistinctAndMatchSmallRyes() {
        Set<String> names = new HashSet<>(DeadLetterHeaders.ALL);

        assertThat(names).hasSameSizeAs(DeadLetterHeaders.ALL);
        // the names SmallRye's KafkaDeadLetterQueue writes, so its failure strategy needs no adapter
        assertThat(DeadLetterHeaders.REASON).isEqualTo("dead-letter-reason");
        assertThat(DeadLetterHeaders.ORIGIN_TOPIC).isEqualTo("dead-letter-topic");
        assertThat(DeadLetterHeaders.ORIGIN_PARTITION).isEqualTo("dead-letter-partition");
        assertThat(DeadLetterHeaders.ORIGIN_OFFSET).isEqualTo("dead-letter-offset");
        assertThat(DeadLetterHeaders.EXCEPTION_CLASS).isEqualTo("dead-letter-exception-class-name");
    }
}
