package com.nia.crmsync.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.ReconcilePage;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.worker.gateway.GatewayException;

/** The worker's part of the id reconciliation: pages of ids only, and checks of given ids, over an in-memory Creatio. */
class ReconcilerTests {

    private static final CreatioConfiguration CONFIG = DefaultConfiguration.create();

    private final FakeCreatio creatio = new FakeCreatio();
    private final Reconciler reconciler = new Reconciler(creatio);

    private SyncResult run(ReconcilePage page) {
        SyncCommand cmd = SyncCommand.builder(ReconcilePage.key(EntityType.LEAD), Operation.RECONCILE, Lane.BULK, 1)
                .reconcile(page).build();
        Envelope<Command> envelope = Envelope.command(cmd, cmd.commandId());
        return reconciler.run(envelope, CONFIG, "test").result().payload();
    }

    private UUID lead(int i) {
        UUID id = UUID.randomUUID();
        creatio.put("Lead", id, Map.of("LeadName", "L" + i, "Email", "l" + i + "@creatio.example"));
        return id;
    }

    @Test
    void pagesOfIdsOnlyCoverEveryRecordOnceWithOneCallAPage() {
        List<UUID> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            all.add(lead(i));
        }
        List<UUID> read = new ArrayList<>();
        int skip = 0;
        while (true) {
            SyncResult r = run(new ReconcilePage("Lead", 10, skip, null));
            assertThat(r.outcome()).isEqualTo(Outcome.NO_CHANGE);
            read.addAll(r.reconciled().ids());
            skip += r.reconciled().ids().size();
            if (!r.reconciled().mayHaveMore()) {
                break;
            }
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(all).doesNotHaveDuplicates();
        assertThat(creatio.calls).containsExactly("changes Lead", "changes Lead", "changes Lead");
    }

    @Test
    void aCheckAnswersWhichIdsCreatioStillHasInOneRead() {
        UUID kept = lead(1);
        UUID deleted = lead(2);
        creatio.sets.get("Lead").remove(deleted);

        SyncResult r = run(new ReconcilePage("Lead", 0, 0, List.of(kept, deleted)));

        assertThat(r.reconciled().ids()).containsExactly(kept);
        assertThat(r.reconciled().missing()).containsExactly(deleted);
        assertThat(creatio.calls).containsExactly("read Lead");
    }

    @Test
    void aGatewayFailureIsRetryableAndCarriesNoIds() {
        creatio.failNext = new GatewayException(503, "CREATIO_UNAVAILABLE", 503, null, "down");

        SyncResult r = run(new ReconcilePage("Lead", 10, 0, null));

        assertThat(r.outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
        assertThat(r.reconciled()).isNull();
    }
}
