package com.nia.crmsync.worker.sync;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.PullPage;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.gateway.PageResponse;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.model.result.Action;
import com.nia.crmsync.model.result.CallSummary;
import com.nia.crmsync.model.result.Failure;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.PulledPage;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.worker.gateway.CreatioPort;
import com.nia.crmsync.worker.gateway.GatewayException;

/**
 * Carries out a {@code pull_page} command: one gateway call reads one page of an entity set's
 * Creatio changes ({@code ModifiedOn ge since}, {@code $orderby ModifiedOn,Id}, {@code $top}/
 * {@code $skip}) and the result carries the page's records, with their {@code ModifiedOn} at
 * Creatio's full precision, back to {@code sync-api}, which plans the merge of each. Nothing is
 * written; the worker keeps no cursor (the command says where the page starts). A page whose
 * records would not fit in one Kafka message (1 MB by default) is answered with the records that fit
 * and {@code mayHaveMore}: the cursor moves by the records returned, so nothing is lost.
 */
@ApplicationScoped
public class PullPager {

    /** Leaves room below Kafka's default 1 MB message limit for the envelope and the rest of the result. */
    static final int DEFAULT_MAX_RECORD_BYTES = 900_000;

    private final CreatioPort creatio;
    private final int maxRecordBytes;

    @Inject
    public PullPager(CreatioPort creatio,
            @ConfigProperty(name = "sync-worker.pull.max-record-bytes", defaultValue = "900000") int maxRecordBytes) {
        this.creatio = creatio;
        this.maxRecordBytes = maxRecordBytes;
    }

    PullPager(CreatioPort creatio) {
        this(creatio, DEFAULT_MAX_RECORD_BYTES);
    }

    /** Reads the page and answers; a gateway failure is answered as retryable (sync-api asks again). */
    public RecordSync.Handled run(Envelope<Command> envelope, CreatioConfiguration config, String handledBy) {
        SyncCommand c = (SyncCommand) envelope.payload();
        PullPage page = c.pullPage();
        Optional<EntityMapping> mapping = config.mapping(c.entity().entityType());
        if (page == null || mapping.isEmpty()) {
            Failure f = new Failure(Failure.Category.CONFIGURATION, page == null ? "a pull_page command needs its page"
                    : "no mapping for entity type " + c.entity().entityType().wire(), null, null);
            return answer(envelope, SyncResult.answering(c, Outcome.FAILED, handledBy).failure(f).build());
        }
        int top = Math.min(Math.max(1, page.top()), CreatioConfiguration.MAX_PAGE_ROWS);
        String set = page.entitySet() != null ? page.entitySet() : mapping.get().entitySet();
        long start = System.nanoTime();
        PageResponse response;
        try {
            response = creatio.changes(c.lane(), set, page.since(), top, page.skip(), select(mapping.get()));
        } catch (GatewayException e) {
            CallSummary call = new CallSummary("GET " + set + " (changes)", e.status(), (System.nanoTime() - start) / 1_000_000, null);
            Outcome outcome = e.failure().category() == Failure.Category.VALIDATION
                    || e.failure().category() == Failure.Category.CONFIGURATION
                    || e.failure().category() == Failure.Category.PERMANENT ? Outcome.FAILED : Outcome.RETRYABLE_FAILURE;
            return answer(envelope, SyncResult.answering(c, outcome, handledBy).failure(e.failure()).calls(List.of(call)).build());
        }
        CallSummary call = new CallSummary("GET " + set + " (changes)", 200, (System.nanoTime() - start) / 1_000_000, null);
        List<PulledPage.Record> records = new ArrayList<>();
        long bytes = 0;
        boolean cut = false;
        for (Map<String, Object> r : response.records()) {
            Map<String, Object> values = new TreeMap<>(CanonicalValues.canonical(r));
            values.remove("ModifiedOn");
            PulledPage.Record record = new PulledPage.Record(UUID.fromString(String.valueOf(r.get("Id"))),
                    modifiedOn(r.get("ModifiedOn")), values);
            bytes += Json.writeBytes(record).length + 1;
            if (bytes > maxRecordBytes && !records.isEmpty()) {
                // a result must fit in one Kafka message: answer with the records that fit; sync-api's cursor
                // continues after the last one returned, so the rest come with the next page
                cut = true;
                break;
            }
            records.add(record);
        }
        PulledPage pulled = new PulledPage(page.since(), top, page.skip(),
                cut || response.mayHaveMore() || records.size() >= top, records);
        SyncResult result = SyncResult.answering(c, records.isEmpty() ? Outcome.NO_CHANGE : Outcome.SYNCED, handledBy)
                .action(Action.NO_OP).calls(List.of(call)).pulledPage(pulled).build();
        return answer(envelope, result);
    }

    /** The columns a page reads: the ids and times, the mapped columns and the link columns. */
    static List<String> select(EntityMapping mapping) {
        Set<String> select = new LinkedHashSet<>(List.of("Id", "ModifiedOn"));
        mapping.fields().forEach(f -> select.add(f.creatioColumn()));
        if (mapping.linkBy() != null) {
            addIfPresent(select, mapping.linkBy().emailColumn());
            addIfPresent(select, mapping.linkBy().niaIdColumn());
        }
        addIfPresent(select, mapping.deactivateColumn());
        return List.copyOf(select);
    }

    /** Creatio's {@code ModifiedOn} with all its digits (7 fractional); a value without an offset is UTC. */
    static Instant modifiedOn(Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Instant i) {
            return i;
        }
        String s = raw.toString();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        }
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null && !value.isBlank()) {
            set.add(value);
        }
    }

    private static RecordSync.Handled answer(Envelope<Command> envelope, SyncResult result) {
        return new RecordSync.Handled(envelope, Envelope.result(envelope, result), List.of(), null, null);
    }
}
