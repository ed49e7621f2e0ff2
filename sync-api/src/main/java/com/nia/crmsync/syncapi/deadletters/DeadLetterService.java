package com.nia.crmsync.syncapi.deadletters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.nia.crmsync.messaging.outbox.Outbox;
import com.nia.crmsync.messaging.outbox.OutboxConfig;
import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.web.list.PageView;
import com.nia.crmsync.web.list.QueryParams;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;

/**
 * The dead-letter topic for operators: lists it (newest first, filtered by origin topic, part of the reason and
 * time), shows one dead letter, and replays dead letters to their origin topics.
 *
 * <p>A replay goes through this service's outbox: the record (original key, value and headers, the
 * {@code dead-letter-*} headers dropped and {@link DeadLetterHeaders#REPLAY_ATTEMPT} set to the dead letter's
 * attempt), the {@code dead_letter_replay} row that makes a second replay of it a skip, and the audit entry are
 * committed in one transaction, then the outbox relay publishes the record. So a replay is recorded if and only
 * if it will be published, and an unrecorded one is never published. A replayed sync command also puts its
 * record back in flight in the same transaction ({@link ReplayedCommands}), so its result is applied.
 */
@ApplicationScoped
public class DeadLetterService {

    /** The largest page. */
    public static final int MAX_SIZE = 500;
    /** The page size when none is asked for. */
    public static final int DEFAULT_SIZE = 50;

    static final String ALREADY_REPLAYED = "already replayed";

    private static final Comparator<DeadLetter> NEWEST_FIRST = Comparator.comparing(DeadLetter::deadLetteredAt).reversed()
            .thenComparing(d -> d.id().partition())
            .thenComparing(Comparator.comparingLong((DeadLetter d) -> d.id().offset()).reversed());

    private final DeadLetterReader reader;
    private final DeadLetterReplayRepository replays;
    private final Outbox outbox;
    private final ReplayedCommands replayedCommands;
    private final Optional<Set<String>> replayable;

    public DeadLetterService(DeadLetterReader reader, DeadLetterReplayRepository replays, Outbox outbox, OutboxConfig outboxConfig,
            ReplayedCommands replayedCommands) {
        this.replayedCommands = replayedCommands;
        this.reader = reader;
        this.replays = replays;
        this.outbox = outbox;
        this.replayable = outboxConfig.topics();
    }

    /** The filters as the query string gave them (null when absent). */
    public record Filters(String topic, String reason, String since, String page, String size) {
    }

