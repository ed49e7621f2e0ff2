package com.nia.crmsync.model.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.entity.EntityType;

class PullPagingTests {

    private static final Instant T = Instant.parse("2026-11-28T01:00:00.1234567Z");

    @Test
    void aWatermarkIsTruncatedDownToTheMicrosecondSoTheSeventhDigitIsNeverSkipped() {
        Instant watermark = PullPaging.watermarkOf(T);

        assertThat(watermark).isEqualTo(Instant.parse("2026-11-28T01:00:00.123456Z"));
        // the next "ModifiedOn ge watermark" still includes the record at .1234567
        assertThat(T).isAfterOrEqualTo(watermark);
        assertThat(PullPaging.watermarkOf(Instant.parse("2026-11-28T01:00:00.1234569Z"))).isEqualTo(watermark);
    }

    @Test
    void aCycleStartsAnOverlapBeforeTheWatermarkAndAtTheEpochTheFirstTime() {
        Instant watermark = Instant.parse("2026-11-28T01:00:00.123456Z");

        assertThat(PullPaging.cycleStart(watermark, Duration.ofMinutes(2))).isEqualTo(Instant.parse("2026-11-28T00:58:00.123456Z"));
        assertThat(PullPaging.cycleStart(null, Duration.ofMinutes(2))).isEqualTo(Instant.EPOCH);
    }

    @Test
    void theWatermarkOnlyMovesForwardToThePagesLastRecordTruncated() {
        Instant watermark = Instant.parse("2026-11-28T02:00:00Z");

        assertThat(PullPaging.advance(watermark, List.of(T))).isEqualTo(watermark);
        assertThat(PullPaging.advance(null, List.of(Instant.parse("2026-11-28T01:00:00Z"), T)))
                .isEqualTo(Instant.parse("2026-11-28T01:00:00.123456Z"));
    }

    @Test
    void aPageSharingOneInstantWithTheCursorSkipsFurtherAtTheSameSince() {
        Instant since = PullPaging.watermarkOf(T);

        PullPaging.Cursor next = PullPaging.next(since, 10, List.of(T, T, T));

        assertThat(next).isEqualTo(new PullPaging.Cursor(since, 13));
    }

    @Test
    void aLaterPageStartsAtItsLastInstantSkippingOnlyTheRecordsAtThatInstant() {
        Instant a = Instant.parse("2026-11-28T01:00:00.0000001Z");
        Instant b = Instant.parse("2026-11-28T01:00:00.1234561Z");

        PullPaging.Cursor next = PullPaging.next(Instant.EPOCH, 0, List.of(a, b, T));

        // b and T differ only in the 7th digit: both sit at .123456 and both are skipped by count
        assertThat(next).isEqualTo(new PullPaging.Cursor(Instant.parse("2026-11-28T01:00:00.123456Z"), 2));
    }

    @Test
    void pagingThirtyRecordsOfOneInstantAndSeventhDigitNeighboursByTenReadsEachExactlyOnce() {
        List<Row> creatio = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            creatio.add(new Row(UUID.randomUUID(), T));
        }
        creatio.add(new Row(UUID.randomUUID(), Instant.parse("2026-11-28T01:00:00.1234561Z")));
        creatio.add(new Row(UUID.randomUUID(), Instant.parse("2026-11-28T01:00:00.1234562Z")));
        creatio.add(new Row(UUID.randomUUID(), Instant.parse("2026-11-28T01:00:05Z")));
        creatio.sort(Comparator.comparing(Row::modifiedOn).thenComparing(Row::id));

        List<UUID> read = new ArrayList<>();
        PullPaging.Cursor cursor = new PullPaging.Cursor(Instant.EPOCH, 0);
        int pages = 0;
        while (true) {
            Instant since = cursor.since();
            List<Row> page = creatio.stream().filter(r -> !r.modifiedOn().isBefore(since)).skip(cursor.skip()).limit(10).toList();
            pages++;
            page.forEach(r -> read.add(r.id()));
            cursor = PullPaging.next(cursor.since(), cursor.skip(), page.stream().map(Row::modifiedOn).toList());
            if (page.size() < 10) {
                break;
            }
        }

        assertThat(read).containsExactlyElementsOf(creatio.stream().map(Row::id).toList());
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void everyPageOfATypeSharesOneKey() {
        assertThat(PullPaging.pullKey(EntityType.LEAD)).isEqualTo(PullPaging.pullKey(EntityType.LEAD));
        assertThat(PullPaging.pullKey(EntityType.LEAD).kafkaKey()).isNotEqualTo(PullPaging.pullKey(EntityType.CONTACT).kafkaKey());
    }

    private record Row(UUID id, Instant modifiedOn) {
    }
}
