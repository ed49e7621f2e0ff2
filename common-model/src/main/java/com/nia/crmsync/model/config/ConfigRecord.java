package com.nia.crmsync.model.config;

import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The configuration in force, as published on the compacted {@code crm.sync.config.v1} topic
 * under {@link #KEY}. Every instance of every service reads the topic from the earliest offset in
 * a group of its own (or by direct assignment), so compaction leaves it exactly the latest record.
 *
 * <p>The version rule: every command carries the configuration version it was planned with. An
 * instance that has loaded an older version than a command names waits for the newer record
 * before running it (it never runs it on the older one); a command planned with an older version
 * than the loaded one runs on the loaded one.
 *
 * @param version       increases by one per edit (the {@code If-Match} version of the API)
 * @param updatedAt     when this version was saved
 * @param updatedBy     who saved it
 * @param configuration the whole configuration
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConfigRecord(long version, Instant updatedAt, String updatedBy, CreatioConfiguration configuration) {

    /** The Kafka key of the one configuration record on the compacted topic. */
    public static final String KEY = "creatio-configuration";

    /** Whether an instance that loaded this version may run a command planned with {@code commandVersion}. */
    public boolean canRun(long commandVersion) {
        return commandVersion <= version;
    }
}
