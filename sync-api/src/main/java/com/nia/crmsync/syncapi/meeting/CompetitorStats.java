package com.nia.crmsync.syncapi.meeting;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

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
    public PageView<CompetitorReports.Mention> mentions(Filters f, int page, int size) {
        return new PageView<>(mentions.mentions(f, page, size), page, size, mentions.countMentions(f));
    }

    @Transactional
    public PageView<CompetitorReports.ByCompetitor> byCompetitor(Filters f, int page, int size) {
        return new PageView<>(mentions.byCompetitor(f, page, size), page, size, mentions.countCompetitors(f));
    }

    @Transactional
    public PageView<CompetitorReports.ByLead> byLead(Filters f, int page, int size) {
        return new PageView<>(mentions.byLead(f, page, size), page, size, mentions.countByLead(f));
    }

    /** Counts per period ({@link #PERIODS}, UTC) and competitor, oldest period first. */
    @Transactional
    public PageView<CompetitorReports.OverTime> overTime(String period, Filters f, int page, int size) {
        return new PageView<>(mentions.overTime(period, f, page, size), page, size, mentions.countOverTime(period, f));
    }
}
