package com.nia.crmsync.systemtest;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

import com.nia.crmsync.testkit.TestKafka;

/**
 * What every sync system test shares: the stack's sync path, a reader of its broker, a marker that
 * keeps this test's records apart from every other test's, and no simulator fault left behind.
 */
@ExtendWith(LogsOnFailure.class)
abstract class SyncSystemTest {

    protected final SyncPath sync = new SyncPath(SystemStack.get());
    protected final TestKafka kafka = new TestKafka(sync.stack.kafka().bootstrapServers());
    protected final String marker = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void noFaultsLeft() {
        sync.clearFaults();
    }
}
