package com.nia.crmsync.model.config;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.wire.WireEnum;
import com.nia.crmsync.model.validation.Violation;
import com.nia.crmsync.model.validation.Violations;

/**
 * Everything that decides how records are synced, edited as a whole by an admin in
 * {@code sync-api} and published as a {@link ConfigRecord}. Endpoint credentials are not here:
 * they live only in {@code creatio-gateway}.
 *
 * @param odataRoot         the OData service root path ({@code /0/odata} on .NET Framework builds, {@code /odata} on .NET)
 * @param entities          one mapping per synced entity type
 * @param flags             feature switches
 * @param batchSizes        page and batch sizes
 * @param defaultMaxRetries attempts per record before it is {@code failed}; each record may override it
 * @param deleteSafety      the deletion safety breaker
 * @param meetings          how meetings, tasks and competitor mentions are written
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreatioConfiguration(
        String odataRoot,
        List<EntityMapping> entities,
        Flags flags,
        BatchSizes batchSizes,
        int defaultMaxRetries,
        DeleteSafety deleteSafety,
        MeetingSettings meetings) {

    /** Creatio's limit on requests in one {@code $batch}. */
    public static final int MAX_BATCH_REQUESTS = 100;
    /** Creatio's limit on rows in one OData response. */
    public static final int MAX_PAGE_ROWS = 20_000;

    /**
     * Feature switches.
     *
     * @param pushEnabled           NIA changes are written to Creatio
     * @param pullEnabled           Creatio changes are pulled into NIA
     * @param createUnknownContacts meeting participants unknown in Creatio are created as contacts
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Flags(boolean pushEnabled, boolean pullEnabled, boolean createUnknownContacts) {
    }

    /**
     * Sizes of pages and batches.
     *
     * @param pullPageSize      rows per pull or reconciliation page ({@code $top}), at most 20,000
     * @param writeBatchSize    requests per {@code $batch} write, at most 100
     * @param resyncFanOutBatch commands published per step when a resync request fans out
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BatchSizes(int pullPageSize, int writeBatchSize, int resyncFanOutBatch) {
    }

    /**
     * The deletion safety breaker: more deletions than either threshold in one window pause
     * propagation until an admin approves.
     *
     * @param maxDeletions  the count threshold per window
     * @param maxShare      the share threshold per window (0–1 of the entity's linked records)
     * @param windowSeconds the window
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DeleteSafety(int maxDeletions, BigDecimal maxShare, int windowSeconds) {
    }

    /**
     * Meeting-ended processing.
     *
     * @param activityCategoryName  the {@code ActivityCategory} name of meeting activities, resolved by name
     * @param ownerMap              NIA user email → Creatio contact id of the owner
     * @param defaultOwnerContactId the owner when neither the map nor a contact lookup finds one
     * @param competitorTarget      where competitor mentions go in Creatio
     * @param competitorEntitySet   {@code entity_set} target: the custom entity set's name
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MeetingSettings(
            String activityCategoryName,
            Map<String, UUID> ownerMap,
            UUID defaultOwnerContactId,
            CompetitorTarget competitorTarget,
            String competitorEntitySet) {
    }

    /** Where competitor mentions are written in Creatio. */
    public enum CompetitorTarget implements WireEnum {
        /** A block in the meeting activity's notes (works on every Creatio). */
        NOTES,
        /** Rows of a custom entity set named in {@link MeetingSettings#competitorEntitySet()}. */
        ENTITY_SET
    }

    /**
     * The mapping of {@code type}, if configured. Competitor mentions written to a custom entity set
     * ({@link CompetitorTarget#ENTITY_SET}) need no mapping of their own: without one, the set named in
     * {@link MeetingSettings#competitorEntitySet()} is written with the conventional columns of
     * {@link DefaultConfiguration#competitorMentions(String)}.
     */
    public Optional<EntityMapping> mapping(EntityType type) {
        Optional<EntityMapping> configured = entities == null ? Optional.empty()
                : entities.stream().filter(e -> e.entityType() == type).findFirst();
        if (configured.isEmpty() && type == EntityType.COMPETITOR_MENTION && competitorsToEntitySet()) {
            return Optional.of(DefaultConfiguration.competitorMentions(meetings.competitorEntitySet()));
        }
        return configured;
    }

    /** Whether competitor mentions are written as rows of a custom entity set (else as a block in the meeting's notes). */
    public boolean competitorsToEntitySet() {
        return meetings != null && meetings.competitorTarget() == CompetitorTarget.ENTITY_SET
                && meetings.competitorEntitySet() != null && !meetings.competitorEntitySet().isBlank();
    }

    /**
     * Structural problems, found without asking Creatio (columns are checked against
     * {@code $metadata} by {@code sync-api}): limits, duplicates, broken value maps, missing parts.
     */
    public List<Violation> validate() {
        Violations v = Violations.at("/configuration");
        v.required("odata_root", odataRoot).required("flags", flags).required("batch_sizes", batchSizes)
                .notEmpty("entities", entities)
                .check(defaultMaxRetries >= 0, "default_max_retries", "must not be negative");
        if (batchSizes != null) {
            Violations b = v.child("batch_sizes");
            b.check(batchSizes.pullPageSize() > 0 && batchSizes.pullPageSize() <= MAX_PAGE_ROWS, "pull_page_size",
                    "must be between 1 and " + MAX_PAGE_ROWS);
            b.check(batchSizes.writeBatchSize() > 0 && batchSizes.writeBatchSize() <= MAX_BATCH_REQUESTS,
                    "write_batch_size", "must be between 1 and " + MAX_BATCH_REQUESTS);
            b.check(batchSizes.resyncFanOutBatch() > 0, "resync_fan_out_batch", "must be positive");
        }
        if (deleteSafety != null && deleteSafety.maxShare() != null) {
            v.child("delete_safety").check(deleteSafety.maxShare().signum() >= 0
                    && deleteSafety.maxShare().compareTo(BigDecimal.ONE) <= 0, "max_share", "must be between 0 and 1");
        }
        if (meetings != null && meetings.competitorTarget() == CompetitorTarget.ENTITY_SET) {
            v.child("meetings").required("competitor_entity_set", meetings.competitorEntitySet());
        }
        Set<Object> types = new HashSet<>();
        for (int i = 0; entities != null && i < entities.size(); i++) {
            EntityMapping e = entities.get(i);
            Violations ev = v.element("entities", i);
            ev.required("entity_type", e.entityType()).required("entity_set", e.entitySet())
                    .required("delete_mode", e.deleteMode()).notEmpty("fields", e.fields())
                    .check(types.add(e.entityType()), "entity_type", "is mapped twice");
            if (e.deleteMode() == DeleteMode.DEACTIVATE) {
                ev.required("deactivate_column", e.deactivateColumn());
            }
            Set<String> columns = new HashSet<>();
            for (int j = 0; e.fields() != null && j < e.fields().size(); j++) {
                FieldMapping f = e.fields().get(j);
                Violations fv = ev.element("fields", j);
                fv.required("nia_field", f.niaField()).required("creatio_column", f.creatioColumn())
                        .required("direction", f.direction())
                        .check(f.creatioColumn() == null || columns.add(f.creatioColumn()), "creatio_column",
                                "is mapped twice");
                if (f.transform() != null) {
                    boolean composite = f.composedOf() != null && !f.composedOf().isEmpty();
                    fv.check(Transforms.TRANSFORMS.contains(f.transform()), "transform",
                            "must be one of " + new java.util.TreeSet<>(Transforms.TRANSFORMS));
                    fv.check(!Transforms.JOIN_SPACE.equals(f.transform()) || composite, "transform",
                            "join_space needs composed_of");
                    fv.check(Transforms.JOIN_SPACE.equals(f.transform()) || !composite, "transform",
                            "a composite is joined with join_space");
                }
                if (f.valueMap() != null) {
                    // an inverse is needed to bring Creatio's value back: the map must be one-to-one
                    fv.check(new HashSet<>(f.valueMap().values()).size() == f.valueMap().size(), "value_map",
                            "maps two NIA values to one Creatio value, so it cannot be inverted");
                }
                if (f.inboundValues() != null && !f.inboundValues().isEmpty()) {
                    // further Creatio codes come back as NIA values the value map already has, and never as two
                    fv.check(f.valueMap() != null && f.valueMap().keySet().containsAll(f.inboundValues().values()),
                            "inbound_values", "must bring Creatio codes back to NIA values of value_map");
                    fv.check(f.valueMap() == null || f.inboundValues().keySet().stream()
                            .noneMatch(code -> f.valueMap().containsValue(code)), "inbound_values",
                            "must not repeat a Creatio code of value_map");
                }
            }
        }
        return v.list();
    }
}
