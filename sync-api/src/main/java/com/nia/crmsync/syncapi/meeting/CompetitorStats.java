package com.nia.crmsync.syncapi.meeting;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.nia.crmsync.syncapi.api.CompetitorView;
import com.nia.crmsync.web.list.PageView;

/**
 * Competitor mentions for {@code GET /api/v1/crm/competitors/}, counted by PostgreSQL
 * ({@link CompetitorMentionRepository}): the live (not deleted) mentions filtered by competitor,
 * lead and time, listed newest first or grouped by competitor, by lead and competitor, or by day,
 * week or month and competitor.
 */
@ApplicationScoped
public class CompetitorStats {

    /** The time groupings, as {@code date_trunc} units. */
    public static final Set<String> PERIODS = Set.of("day", "week", "month");

    /** The filters; each may be absent. {@code competitor} is matched on its key (trimmed, lower case). */
    public record Filters(String competitor, UUID leadId, Instant since, Instant until) {
    }

    private final CompetitorMentionRepository mentions;

    public CompetitorStats(CompetitorMentionRepository mentions) {
        this.mentions = mentions;
    }

    @Transactional
    public PageView<CompetitorView.Mention> mentions(Filters f, int page, int size) {
        var items = mentions.mentions(f, page, size).stream().map(m -> new CompetitorView.Mention(m.id(), m.meetingId(),
                m.competitor(), m.competitorKey(), m.context(), m.sentiment(), m.leadId(), m.mentionedAt())).toList();
        return new PageView<>(items, page, size, mentions.countMentions(f));
    }

    @Transactional
    public PageView<CompetitorView.ByCompetitor> byCompetitor(Filters f, int page, int size) {
        var items = mentions.byCompetitor(f, page, size).stream().map(c -> new CompetitorView.ByCompetitor(c.competitorKey(),
                c.competitor(), c.mentions(), c.meetings(), c.leads(), c.firstMentionedAt(), c.lastMentionedAt())).toList();
        return new PageView<>(items, page, size, mentions.countCompetitors(f));
    }

    @Transactional
    public PageView<CompetitorView.ByLead> byLead(Filters f, int page, int size) {
        var items = mentions.byLead(f, page, size).stream().map(l -> new CompetitorView.ByLead(l.leadId(), l.competitorKey(),
                l.competitor(), l.mentions(), l.firstMentionedAt(), l.lastMentionedAt())).toList();
        return new PageView<>(items, page, size, mentions.countByLead(f));
    }

    /** Counts per period ({@link #PERIODS}, UTC) and competitor, oldest period first. */
    @Transactional
    public PageView<CompetitorView.OverTime> overTime(String period, Filters f, int page, int size) {
        var items = mentions.overTime(period, f, page, size).stream().map(t -> new CompetitorView.OverTime(t.period(),
                t.competitorKey(), t.competitor(), t.mentions())).toList();
        return new PageView<>(items, page, size, mentions.countOverTime(period, f));
    }
}
