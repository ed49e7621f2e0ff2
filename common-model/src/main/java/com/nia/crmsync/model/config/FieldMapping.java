package com.nia.crmsync.model.config;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One Creatio column and the NIA field (or fields) it is kept in agreement with.
 *
 * @param niaField       the canonical NIA field; for a composite, the name of the composed value
 * @param composedOf     for a composite (e.g. first and last name into {@code Lead.Contact}): the NIA
 *                       fields joined by {@code transform}; absent for a one-to-one field
 * @param creatioColumn  the Creatio column as OData names it (lookups with their {@code Id} suffix)
 * @param direction      which way values flow
 * @param conflictPolicy the policy for a same-field mismatch; absent means the entity's default
 * @param valueMap       NIA value → Creatio value (e.g. status → {@code QualifyStatusId} GUID); must be
 *                       one-to-one so that it inverts; absent when values pass unchanged
 * @param transform      a named value transform applied NIA → Creatio ({@code trim}, {@code lowercase},
 *                       {@code join_space}); its inverse is documented with the transform, or the field is
 *                       one-way
 * @param inboundValues  Creatio value → NIA value for Creatio codes beyond {@code valueMap} (several Creatio
 *                       stages that mean one NIA status); on the way back to Creatio an NIA value keeps the
 *                       record's agreed Creatio code when that code means it, else takes {@code valueMap}'s; absent
 *                       when every Creatio code has its own NIA value
 * @param lookup         the Creatio lookup set the column points to ({@code QualifyStatus}, {@code Contact}, ...):
 *                       its values are shown with the row's {@code Name} next to the id; absent for other columns
 * @param overflow       what a text value longer than the Creatio column's size does before a write
 *                       ({@code truncate}, {@code reject}, {@code pass}); absent means {@code reject}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FieldMapping(
        String niaField,
        List<String> composedOf,
        String creatioColumn,
        Direction direction,
        ConflictPolicy conflictPolicy,
        Map<String, String> valueMap,
        String transform,
        Map<String, String> inboundValues,
        String lookup,
        Overflow overflow) {

    /** The canonical constructor, which JSON reads. */
    @JsonCreator
    public FieldMapping {
    }

    /** A field that is no lookup, whose value map (if any) is one-to-one, without an overflow rule of its own ({@code reject}). */
    public FieldMapping(String niaField, List<String> composedOf, String creatioColumn, Direction direction,
            ConflictPolicy conflictPolicy, Map<String, String> valueMap, String transform) {
        this(niaField, composedOf, creatioColumn, direction, conflictPolicy, valueMap, transform, null, null, null);
    }

    /** This field with {@code overflow} as its rule for over-long text. */
    public FieldMapping withOverflow(Overflow rule) {
        return new FieldMapping(niaField, composedOf, creatioColumn, direction, conflictPolicy, valueMap, transform,
                inboundValues, lookup, rule);
    }

    /** The overflow rule in force: the field's own, else {@code reject}. */
    public Overflow overflowRule() {
        return overflow == null ? Overflow.REJECT : overflow;
    }

    /** A one-to-one field synced both ways with the entity's default policy. */
    public static FieldMapping of(String niaField, String creatioColumn) {
        return new FieldMapping(niaField, null, creatioColumn, Direction.BOTH, null, null, null);
    }

    /** This field with its values shown next to the names of the rows of {@code lookupSet}. */
    public FieldMapping withLookup(String lookupSet) {
        return new FieldMapping(niaField, composedOf, creatioColumn, direction, conflictPolicy, valueMap, transform,
                inboundValues, lookupSet, overflow);
    }
}
