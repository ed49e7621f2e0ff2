package com.nia.crmsync.model.entity;

import com.nia.crmsync.model.wire.WireEnum;

/**
 * The kinds of record the sync keeps in agreement. The wire name is also the first part of the
 * Kafka key ({@code lead:<localId>}). Adding a type is additive only once every consumer knows it,
 * so consumers are deployed before the producer that starts sending it.
 */
public enum EntityType implements WireEnum {
    /** A lead (Creatio {@code Lead}). */
    LEAD,
    /** A contact (Creatio {@code Contact}). */
    CONTACT,
    /** A meeting, written as a Creatio {@code Activity} of category Meeting. */
    MEETING,
    /** A task from an action item, written as a Creatio {@code Activity} of type Task. */
    TASK,
    /** A participant of a meeting (Creatio {@code ActivityParticipant}). */
    ACTIVITY_PARTICIPANT,
    /** A competitor mention, written to the meeting's notes or to a configured custom entity set. */
    COMPETITOR_MENTION;

    /** Reads a wire name. */
    public static EntityType fromWire(String wire) {
        return WireEnum.fromWire(EntityType.class, wire);
    }
}
