package com.nia.crmsync.syncapi.deadletters;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;

import com.nia.crmsync.messaging.inbox.ProcessedMessages;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.CreatioSyncRepository;
import com.nia.crmsync.syncapi.records.SyncStatus;
import com.nia.crmsync.syncapi.results.ResultApplier;

/**
 * A replayed sync command puts its record back in flight. The worker dead-lettered the command's
 * last attempt and the record went {@code failed} with no command in flight, so without this the
 * replayed command's result would be ignored ("not the command in flight"): a success would leave
 * the record {@code failed}, and a refusal that passes later (an open breaker, a spent budget)
 * would be lost. With it (and the dead-lettered attempt's result forgotten in the processed-message
 * inbox, since the replay's result has the same event id), the result is applied as any other: {@code synced}, failed again (and
 * dead-lettered again, its attempt counted up), or planned again as a fresh command.
 *
 * <p>Only a record that is still {@code failed} with nothing in flight is touched: when NIA changed it
 * since (a newer command is in flight, or it synced), the replayed command is an old one, and its result
 * is ignored as before.
 */
@ApplicationScoped
public class ReplayedCommands {

    private final CreatioSyncRepository syncs;
    private final ProcessedMessages processed;

    public ReplayedCommands(CreatioSyncRepository syncs, ProcessedMessages processed) {
        this.syncs = syncs;
        this.processed = processed;
    }

    /** Puts the record of a replayed sync command back in flight, if the dead letter is one and its record waits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void backInFlight(DeadLetter letter, Instant now) {
        Optional<SyncCommand> command = syncCommand(letter);
        if (command.isEmpty() || command.get().dryRun()) {
            return;
        }
        SyncCommand c = command.get();
        CreatioSync row = syncs.find("entityType = ?1 and localId = ?2", c.entity().entityType().wire(), c.entity().localId())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (row == null || row.syncStatus() != SyncStatus.FAILED || row.pendingCommandId != null) {
            return;
        }
        row.syncStatus(SyncStatus.IN_PROGRESS);
        row.pendingCommandId = c.commandId();
        row.attempt = c.attempt();
        row.nextRetryAt = null;
        row.deadLetteredAt = null;
        row.updatedAt = now;
        // the replayed attempt answers with the event id of the dead-lettered attempt's result, which was applied
        processed.forget(ResultApplier.CONSUMER, Ids.resultEventId(c.commandId(), c.attempt()));
        Log.infof("Dead letter %s replayed: %s is in flight again with command %s", letter.id(), c.entity().kafkaKey(), c.commandId());
    }

    static Optional<SyncCommand> syncCommand(DeadLetter letter) {
        if (!Topics.COMMANDS_REALTIME.equals(letter.originTopic()) && !Topics.COMMANDS_BULK.equals(letter.originTopic())) {
            return Optional.empty();
        }
        try {
            Envelope<Command> envelope = Json.readEnvelope(letter.text().orElse(""), Command.class);
            return envelope.payload() instanceof SyncCommand sync ? Optional.of(sync) : Optional.empty();
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
