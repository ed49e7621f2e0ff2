package com.nia.crmsync.syncapi.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;

/** The sync-log line's summary carries the worker's notes (a truncated value), and no key for a result without any. */
class SyncLogSummaryTests {

    private static final SyncCommand COMMAND = SyncCommand.probe(EntityKey.local(EntityType.MEETING, UUID.randomUUID()),
            Lane.REALTIME, 1, 0L);

    @Test
    void aTruncatedValueIsNotedInTheSyncLogLine() {
        String note = "Activity.Title truncated from 500000 to 500 characters (column size 500, overflow rule truncate)";
        SyncResult result = SyncResult.answering(COMMAND, Outcome.SYNCED, "worker-1").notes(List.of(note)).build();

        assertThat(SyncLogWriter.summary(result, List.of())).containsEntry("notes", List.of(note));
        assertThat(SyncLogWriter.summary(SyncResult.answering(COMMAND, Outcome.SYNCED, "worker-1").build(), List.of()))
                .doesNotContainKey("notes");
    }
}
