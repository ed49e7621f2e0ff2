package com.nia.crmsync.syncapi.pull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.nia.crmsync.model.command.BaseSnapshot;
import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.config.Direction;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.Side;
import com.nia.crmsync.model.merge.CanonicalHash;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.model.merge.FieldMapper;
import com.nia.crmsync.model.merge.FieldRule;
import com.nia.crmsync.model.merge.MergeInput;
import com.nia.crmsync.model.merge.MergeOutcome;
import com.nia.crmsync.model.merge.ThreeWayMerge;
import com.nia.crmsync.model.result.FieldChange;

/**
 * What the pull does with one pulled record, decided from the record's sync state and both sides'
 * values alone (pure): nothing for an echo, a direct application in {@code sync-api} for a record
 * whose NIA side did not change since the last sync (or that NIA has only now created from the
 * page), and a command to the worker for everything that needs a merge with NIA changes, a write
 * to Creatio, or a person.
 *
 * <p>The direct application is the worker's merge ({@link ThreeWayMerge}, the same rules, base and
 * first-sync policy) run here: it is taken only when that merge writes nothing to Creatio, finds no
 * collision and leaves nothing open, and when every value it brings to NIA maps back without
 * guessing; the new base and its hashes are computed as the worker computes them, so the next plan,
 * pull or merge cannot tell the two paths apart.
 */
public final class PullTriage {

    private PullTriage() {
    }

    /** How one pulled record is handled. */
    public enum Kind {
        /** NIA has no record linked to it: created (or linked by the link rule), then merged for the first time. */
        NEW,
        /** Its values hash to the stored {@code creatio_hash}: our own write, or an overlap duplicate. Nothing to do. */
        ECHO,
        /** Linked and settled, and NIA did not change it since the last sync: merged and applied here, no command. */
        DIRECT,
        /** NIA changed it too, a command is in flight, or a field is open: a command to the worker. */
        WORKER
    }

    /**
     * What {@code sync-api} holds about a linked record.
     *
     * @param creatioHash the hash of Creatio's side at the last agreement
     * @param localHash   the hash of NIA's side at the last agreement
     * @param settled     status {@code synced}, no open field, no command in flight, the NIA record not deleted
     */
    public record Known(String creatioHash, String localHash, boolean settled) {
    }

    /**
     * Classifies a pulled record.
     *
     * @param known      the linked record's state, or null when no NIA record is linked to the Creatio id
     * @param pulledHash the canonical hash of the pulled values over the mapped columns
     * @param niaHash    the canonical hash of the NIA record's current values mapped to Creatio columns (null when unknown)
     */
    public static Kind classify(Known known, String pulledHash, String niaHash) {
        if (known == null) {
            return Kind.NEW;
        }
        if (sameHash(known.creatioHash(), pulledHash)) {
            return Kind.ECHO;
        }
        if (known.settled() && niaHash != null && sameHash(known.localHash(), niaHash)) {
            return Kind.DIRECT;
        }
        return Kind.WORKER;
    }

    /**
     * A merge applied in {@code sync-api}: the NIA fields to update, the Creatio columns they come
     * from (the result's {@code pulled_values}), the new base and the changes for the sync log.
     */
    public record Direct(Map<String, Object> niaUpdates, Map<String, Object> toNia, BaseSnapshot base, List<FieldChange> changes) {

        /** Whether NIA takes any value (a {@code synced} result) or both sides already agree ({@code no_change}). */
        public boolean changesNia() {
            return !toNia.isEmpty();
        }
    }

    /**
     * The merge of a pulled record, when it can be applied without the worker; null when it cannot
     * (a write to Creatio, a collision, an open field, or a value NIA cannot take without guessing).
     *
     * @param mapping     the entity's mapping
     * @param pullOnly    push is off: columns that go both ways only come from Creatio (the worker's {@code pull})
     * @param base        the values both sides last agreed on, null before the first sync
     * @param nia         the NIA record mapped to Creatio columns (as the planner maps it)
     * @param niaFields   the NIA record's canonical fields
     * @param creatio     the pulled Creatio values
     * @param niaUpdatedAt      the NIA record's {@code updated_at}
     * @param creatioModifiedOn the pulled record's {@code ModifiedOn}
     * @param now         when the agreement is recorded
     */
    public static Direct direct(EntityMapping mapping, boolean pullOnly, Map<String, ?> base, Map<String, ?> nia,
            Map<String, ?> niaFields, Map<String, ?> creatio, Instant niaUpdatedAt, Instant creatioModifiedOn, Instant now) {
        Map<String, FieldRule> rules = FieldMapper.rules(mapping);
        if (pullOnly) {
            Map<String, FieldRule> pull = new LinkedHashMap<>();
            rules.forEach((col, r) -> pull.put(col, r.direction() == Direction.BOTH
                    ? new FieldRule(col, Direction.FROM_CREATIO, r.policy()) : r));
            rules = pull;
        }
        Map<String, Object> niaValues = CanonicalValues.canonical(nia);
        Map<String, Object> creatioValues = CanonicalValues.canonical(creatio);
        MergeOutcome merge = ThreeWayMerge.merge(new MergeInput(rules, base, niaValues, creatioValues, niaUpdatedAt,
                creatioModifiedOn, mapping.firstSyncPolicy() == null ? ConflictPolicy.CREATIO_WINS : mapping.firstSyncPolicy()));
        if (!merge.toCreatio().isEmpty() || !merge.conflicts().isEmpty() || !merge.openFields().isEmpty()) {
            return null;
        }
        Map<String, Object> toNia = new TreeMap<>(merge.toNia());
        Map<String, Object> updates = new LinkedHashMap<>();
        if (!toNia.isEmpty()) {
            FieldMapper.Inverse inverse = FieldMapper.toNia(mapping, toNia, niaFields);
            if (!inverse.problems().isEmpty()) {
                return null;
            }
            inverse.updates().forEach((field, value) -> {
                if (!CanonicalValues.same(niaFields.get(field), value)) {
                    updates.put(field, value);
                }
            });
        }
        Map<String, Object> niaSide = new TreeMap<>();
        Map<String, Object> creatioSide = new TreeMap<>();
        for (String col : merge.newBase().keySet()) {
            niaSide.put(col, toNia.containsKey(col) ? toNia.get(col) : niaValues.get(col));
            creatioSide.put(col, creatioValues.get(col));
        }
        List<FieldChange> changes = new ArrayList<>();
        toNia.forEach((col, v) -> changes.add(new FieldChange(col, Side.NIA, niaValues.get(col), v)));
        BaseSnapshot newBase = new BaseSnapshot(merge.newBase(), CanonicalHash.of(niaSide), CanonicalHash.of(creatioSide), now);
        return new Direct(updates, toNia, newBase, changes);
    }

    /** Whether a stored hash (with or without its {@code sha256:} prefix) is {@code hash}. */
    static boolean sameHash(String stored, String hash) {
        if (stored == null || hash == null) {
            return false;
        }
        String bare = stored.startsWith("sha256:") ? stored.substring("sha256:".length()) : stored;
        String other = hash.startsWith("sha256:") ? hash.substring("sha256:".length()) : hash;
        return bare.equalsIgnoreCase(other);
    }
}