    /** One page (from 0, like every list of the API) of the dead letters the filters select, newest first; a bad filter is a 400 naming it. */
    public PageView<DeadLetterView.Item> list(Filters f) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant since = QueryParams.instant(f.since(), "since", errors);
        int page = QueryParams.integer(f.page(), "page", 0, 0, Integer.MAX_VALUE, errors);
        int size = QueryParams.integer(f.size(), "size", DEFAULT_SIZE, 1, MAX_SIZE, errors);
        QueryParams.check(errors);
        List<DeadLetter> selected = select(f.topic(), f.reason(), since);
        long from = (long) page * size;
        List<DeadLetter> onPage = from >= selected.size() ? List.of()
                : selected.subList((int) from, (int) Math.min(selected.size(), from + size));
        Map<String, Instant> replayedAt = replays.replayedAt(onPage.stream().map(d -> d.id().toString()).toList());
        return new PageView<>(onPage.stream().map(d -> DeadLetterView.Item.of(d, replayedAt.get(d.id().toString()))).toList(),
                page, size, selected.size());
    }

    /** One dead letter whole; 404 when the topic holds none at the id. */
    public DeadLetterView.Detail show(DeadLetterId id) {
        DeadLetter d = reader.read(id).orElseThrow(() -> new ProblemException(404, "Not found",
                "No dead letter " + id + " on the dead-letter topic", List.of(new Problem.FieldError("id", "no such dead letter"))));
        return DeadLetterView.Detail.of(d, replays.replayedAt(List.of(id.toString())).get(id.toString()));
    }

    /**
     * Replays the selected dead letters (skipping those replayed before, or that cannot be replayed), or in a
     * dry run says what it would do. Runs in the caller's transaction, which also holds the audit entry; a refused
     * request leaves it to the caller (its audit entry is written before the caller rolls back).
     */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ProblemException.class)
    public ReplayView replay(ReplayRequest request, String actor, String correlationId) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw invalid(List.of(new Problem.FieldError("/", "name the dead letters: ids, or a filter of topic, reason and since")));
        }
        List<String> ids = request.ids() == null ? List.of() : request.ids();
        boolean filtered = present(request.topic()) || present(request.reason()) || present(request.since());
        if (ids.isEmpty() && !filtered) {
            errors.add(new Problem.FieldError("/", "name the dead letters: ids, or at least one of topic, reason and since"));
        }
        if (!ids.isEmpty() && filtered) {
            errors.add(new Problem.FieldError("/", "name the dead letters by ids or by a filter, not both"));
        }
        List<DeadLetterId> parsed = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Optional<DeadLetterId> id = DeadLetterId.parse(ids.get(i));
            if (id.isEmpty()) {
                errors.add(new Problem.FieldError("/ids/" + i, "must be <partition>:<offset>, e.g. 2:17"));
            } else if (!parsed.contains(id.get())) {
                parsed.add(id.get());
            }
        }
        Instant since = null;
        if (present(request.since())) {
            List<Problem.FieldError> sinceErrors = new ArrayList<>();
            since = QueryParams.instant(request.since(), "/since", sinceErrors);
            errors.addAll(sinceErrors);
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        List<ReplayView.Replayed> replayed = new ArrayList<>();
        List<ReplayView.Skipped> skipped = new ArrayList<>();
        List<DeadLetter> letters;
        if (ids.isEmpty()) {
            letters = new ArrayList<>(select(request.topic(), request.reason(), since));
            // oldest first: replayed records of one key reach their topic in the order they were dead-lettered
            Collections.reverse(letters);
        } else {
            Map<DeadLetterId, DeadLetter> found = new LinkedHashMap<>();
            reader.readAll(parsed).forEach(d -> found.put(d.id(), d));
            letters = new ArrayList<>();
            for (DeadLetterId id : parsed) {
                if (found.containsKey(id)) {
                    letters.add(found.get(id));
                } else {
                    skipped.add(new ReplayView.Skipped(id.toString(), "no such dead letter"));
                }
            }
        }
        Map<String, Instant> before = replays.replayedAt(letters.stream().map(d -> d.id().toString()).toList());
        Instant now = Instant.now();
        for (DeadLetter d : letters) {
            String id = d.id().toString();
            Optional<String> refusal = before.containsKey(id) ? Optional.of(ALREADY_REPLAYED) : refusal(d);
            if (refusal.isEmpty() && !dryRun && !replays.recordOnce(row(d, actor, now, correlationId))) {
                refusal = Optional.of(ALREADY_REPLAYED);
            }
            if (refusal.isPresent()) {
                skipped.add(new ReplayView.Skipped(id, refusal.get()));
                continue;
            }
            if (!dryRun) {
                outbox.enqueue(d.originTopic(), d.key(), d.text().orElseThrow(), replayedHeaders(d));
                replayedCommands.backInFlight(d, now);
            }
            replayed.add(new ReplayView.Replayed(id, d.originTopic(), d.key()));
        }
        return new ReplayView(dryRun, replayed, skipped);
    }

    /** Why a dead letter cannot be replayed through the outbox, if it cannot. */
    private Optional<String> refusal(DeadLetter d) {
        if (d.originTopic() == null || d.originTopic().isBlank()) {
            return Optional.of("no origin topic (header " + DeadLetterHeaders.ORIGIN_TOPIC + ")");
        }
        if (replayable.isPresent() && !replayable.get().contains(d.originTopic())) {
            return Optional.of("origin topic " + d.originTopic() + " is not one sync-api publishes (crm-sync.outbox.topics)");
        }
        if (d.key() == null || d.key().isBlank()) {
            return Optional.of("no key");
        }
        if (d.text().isEmpty()) {
            return Optional.of("the value is not UTF-8 text");
        }
        return Optional.empty();
    }

    private static DeadLetterReplay row(DeadLetter d, String actor, Instant now, String correlationId) {
        DeadLetterReplay row = new DeadLetterReplay();
        row.deadLetterId = d.id().toString();
        row.originTopic = d.originTopic();
        row.messageKey = d.key();
        row.replayAttempt = d.attempt();
        row.replayedBy = actor;
        row.replayedAt = now;
        row.correlationId = correlationId;
        return row;
    }

    /** The original record's headers: the dead letter's, without the dead-letter ones, with the replay attempt set. */
    static Map<String, String> replayedHeaders(DeadLetter d) {
        Map<String, String> headers = new LinkedHashMap<>();
        d.headers().forEach((name, value) -> {
            if (!name.startsWith("dead-letter-") && !DeadLetterHeaders.DEAD_LETTER_ATTEMPT.equals(name)
                    && !DeadLetterHeaders.REPLAY_ATTEMPT.equals(name)) {
                headers.put(name, value);
            }
        });
        headers.put(DeadLetterHeaders.REPLAY_ATTEMPT, Integer.toString(d.attempt()));
        return headers;
    }

    /** The scanned dead letters the filters select, newest first. */
    private List<DeadLetter> select(String topic, String reason, Instant since) {
        String part = present(reason) ? reason.strip().toLowerCase(Locale.ROOT) : null;
        return reader.scan(since).stream()
                .filter(d -> !present(topic) || topic.strip().equals(d.originTopic()))
                .filter(d -> part == null || (d.reason() != null && d.reason().toLowerCase(Locale.ROOT).contains(part)))
                .sorted(NEWEST_FIRST)
                .toList();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(400, "Invalid request", errors.size() + " problem(s) with the selection", errors);
    }
}
