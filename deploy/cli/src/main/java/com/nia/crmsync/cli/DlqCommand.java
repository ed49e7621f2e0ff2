package com.nia.crmsync.cli;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import com.nia.crmsync.cli.render.Table;
import com.nia.crmsync.client.model.DeadLetter;
import com.nia.crmsync.client.model.Page;
import com.nia.crmsync.client.model.Queries;
import com.nia.crmsync.client.model.ReplayRequest;
import com.nia.crmsync.client.model.ReplayResult;

/**
 * The dead-letter topic through sync-api's admin endpoints (the CLI holds no Kafka credentials):
 * {@code dlq list}, {@code dlq show <partition:offset>}, {@code dlq replay <selection> [--dry-run]}.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "Inspect and replay dead letters.",
        subcommands = {DlqCommand.ListLetters.class, DlqCommand.Show.class, DlqCommand.Replay.class})
final class DlqCommand {

    @ParentCommand
    CrmSync root;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Dead letters, newest first.")
    static final class ListLetters implements Callable<Integer> {
        @ParentCommand
        DlqCommand dlq;

        @Option(names = "--topic", description = "The origin topic (crm.sync.commands.realtime.v1, ...).")
        String topic;

        @Option(names = "--reason", description = "A part of the reason.")
        String reason;

        @Option(names = "--since", paramLabel = "WHEN", description = "An ISO-8601 instant, or a duration back from now (PT1H, 15m, 2h, 1d).")
        String since;

        @Option(names = "--page", description = "The page, from 0.")
        Integer page;

        @Option(names = "--size", description = "Dead letters per page (default 50).")
        Integer size;

        @Override
        public Integer call() {
            CrmSync root = dlq.root;
            Instant from = since == null ? null : LogCommands.Logs.when(since, root.clock().instant());
            Page<DeadLetter> letters = root.client().deadLetters(new Queries.DeadLetters(topic, reason, from, page, size));
            Table table = new Table("ID", "ORIGIN TOPIC", "KEY", "ATTEMPT", "DEAD-LETTERED", "REPLAYED", "REASON");
            letters.items().forEach(d -> table.row(d.id(), d.originTopic(), d.key(), d.attempt(), d.deadLetteredAt(), d.replayedAt(),
                    d.reason()));
            return root.answer(table.render() + letters.items().size() + " of " + letters.total() + " dead letter(s)\n");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One dead letter: where from, why, its headers and value.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        DlqCommand dlq;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PARTITION:OFFSET")
        String id;

        @Override
        public Integer call() throws Exception {
            requireId(spec, id);
            CrmSync root = dlq.root;
            DeadLetter d = root.client().deadLetter(id);
            Table facts = new Table("", "");
            facts.row("dead letter", d.id() + " (partition " + d.partition() + ", offset " + d.offset() + ")");
            facts.row("origin", d.originTopic() + " partition " + d.originPartition() + " offset " + d.originOffset());
            facts.row("key", d.key());
            facts.row("event", d.eventType() + " " + d.eventId());
            facts.row("reason", d.reason());
            facts.row("cause", d.cause());
            facts.row("exception", d.exceptionClass());
            facts.row("attempt", d.attempt());
            facts.row("dead-lettered at", d.deadLetteredAt());
            facts.row("replayed at", d.replayedAt());
            StringBuilder out = new StringBuilder(facts.render().lines().skip(1).map(l -> l + "\n").reduce("", String::concat));
            if (d.headers() != null && !d.headers().isEmpty()) {
                Table headers = new Table("HEADER", "VALUE");
                d.headers().forEach(headers::row);
                out.append('\n').append(headers.render());
            }
            out.append("\nvalue").append(d.valueEncoding() == null ? "" : " (" + d.valueEncoding() + ")").append(":\n")
                    .append(d.value() == null ? "-" : d.value().isTextual() ? d.value().asText() : CrmSync.JSON.writeValueAsString(d.value()))
                    .append('\n');
            return root.answer(out.toString());
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Re-publish dead letters to their origin topic (admins; audited): by ids (partition:offset, comma-separated)",
                    "or by --topic/--reason/--since. One already replayed is skipped."})
    static final class Replay implements Callable<Integer> {
        @ParentCommand
        DlqCommand dlq;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SELECTION", arity = "0..1", description = "Dead-letter ids, comma-separated (2:17,2:18).")
        String selection;

        @Option(names = "--topic", description = "Every dead letter of this origin topic.")
        String topic;

        @Option(names = "--reason", description = "Every dead letter whose reason contains this.")
        String reason;

        @Option(names = "--since", paramLabel = "WHEN", description = "Dead-lettered at or after (ISO-8601 or a duration back from now).")
        String since;

        @Option(names = "--dry-run", description = "Tell what would be replayed; replay nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            List<String> ids = selection == null ? null : Arrays.stream(selection.split(",")).map(String::trim).toList();
            if (ids == null && topic == null && reason == null && since == null) {
                throw new ParameterException(spec.commandLine(), "Select dead letters: ids, or --topic / --reason / --since");
            }
            if (ids != null) {
                ids.forEach(id -> requireId(spec, id));
            }
            CrmSync root = dlq.root;
            Instant from = since == null ? null : LogCommands.Logs.when(since, root.clock().instant());
            ReplayResult result = root.client().replay(new ReplayRequest(ids, topic, reason, from, dryRun));
            Table table = new Table("ID", "OUTCOME", "ORIGIN TOPIC", "KEY");
            result.replayed().forEach(r -> table.row(r.id(), dryRun ? "would replay" : "replayed", r.originTopic(), r.key()));
            result.skipped().forEach(s -> table.row(s.id(), "skipped: " + s.reason(), "", ""));
            return root.answer(table.render() + result.replayed().size() + (dryRun ? " would be replayed, " : " replayed, ")
                    + result.skipped().size() + " skipped\n");
        }
    }

    /** A usage error unless {@code id} is {@code <partition>:<offset>}. */
    static void requireId(CommandSpec spec, String id) {
        if (!id.trim().matches("\\d+:\\d+")) {
            throw new ParameterException(spec.commandLine(), "A dead letter is named <partition>:<offset> (e.g. 2:17), not '" + id + "'");
        }
    }
}
