package com.nia.crmsync.model.config;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.model.entity.EntityType;

/**
 * How one NIA entity type is kept in agreement with one Creatio entity set.
 *
 * @param entityType               the NIA entity type
 * @param entitySet                the Creatio entity set ({@code Lead}, {@code Contact}, {@code Activity},
 *                                 a custom {@code Usr*} set)
 * @param fields                   the mapped fields
 * @param defaultConflictPolicy    the policy of fields that name none
 * @param firstSyncPolicy          with no base yet, how differing values of a linked pair are decided
 * @param linkBy                   how an existing Creatio record is recognised at first sync
 * @param deleteMode               what a deletion does on the other side
 * @param deactivateColumn         {@code deactivate} mode: the Creatio column set on deactivation
 * @param deactivateValue          {@code deactivate} mode: the value it is set to
 * @param include                  inclusion filter: a record is synced only when every clause holds
 * @param requiredFields           Creatio columns that must have a value before a write (the required-field gate)
 * @param pullIntervalSeconds      how often changes are pulled from Creatio; 0 disables the pull
 * @param reconcileIntervalSeconds how often ids are reconciled to find Creatio deletions; 0 disables it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EntityMapping(
        EntityType entityType,
        String entitySet,
        List<FieldMapping> fields,
        ConflictPolicy defaultConflictPolicy,
        ConflictPolicy firstSyncPolicy,
        LinkRule linkBy,
        DeleteMode deleteMode,
        String deactivateColumn,
        Object deactivateValue,
        List<Condition> include,
        List<String> requiredFields,
        int pullIntervalSeconds,
        int reconcileIntervalSeconds) {

    /**
     * How a first sync recognises that an NIA record and a Creatio record are the same.
     *
     * @param emailColumn the Creatio column compared with the NIA email (case-insensitive)
     * @param niaIdColumn a Creatio column that keeps the NIA id, when the instance has one
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LinkRule(String emailColumn, String niaIdColumn) {
    }
}
