package com.nia.crmsync.simulator.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Everything the simulator reads from configuration. Each key can be overridden by the
 * environment variable of the same name ({@code simulator.identity.clients} →
 * {@code SIMULATOR_IDENTITY_CLIENTS}). Runtime knobs (quirks, faults, clock) start from these
 * values and are then changed through the {@code /sim} control API.
 */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    Identity identity();

    OData odata();

    Auth auth();

    Quirks quirks();

    Quota quota();

    Seed seed();

    Schema schema();

    Control control();

    /** The simulated Creatio identity service ({@code /connect/token}). */
    interface Identity {
        /** Registered OAuth clients as {@code clientId:secret} pairs, comma separated; no default outside %dev/%test. */
        List<String> clients();

        /** Issuer name written into tokens and the discovery document; default {@code creatio.com}. */
        @WithDefault("creatio.com")
        String issuer();

        /** Access-token lifetime in seconds; default 3600. */
        @WithDefault("3600")
        int tokenLifetimeSeconds();

        /** Base URL advertised in the discovery document; default: taken from the request's Host. */
        Optional<String> publicUrl();
    }

    /** The simulated OData 4 service. */
    interface OData {
        /** Service root path, {@code /0/odata} (.NET Framework builds) or {@code /odata} (.NET builds); default {@code /0/odata}. */
        @WithDefault("/0/odata")
        String root();

        /** Most rows one response may hold (Creatio's MaxEntityRowCount); default 20000. */
        @WithDefault("20000")
        int maxRows();

        /** Most sub-requests in one {@code $batch}; default 100. */
        @WithDefault("100")
        int maxBatchRequests();

        /** Base URL used in {@code @odata.context} and {@code Location}; default: taken from the request's Host. */
        Optional<String> publicUrl();
    }

    /** Which bearer tokens the OData side accepts. */
    interface Auth {
        /** Whether tokens signed by this simulator's own identity service are accepted; default true. */
        @WithDefault("true")
        boolean trustOwnTokens();

        /** Issuer name ({@code iss}) of an external identity service whose tokens are also accepted; default none. */
        Optional<String> externalIssuer();

        /** JWKS URL of that external identity service; default none. */
        Optional<String> externalJwksUrl();
    }

    /** Creatio's observed quirks; each can be switched at runtime through {@code PUT /sim/quirks}. */
    interface Quirks {
        /** A quoted datetime literal in {@code $filter} answers 400; default true. */
        @WithDefault("true")
        boolean quotedDatetimeIs400();

        /** A filter on a scalar lookup column ({@code ContactId eq ...}) answers 500; default true. */
        @WithDefault("true")
        boolean scalarLookupFilterIs500();

        /** A response of more than {@code simulator.odata.max-rows} rows answers 500; default true. */
        @WithDefault("true")
        boolean tooManyRowsIs500();

        /** An unknown entity set answers 401 instead of 404; default true. */
        @WithDefault("true")
        boolean unknownEntitySetIs401();

        /** Status of the HTML page served to a technical user without OData permission; default 403. */
        @WithName("no-odata-permission-status")
        @WithDefault("403")
        int noODataPermissionStatus();

        /** A text value longer than its column's size answers 500 with the database's truncation error; default true. */
        @WithDefault("true")
        boolean textTooLongIs500();
    }

    /** Creatio's daily API call quota (Growth plan). */
    interface Quota {
        /** Calls per day before the quota counts as exhausted; default 10000. */
        @WithDefault("10000")
        long dailyLimit();

        /** Whether an exhausted quota rejects calls; default false (Creatio's limit is soft). */
        @WithDefault("false")
        boolean enforce();

        /** Status answered once an enforced quota is exhausted; default 429. */
        @WithDefault("429")
        int exhaustedStatus();
    }

    /** Demo data loaded at start-up. */
    interface Seed {
        /** Whether demo data is generated at start-up; default false. */
        @WithDefault("false")
        boolean onStart();

        /** Leads to generate; default 1000. */
        @WithDefault("1000")
        int leads();

        /** Contacts to generate; default 200. */
        @WithDefault("200")
        int contacts();

        /** Accounts to generate; default 100. */
        @WithDefault("100")
        int accounts();

        /** Activities to generate; default 300. */
        @WithDefault("300")
        int activities();

        /** Random seed; the same value always produces the same data; default 42. */
        @WithDefault("42")
        long value();
    }

    /** Customisations: {@code Usr*} columns and custom objects. */
    interface Schema {
        /** Extra columns per object, e.g. {@code Lead=UsrNiaId:String,UsrScore:Integer}; default none. */
        Map<String, String> extraColumns();

        /** Custom objects with their columns, e.g. {@code UsrMeetingNote=UsrText:String,UsrLeadId:Lookup:Lead}; default none. */
        Map<String, String> customEntities();
    }

    /** The {@code /sim} control API. */
    interface Control {
        /** How many recent requests the request log keeps; default 2000. */
        @WithDefault("2000")
        int requestLogSize();
    }
}
