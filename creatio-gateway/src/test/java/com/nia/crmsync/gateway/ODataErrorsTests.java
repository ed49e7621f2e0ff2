package com.nia.crmsync.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.gateway.client.ODataErrors;
import com.nia.crmsync.gateway.failure.CreatioException;
import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.gateway.failure.Sanitizer;

/** Creatio's error answers become stable codes with the most specific, sanitised message. */
class ODataErrorsTests {

    @Test
    void takesTheInnerErrorMessageOfCreatiosEnvelope() {
        CreatioException e = ODataErrors.of(400, "application/json",
                "{\"error\":{\"code\":\"\",\"message\":\"The request is invalid.\",\"innererror\":{\"message\":\"item : Cannot convert the literal 'Canada' to the expected type 'Edm.Guid'.\\r\\n\",\"type\":\"\",\"stacktrace\":\"\"}}}",
                null);
        assertThat(e.code()).isEqualTo(ErrorCode.CREATIO_REJECTED);
        assertThat(e.creatioStatus()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("item : Cannot convert the literal 'Canada' to the expected type 'Edm.Guid'.");
        assertThat(e.isTransient()).isFalse();
    }

    @Test
    void prefersTheInternalExceptionMessage() {
        CreatioException e = ODataErrors.of(500, "application/json",
                "{\"error\":{\"message\":\"An error has occurred.\",\"innererror\":{\"message\":\"The 'ObjectContent`1' type failed\",\"internalexception\":{\"message\":\"Request processing terminated because it reached the RAM consumption limit of 2000 MB.\"}}}}",
                null);
        assertThat(e.code()).isEqualTo(ErrorCode.CREATIO_SERVER_ERROR);
        assertThat(e.getMessage()).startsWith("Request processing terminated because it reached the RAM consumption limit");
        assertThat(e.isTransient()).isTrue();
    }

    @Test
    void aValueTooLongForItsColumnIsARejectionNotATransientServerError() {
        CreatioException e = ODataErrors.of(500, "application/json",
                "{\"error\":{\"code\":\"\",\"message\":\"An error has occurred.\",\"innererror\":{\"message\":"
                        + "\"String or binary data would be truncated in table 'dbo.Contact', column 'Email'.\"}}}",
                null);
        assertThat(e.code()).isEqualTo(ErrorCode.CREATIO_REJECTED);
        assertThat(e.getMessage()).contains("column 'Email'");
        assertThat(e.isTransient()).isFalse();
        assertThat(ODataErrors.of(500, "application/json",
                "{\"error\":{\"message\":\"An error has occurred.\",\"innererror\":{\"message\":"
                        + "\"22001: value too long for type character varying(250)\"}}}", null).code())
                .isEqualTo(ErrorCode.CREATIO_REJECTED);
    }

    @Test
    void aDuplicateKeyIsAConflictMeaningAlreadyExistsNotATransientServerError() {
        CreatioException postgres = ODataErrors.of(500, "application/json",
                "{\"error\":{\"code\":\"\",\"message\":\"An error has occurred.\",\"innererror\":{\"message\":"
                        + "\"23505: duplicate key value violates unique constraint \\\"PKActivityId\\\"\"}}}",
                null);
        assertThat(postgres.code()).isEqualTo(ErrorCode.CREATIO_CONFLICT);
        assertThat(postgres.creatioStatus()).isEqualTo(500);
        assertThat(postgres.isTransient()).isFalse();
        assertThat(ODataErrors.of(500, "application/json",
                "{\"error\":{\"message\":\"An error has occurred.\",\"innererror\":{\"message\":"
                        + "\"Violation of PRIMARY KEY constraint 'PKActivity'. Cannot insert duplicate key in object 'dbo.Activity'.\"}}}",
                null).code()).isEqualTo(ErrorCode.CREATIO_CONFLICT);
        assertThat(ODataErrors.of(500, "application/json",
                "{\"error\":{\"message\":\"An error has occurred.\",\"innererror\":{\"message\":\"Timeout expired\"}}}",
                null).code()).isEqualTo(ErrorCode.CREATIO_SERVER_ERROR);
    }

    @Test
    void recognisesTheNoODataPermissionHtmlPage() {
        CreatioException e = ODataErrors.of(403, "text/html; charset=utf-8", "<html><body>Access denied</body></html>", null);
        assertThat(e.code()).isEqualTo(ErrorCode.CREATIO_NO_ODATA_PERMISSION);
        assertThat(e.getMessage()).contains("Access to OData").doesNotContain("<html>");
    }

    @Test
    void treatsLoadBalancerPagesAndThrottlingAsTransientWithRetryAfter() {
        CreatioException unavailable = ODataErrors.of(503, "text/html", "<html>Service Unavailable</html>", null);
        assertThat(unavailable.code()).isEqualTo(ErrorCode.CREATIO_UNAVAILABLE);
        assertThat(unavailable.isTransient()).isTrue();
        CreatioException throttled = ODataErrors.of(429, "application/json", "", "7");
        assertThat(throttled.code()).isEqualTo(ErrorCode.CREATIO_THROTTLED);
        assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void masksTokensSecretsAndBearerHeadersInAnyMessage() {
        Sanitizer.mask("s3cr3t-value-123");
        String cleaned = Sanitizer.clean("client_secret=s3cr3t-value-123&x=1 Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln and s3cr3t-value-123");
        assertThat(cleaned).doesNotContain("s3cr3t-value-123").doesNotContain("eyJhbGciOiJSUzI1NiJ9");
    }
}
