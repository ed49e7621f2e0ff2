package com.nia.crmsync.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.PullPage;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.pull.PullPaging;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.PulledPage;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.worker.gateway.GatewayException;

class PullPagerTests {

    private static final CreatioConfiguration CONFIG = DefaultConfiguration.create();
    private static final String SAME = "2026-11-28T01:00:00.1234567Z";

    private final FakeCreatio creatio = new FakeCreatio();
    private final PullPager pager = new PullPager(creatio);

    private SyncResult page(Instant since, int top, int skip) {
        SyncCommand cmd = SyncCommand.builder(PullPaging.pullKey(EntityType.LEAD), Operation.PULL_PAGE, Lane.BULK, 1)
                .pullPage(new PullPage("Lead", since, top, skip)).build();
        Envelope<Command> envelope = Envelope.command(cmd, cmd.commandId());
        return pager.run(envelope, CONFIG, "test").result().payload();
    }

    private UUID lead(String email, String modifiedOn) {
        UUID id = UUID.randomUUID();
        creatio.put("Lead", id, Map.of("LeadName", "L " + email, "Email", email));
        creatio.modifiedOn("Lead", id, modifiedOn);
        return id;
    }

    @Test
    void aPageCarriesTheChangedRecordsWithTheirSeventhFractionalDigitInOneCall() {
        UUID id = lead("ada@creatio.example", SAME);
        lead("old@creatio.example", "2026-11-27T00:00:00Z");

        SyncResult result = page(Instant.parse("2026-11-28T00:00:00Z"), 10, 0);

        assertThat(result.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(result.pulledPage().records()).extracting(PulledPage.Record::id).containsExactly(id);
        assertThat(result.pulledPage().records().get(0).modifiedOn()).isEqualTo(Instant.parse(SAME));
        assertThat(result.pulledPage().records().get(0).values()).containsEntry("Email", "ada@creatio.example")
                .doesNotContainKey("ModifiedOn");
        assertThat(result.pulledPage().mayHaveMore()).isFalse();
        assertThat(creatio.calls).containsExactly("changes Lead");
    }

    @Test
    void thirtyRecordsSharingOneModifiedOnArriveExactlyOnceInPagesOfTen() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(lead("p" + i + "@creatio.example", SAME));
        }
        ids.add(lead("q@creatio.example", "2026-11-28T01:00:00.1234568Z"));

        List<UUID> read = new ArrayList<>();
        PullPaging.Cursor cursor = new PullPaging.Cursor(Instant.EPOCH, 0);
        while (true) {
            PulledPage p = page(cursor.since(), 10, cursor.skip()).pulledPage();
            p.records().forEach(r -> read.add(r.id()));
            cursor = PullPaging.next(cursor.since(), cursor.skip(), p.records().stream().map(PulledPage.Record::modifiedOn).toList());
            if (!p.mayHaveMore()) {
                break;
            }
        }

        assertThat(read).hasSize(31).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(creatio.count("changes")).isEqualTo(4);
    }

    @Test
    void aPageTooLargeForOneMessageAnswersTheRecordsThatFitAndTheCursorFetchesTheRest() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(lead("big" + i + "@creatio.example", SAME));
        }
        PullPager small = new PullPager(creatio, 1_000);

        List<UUID> read = new ArrayList<>();
        PullPaging.Cursor cursor = new PullPaging.Cursor(Instant.EPOCH, 0);
        int pages = 0;
        while (true) {
            SyncCommand cmd = SyncCommand.builder(PullPaging.pullKey(EntityType.LEAD), Operation.PULL_PAGE, Lane.BULK, 1)
                    .pullPage(new PullPage("Lead", cursor.since(), 100, cursor.skip())).build();
            PulledPage p = small.run(Envelope.command(cmd, cmd.commandId()), CONFIG, "test").result().payload().pulledPage();
            pages++;
            assertThat(p.records().size()).isLessThan(12);
            p.records().forEach(r -> read.add(r.id()));
            cursor = PullPaging.next(cursor.since(), cursor.skip(), p.records().stream().map(PulledPage.Record::modifiedOn).toList());
            if (!p.mayHaveMore()) {
                break;
            }
        }

        assertThat(read).hasSize(12).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
        assertThat(pages).isGreaterThan(1);
    }

    @Test
    void aGatewayFailureIsAnsweredAsRetryableWithNoRecords() {
        creatio.failNext = new GatewayException(503, "CREATIO_UNAVAILABLE", 503, null, "down");

        SyncResult result = page(Instant.EPOCH, 10, 0);

        assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
        assertThat(result.pulledPage()).isNull();
    }
}
