package com.nia.crmsync.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.model.gateway.GatewayStatus;

/**
 * Reachability as the status reports it to sync-api's alerts: a failure for want of an answer starts a streak that
 * only an answer ends; a refusal is an answer.
 */
class CreatioReachabilityTests {

    @Test
    void anUnansweredCallStartsAStreakThatFurtherFailuresKeepAndAnAnswerEnds() {
        CreatioReachability reachability = new CreatioReachability();
        assertThat(reachability.snapshot().unreachableSince()).isNull();

        reachability.failed(ErrorCode.CREATIO_UNAVAILABLE);
        GatewayStatus.Reachability first = reachability.snapshot();
        assertThat(first.unreachableSince()).isNotNull();
        assertThat(first.lastFailureCode()).isEqualTo("CREATIO_UNAVAILABLE");

        reachability.failed(ErrorCode.CREATIO_TIMEOUT);
        assertThat(reachability.snapshot().unreachableSince()).as("the streak's start").isEqualTo(first.unreachableSince());
        assertThat(reachability.snapshot().lastFailureCode()).isEqualTo("CREATIO_TIMEOUT");

        reachability.answered();
        assertThat(reachability.snapshot().unreachableSince()).isNull();
        assertThat(reachability.snapshot().lastAnswerAt()).isNotNull();
    }

    @Test
    void aRefusalIsAnAnswerNotAnOutage() {
        CreatioReachability reachability = new CreatioReachability();
        reachability.failed(ErrorCode.IDENTITY_UNAVAILABLE);

        reachability.failed(ErrorCode.CREATIO_REJECTED);

        assertThat(reachability.snapshot().unreachableSince()).isNull();
        assertThat(reachability.snapshot().lastAnswerAt()).isNotNull();
    }
}
