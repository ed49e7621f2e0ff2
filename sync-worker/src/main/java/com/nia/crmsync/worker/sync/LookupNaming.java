package com.nia.crmsync.worker.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.LookupValue;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.merge.FieldMapper;
import com.nia.crmsync.model.mismatch.Mismatch;
import com.nia.crmsync.model.result.FieldChange;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.worker.gateway.CreatioPort;

/**
 * Puts the display names of lookup ids next to them where a disagreement or a change is found:
 * a mismatch on a lookup column (a field mapping that names its {@code lookup} set) and the
 * lookup columns among a result's changes carry {@code valueNames} (id → name), so the conflict
 * service, the plan and the sync log show "Qualification" rather than a GUID without calling
 * Creatio themselves. One gateway call (served from its lookup cache) names every id of a round of
 * commands. Names are an aid: a gateway that cannot answer leaves them out and fails no command.
 */
@ApplicationScoped
public class LookupNaming {

    private final CreatioPort creatio;

    public LookupNaming(CreatioPort creatio) {
        this.creatio = creatio;
    }

    /** The answers with the names of their lookup ids. */
    public List<RecordSync.Handled> named(CreatioConfiguration config, List<RecordSync.Handled> handled) {
        Map<String, Set<UUID>> wanted = new LinkedHashMap<>();
        Lane lane = null;
        for (RecordSync.Handled h : handled) {
            for (Envelope<Mismatch> m : h.mismatches()) {
                String set = lookupOf(config, m.payload().entity(), m.payload().field());
                if (set != null) {
                    collect(wanted, set, m.payload().baseValue(), m.payload().niaValue(), m.payload().creatioValue(),
                            m.payload().decidedValue());
                }
            }
            SyncResult r = h.result().payload();
            for (FieldChange c : r.changes() == null ? List.<FieldChange>of() : r.changes()) {
                String set = lookupOf(config, r.entity(), c.field());
                if (set != null) {
                    collect(wanted, set, c.from(), c.to());
                }
            }
            if (lane == null && h.result().payload().lane() != null) {
                lane = h.result().payload().lane();
            }
        }
        if (wanted.isEmpty()) {
            return handled;
        }
        Map<String, List<UUID>> ids = new LinkedHashMap<>();
        wanted.forEach((set, values) -> ids.put(set, List.copyOf(values)));
        Map<String, Map<UUID, String>> names;
        try {
            names = creatio.lookupNames(lane == null ? Lane.BULK : lane, ids);
        } catch (RuntimeException e) {
            Log.debugf("Lookup names left out: %s", e.getMessage());
            return handled;
        }
        List<RecordSync.Handled> out = new ArrayList<>(handled.size());
        for (RecordSync.Handled h : handled) {
            List<Envelope<Mismatch>> mismatches = new ArrayList<>();
            for (Envelope<Mismatch> m : h.mismatches()) {
                Mismatch p = m.payload();
                String set = lookupOf(config, p.entity(), p.field());
                mismatches.add(set == null ? m : m.withPayload(p.withValueNames(
                        namesOf(names.get(set), p.baseValue(), p.niaValue(), p.creatioValue(), p.decidedValue()))));
            }
            SyncResult r = h.result().payload();
            Map<String, String> changeNames = new LinkedHashMap<>();
            for (FieldChange c : r.changes() == null ? List.<FieldChange>of() : r.changes()) {
                String set = lookupOf(config, r.entity(), c.field());
                if (set != null) {
                    changeNames.putAll(namesOf(names.get(set), c.from(), c.to()));
                }
            }
            Envelope<SyncResult> result = changeNames.isEmpty() ? h.result() : h.result().withPayload(r.withValueNames(changeNames));
            out.add(new RecordSync.Handled(h.command(), result, mismatches, h.deadLetterReason(), h.retryAfterSeconds()));
        }
        return out;
    }

    private static String lookupOf(CreatioConfiguration config, EntityKey entity, String column) {
        if (entity == null || column == null) {
            return null;
        }
        return config.mapping(entity.entityType()).map(m -> FieldMapper.lookups(m).get(column)).orElse(null);
    }

    private static void collect(Map<String, Set<UUID>> wanted, String set, Object... values) {
        for (Object value : values) {
            UUID id = LookupValue.idOf(value);
            if (id != null) {
                wanted.computeIfAbsent(set, s -> new LinkedHashSet<>()).add(id);
            }
        }
    }

    /** Id → name for the ids among {@code values} (null names where unresolved). */
    private static Map<String, String> namesOf(Map<UUID, String> names, Object... values) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object value : values) {
            UUID id = LookupValue.idOf(value);
            if (id != null) {
                out.put(id.toString(), names == null ? null : names.get(id));
            }
        }
        return out;
    }
}
