package com.nia.crmsync.syncapi.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Free text on its way into the sync log loses everything that looks like personal data. */
class SyncLogRedactorTests {

    @Test
    void masksEmailAddresses() {
        assertThat(SyncLogRedactor.redact("Duplicate Email ada.lovelace+crm@example.co.uk on Lead"))
                .isEqualTo("Duplicate Email [email] on Lead")
                .doesNotContain("ada");
    }

    @Test
    void masksPhoneNumbersButKeepsStatusesAndGuids() {
        String out = SyncLogRedactor.redact("HTTP 400 for MobilePhone +44 (20) 7946-0958 on 2f8b6c1e-3d4a-4b5c-8d9e-0a1b2c3d4e5f");
        assertThat(out).isEqualTo("HTTP 400 for MobilePhone [phone] on 2f8b6c1e-3d4a-4b5c-8d9e-0a1b2c3d4e5f");
    }

    @Test
    void masksQuotedValuesAndAssignments() {
        assertThat(SyncLogRedactor.redact("cannot split 'Ada King Lovelace' into first_name and last_name"))
                .isEqualTo("cannot split [value] into first_name and last_name");
        assertThat(SyncLogRedactor.redact("Invalid \"Surname\": \"Lovelace\""))
                .isEqualTo("Invalid [value]: [value]");
        assertThat(SyncLogRedactor.redact("rejected Budget=50000 and Account=AnalyticalEngines, status=400"))
                .isEqualTo("rejected Budget=[value] and Account=[value], status=400");
    }

    @Test
    void masksTheOperandOfValue() {
        assertThat(SyncLogRedactor.redact("Creatio value Lovelace of Contact has no NIA full_name"))
                .isEqualTo("Creatio value [value] of Contact has no NIA full_name");
    }

    @Test
    void masksCapitalisedNamesButNotTechnicalPhrases() {
        assertThat(SyncLogRedactor.redact("owner Grace Hopper is unknown")).isEqualTo("owner [name] is unknown");
        assertThat(SyncLogRedactor.redact("503 Service Unavailable")).isEqualTo("503 Service Unavailable");
        assertThat(SyncLogRedactor.redact("400 Bad Request")).isEqualTo("400 Bad Request");
    }

    @Test
    void masksTheRecordsOwnValuesWhereverTheyAppear() {
        String out = SyncLogRedactor.redact("the text ada is too long for lovelace's column", List.of("Ada", "Lovelace", "x"));
        assertThat(out).isEqualTo("the text [value] is too long for [value]'s column");
    }

    @Test
    void keepsAUsefulTechnicalMessageAsItIs() {
        String message = "timeout after 90000 ms calling PATCH Lead(…) through the gateway";
        assertThat(SyncLogRedactor.redact(message)).isEqualTo(message);
        assertThat(SyncLogRedactor.redact("GET https://creatio.example/0/odata/Lead returned 503"))
                .isEqualTo("GET https://creatio.example/0/odata/Lead returned 503");
    }

    @Test
    void cutsVeryLongTextAndPassesNullThrough() {
        assertThat(SyncLogRedactor.redact("x".repeat(2_000))).hasSize(SyncLogRedactor.MAX_LENGTH + 1);
        assertThat(SyncLogRedactor.redact(null)).isNull();
    }
}
