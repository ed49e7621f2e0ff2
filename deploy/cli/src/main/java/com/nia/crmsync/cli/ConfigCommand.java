package com.nia.crmsync.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;

import com.nia.crmsync.cli.render.Table;
import com.nia.crmsync.client.CrmSyncClient;
import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.validation.Violation;

/**
 * The configuration: {@code config get} prints the one in force (the file to edit),
 * {@code config validate FILE} shows every problem with its JSON path using common-model's own
 * rules (the ones sync-api applies) without sending anything, {@code config set FILE} validates
 * the same way, then replaces the configuration with {@code If-Match} on the version the file
 * was read at.
 */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Read, validate and change the sync configuration.",
        subcommands = {ConfigCommand.Get.class, ConfigCommand.Validate.class, ConfigCommand.Set.class})
final class ConfigCommand {

    @ParentCommand
    CrmSync root;

    /** Where every path of a problem starts, as in sync-api's answers. */
    static final String ROOT = "/configuration";

    /** A configuration file read and checked: the configuration (null when it could not be read), its version, the problems. */
    record Checked(CreatioConfiguration configuration, Long version, List<Violation> problems) {
    }

    /** Reads {@code file} (a configuration, or what {@code config get} printed) and checks it; nothing is sent. */
    static Checked check(Path file) {
        ObjectMapper mapper = CrmSyncClient.mapper();
        JsonNode document;
        try {
            document = mapper.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            return new Checked(null, null, List.of(new Violation("", "not JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        Long version = null;
        if (document != null && document.has("configuration") && document.get("configuration").isObject()) {
            version = document.path("version").isIntegralNumber() ? document.path("version").asLong() : null;
            document = document.get("configuration");
        }
        if (document == null || !document.isObject()) {
            return new Checked(null, version, List.of(new Violation(ROOT, "must be a JSON object")));
        }
        List<Violation> problems = new ArrayList<>();
        mapper.addHandler(new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                    Object beanOrClass, String propertyName) throws IOException {
                problems.add(new Violation(pointer(ctxt.getParser().getParsingContext().pathAsPointer().toString()),
                        "is not a configuration field (ignored by the API)"));
                p.skipChildren();
                return true;
            }
        });
        CreatioConfiguration configuration;
        try {
            configuration = mapper.treeToValue(document, CreatioConfiguration.class);
        } catch (JsonMappingException e) {
            problems.add(new Violation(pointer(e.getPath()), e.getOriginalMessage().replaceAll("\\s*\\R.*", "")));
            return new Checked(null, version, problems);
        } catch (JsonProcessingException e) {
            problems.add(new Violation(ROOT, e.getOriginalMessage()));
            return new Checked(null, version, problems);
        }
        problems.addAll(configuration.validate());
        return new Checked(configuration, version, problems);
    }

    private static String pointer(String jsonPointer) {
        return ROOT + jsonPointer;
    }

    private static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder(ROOT);
        for (JsonMappingException.Reference r : path) {
            out.append('/').append(r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()));
        }
        return out.toString();
    }

    /** A usage error (exit 2) when the file cannot be read. */
    static void readable(CommandSpec spec, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), "Cannot read " + file);
        }
    }

    /** Prints the problems (or that there are none); the exit code. */
    static int report(CrmSync root, Path file, List<Violation> problems) {
        if (root.json()) {
            root.printJson(Map.of("file", file.toString(), "valid", problems.isEmpty(), "problems", problems));
        } else if (problems.isEmpty()) {
            root.console().out().println(file + ": valid");
        } else {
            Table table = new Table("PATH", "PROBLEM");
            problems.forEach(v -> table.row(v.path(), v.message()));
            root.console().out().print(table.render());
            root.console().out().println(file + ": " + problems.size() + " problem(s); nothing was sent");
        }
        root.console().out().flush();
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print the configuration in force (version and document).")
    static final class Get implements Callable<Integer> {
        @ParentCommand
        ConfigCommand config;

        @Override
        public Integer call() {
            CrmSync root = config.root;
            root.client().configuration();
            root.printJson(root.lastAnswer());
            return ExitCodes.OK;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a configuration file with sync-api's own rules; every problem with its JSON path. Sends nothing.")
    static final class Validate implements Callable<Integer> {
        @ParentCommand
        ConfigCommand config;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            readable(spec, file);
            return report(config.root, file, check(file).problems());
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Replace the configuration with FILE (admins): validated first; sent with If-Match on the file's version",
                    "(what `config get` printed), else on the version in force."})
    static final class Set implements Callable<Integer> {
        @ParentCommand
        ConfigCommand config;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            CrmSync root = config.root;
            readable(spec, file);
            Checked checked = check(file);
            if (!checked.problems().isEmpty()) {
                return report(root, file, checked.problems());
            }
            CrmSyncClient api = root.client();
            long version = checked.version() != null ? checked.version() : api.configuration().version();
            ConfigRecord saved = api.updateConfiguration(checked.configuration(), version);
            return root.answer("Configuration version " + saved.version() + " saved by " + saved.updatedBy() + " at " + saved.updatedAt() + "\n");
        }
    }
}
