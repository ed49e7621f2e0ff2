package com.nia.crmsync.model.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.result.Failure;

/** The one reader of the gateway's problem+json answers. */
class GatewayErrorDecoderTests {

    @Test
    void readsTheProblemDocumentsCodeCreatioStatusDetailAndWait() {
        String body = """
                {"type":"urn:nia:creatio-gateway:creatio-unavailable","title":"Creatio call failed","status":503,
                 "detail":"Creatio answered 503","code":"CREATIO_UNAVAILABLE","creatioStatus":503,"retryAfterSeconds":7,"other":1}""";

        GatewayError error = GatewayErrorDecoder.decode(503, body, "30");

        assertThat(error).isEqualTo(new GatewayError(503, "CREATIO_UNAVAILABLE", 503, 7L, "Creatio answered 503"));
        assertThat(error.category()).isEqualTo(Failure.Category.TRANSIENT);
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void withoutADocumentKeepsTheStatusAndTheRetryAfterHeader() {
        GatewayError error = GatewayErrorDecoder.decode(502, "<html>bad gateway</html>", " 12 ");

        assertThat(error).isEqualTo(new GatewayError(502, "HTTP_502", null, 12L, "HTTP 502"));
        assertThat(error.retryable()).isTrue();
    }

    @Test
    void aRefusedTokenWithoutADocumentIsAConfigurationFailure() {
        GatewayError error = GatewayErrorDecoder.decode(401, null, "Wed, 21 Oct 2015 07:28:00 GMT");

        assertThat(error.code()).isEqualTo(GatewayError.REFUSED_CREDENTIALS);
        assertThat(error.retryAfterSeconds()).isNull();
        assertThat(error.category()).isEqualTo(Failure.Category.CONFIGURATION);
        assertThat(error.retryable()).isFalse();
    }

    @Test
    void aBudgetRefusalOrAnOpenBreakerWaitsWithoutSpendingAnAttempt() {
        assertThat(GatewayError.category("BUDGET_EXHAUSTED", 429)).isEqualTo(Failure.Category.BUDGET_EXHAUSTED);
        assertThat(GatewayError.category("CREATIO_CIRCUIT_OPEN", 503)).isEqualTo(Failure.Category.BUDGET_EXHAUSTED);
        assertThat(GatewayError.category("CREATIO_REJECTED", 400)).isEqualTo(Failure.Category.VALIDATION);
        assertThat(GatewayError.category("CREATIO_NOT_FOUND", 404)).isEqualTo(Failure.Category.PERMANENT);
        assertThat(GatewayError.category(GatewayError.UNREACHABLE, 0)).isEqualTo(Failure.Category.TRANSIENT);
    }
}
