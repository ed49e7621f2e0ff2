package com.nia.crmsync.model.command;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.validation.Violation;

/**
 * A payload of the command topics. Two kinds share the topics, told apart by the {@code kind}
 * property: {@code sync} ({@link SyncCommand}, bring a record into agreement) and {@code resolve}
 * ({@link ResolveCommand}, carry out a person's decision). They share the topics and the entity
 * key so that a resolution is ordered with the sync commands of the same record.
 *
 * <p>Why a {@code kind} discriminator rather than one record with an optional resolution part:
 * each kind has its own required fields (a resolution has no snapshots; a sync command has no
 * chosen value), which a JSON Schema {@code oneOf} can then state exactly, and a consumer gets a
 * type it can dispatch on instead of checking which optional parts are present.
 */
// EXISTING_PROPERTY: the payload sits in Envelope<T>, whose erased type would hide a type id
// that Jackson adds itself, so every command writes its kind as an ordinary property
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SyncCommand.class, name = Command.SYNC),
    @JsonSubTypes.Type(value = ResolveCommand.class, name = Command.RESOLVE)
})
public sealed interface Command permits SyncCommand, ResolveCommand {

    /** Wire name of {@link SyncCommand}. */
    String SYNC = "sync";
    /** Wire name of {@link ResolveCommand}. */
    String RESOLVE = "resolve";

    /** The discriminator on the wire: {@value #SYNC} or {@value #RESOLVE}. */
    @JsonProperty("kind")
    String kind();

    /** Unique per command, kept across its attempts; consumers deduplicate by it. */
    UUID commandId();

    /** The record the command is about; its Kafka key. */
    EntityKey entity();

    /** The configuration version it was planned with; no instance runs it on an older one. */
    long configVersion();

    /** 1 for the first attempt; a retry re-publishes the command with the attempt increased. */
    int attempt();

    /** Whether nothing may be written on either side (a plan only). */
    boolean dryRun();

    /** The lane, hence the topic, the command travels on. */
    Lane lane();

    /**
     * What this command lacks to be carried out (paths relative to the envelope); empty when it is
     * whole. A consumer dead-letters a command with violations instead of failing on it later —
     * in a bulk batch, a later failure would hold the whole batch.
     */
    default List<Violation> validate() {
        List<Violation> violations = new ArrayList<>();
        if (commandId() == null) {
            violations.add(Violation.missing("/payload/commandId"));
        }
        if (entity() == null) {
            violations.add(Violation.missing("/payload/entity"));
        }
        if (lane() == null) {
            violations.add(Violation.missing("/payload/lane"));
        }
        return violations;
    }
}
