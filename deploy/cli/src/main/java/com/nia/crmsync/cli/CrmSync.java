package com.nia.crmsync.cli;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import com.nia.crmsync.cli.auth.TokenCache;
import com.nia.crmsync.cli.auth.TokenSource;
import com.nia.crmsync.client.CrmSyncClient;

/**
 * {@code crm-sync}, the operators' command line over NIA Creatio Sync's public API (through the
 * front router, never Kafka or a database): the seed's {@code sync_creatio} commands and the
 * dead-letter tools. Human tables by default, {@code --json} for one JSON document per command;
 * exit codes in {@link ExitCodes}; errors as one line.
 */
@Command(name = "crm-sync", mixinStandardHelpOptions = true, version = "crm-sync 0.1.0",
        description = "Operate NIA Creatio Sync through its public API.",
        subcommands = {SyncCommands.SyncAll.class, SyncCommands.SyncLead.class, SyncCommands.Status.class, RunCommands.Runs.class,
                RunCommands.RunOne.class, ConflictCommands.List.class, ConflictCommands.Show.class, ConflictCommands.Resolve.class,
                ConflictCommands.Dismiss.class, SyncCommands.RetryFailed.class, SyncCommands.TestConnection.class, LogCommands.Logs.class,
                LogCommands.Records.class, ConfigCommand.class, DlqCommand.class, LoginCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:the operation failed", "2:usage error", "3:not authenticated or not allowed", "4:the API is unreachable"})
public class CrmSync {

    /** The base URL when neither {@code --url} nor {@code CRM_SYNC_URL} says otherwise: the local stack's front router. */
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";

    static final ObjectMapper JSON = CrmSyncClient.mapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Console console;
    private final Clock clock;
    private final AtomicReference<JsonNode> lastAnswer = new AtomicReference<>();

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The API's base URL (default: $CRM_SYNC_URL, else " + DEFAULT_URL + ").")
    String url;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "A bearer token to use instead of the cached one (default: $CRM_SYNC_TOKEN).")
    String token;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print one JSON document (the API's answer) instead of tables.")
    boolean json;

    public CrmSync(Console console, Clock clock) {
        this.console = console;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(run(Console.system(), Clock.systemUTC(), args));
    }

    /** Runs one command line; its exit code. */
    public static int run(Console console, Clock clock, String... args) {
        return commandLine(console, clock).execute(args);
    }

    /** The command line with its handlers: one error line and the exit code of {@link ExitCodes}, never a stack trace. */
    static CommandLine commandLine(Console console, Clock clock) {
        CommandLine cli = new CommandLine(new CrmSync(console, clock));
        AutoComplete.GenerateCompletion completion = new AutoComplete.GenerateCompletion();
        cli.addSubcommand("completion", completion);
        cli.getSubcommands().get("completion").getCommandSpec().usageMessage().hidden(false)
                .description("Print a bash/zsh completion script: source <(crm-sync completion)");
        cli.setOut(console.out()).setErr(console.err());
        cli.setExecutionExceptionHandler((failure, commandLine, parsed) -> {
            console.err().println("crm-sync: " + ExitCodes.line(failure));
            console.err().flush();
            return ExitCodes.of(failure);
        });
        cli.setParameterExceptionHandler((failure, args) -> {
            console.err().println("crm-sync: " + failure.getMessage());
            console.err().println("Try 'crm-sync " + failure.getCommandLine().getCommandSpec().qualifiedName(" ").replaceFirst("^crm-sync ?", "")
                    .replaceAll("(.+)", "$1 ") + "--help' for usage.");
            console.err().flush();
            return ExitCodes.USAGE;
        });
        return cli;
    }

    Console console() {
        return console;
    }

    Clock clock() {
        return clock;
    }

    boolean json() {
        return json;
    }

    /** The client of the API this command line talks to. */
    CrmSyncClient client() {
        String base = url != null ? url : console.env("CRM_SYNC_URL", DEFAULT_URL);
        String explicit = token != null ? token : console.env("CRM_SYNC_TOKEN", null);
        TokenSource tokens = new TokenSource(explicit, tokenCache(), console.env("CRM_SYNC_CLIENT_SECRET", null), clock);
        return CrmSyncClient.builder(URI.create(base)).token(tokens).onAnswer(lastAnswer::set).build();
    }

    TokenCache tokenCache() {
        return new TokenCache(console.configDir());
    }

    /** The last answer the API gave this command line, as it sent it. */
    JsonNode lastAnswer() {
        return lastAnswer.get();
    }

    /** Prints a JSON document (pretty) on the output. */
    void printJson(Object document) {
        try {
            console.out().println(JSON.writeValueAsString(document));
            console.out().flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** In {@code --json} mode the API's last answer, else {@code human}; exit code 0. */
    int answer(String human) {
        if (json) {
            printJson(lastAnswer());
        } else {
            console.out().print(human);
            console.out().flush();
        }
        return ExitCodes.OK;
    }
}
