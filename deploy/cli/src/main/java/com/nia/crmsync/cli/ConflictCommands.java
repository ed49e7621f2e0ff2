package com.nia.crmsync.cli;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import com.nia.crmsync.cli.render.ConflictView;
import com.nia.crmsync.cli.render.Table;
import com.nia.crmsync.cli.render.Values;
import com.nia.crmsync.client.model.BulkResolution;
import com.nia.crmsync.client.model.BulkResolveRequest;
import com.nia.crmsync.client.model.Conflict;
import com.nia.crmsync.client.model.ConflictDetail;
import com.nia.crmsync.client.model.Page;
import com.nia.crmsync.client.model.Queries;
import com.nia.crmsync.client.model.ResolveRequest;

/** The conflict inbox: {@code conflicts}, {@code conflict <id>}, {@code resolve}, {@code dismiss}. */
final class ConflictCommands {

    private ConflictCommands() {
    }

    @Command(name = "conflicts", mixinStandardHelpOptions = true, description = "List conflicts (newest first).")
    static final class List implements Callable<Integer> {
        @ParentCommand
        CrmSync root;

        @Option(names = "--status", description = "pending, applying, resolved, dismissed, failed.")
        String status;

        @Option(names = "--type", description = "field_mismatch, update_vs_delete, duplicate_match, validation_failed.")
        String type;

        @Option(names = "--entity", paramLabel = "TYPE", description = "lead, contact, ...")
        String entity;

        @Option(names = "--entity-id", paramLabel = "UUID", description = "One record's conflicts.")
        UUID entityId;

        @Option(names = "--page", description = "The page, from 0.")
        Integer page;

        @Option(names = "--size", description = "Conflicts per page (default 50).")
        Integer size;

        @Override
        public Integer call() {
            Page<Conflict> conflicts = root.client().conflicts(new Queries.Conflicts(status, type, entity, entityId, null, page, size));
            Table table = new Table("ID", "TYPE", "ENTITY", "LOCAL ID", "FIELD", "NIA", "CREATIO", "STATUS", "DETECTED");
            conflicts.items().forEach(c -> table.row(c.id(), c.conflictType(), c.entityType(), c.localId(), c.field(),
                    c.valuesHidden() ? "(hidden)" : Values.text(c.niaValue()), c.valuesHidden() ? "(hidden)" : Values.text(c.creatioValue()),
                    c.status(), c.detectedAt()));
            return root.answer(table.render() + conflicts.items().size() + " of " + conflicts.total() + " conflict(s)\n");
        }
    }

    @Command(name = "conflict", mixinStandardHelpOptions = true, description = "One conflict: base, NIA and Creatio side by side.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        CrmSync root;

        @Parameters(paramLabel = "ID")
        UUID id;

        @Override
        public Integer call() {
            ConflictDetail detail = root.client().conflict(id);
            return root.answer(ConflictView.render(detail.conflict(), detail.otherOpenConflicts()));
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = {"Decide a conflict: resolve ID --strategy=S [--value=V],",
                    "or many at once: resolve --all-matching [--status] [--type] [--entity] [--entity-id] [--field] --strategy=S."})
    static final class Resolve implements Callable<Integer> {
        @ParentCommand
        CrmSync root;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", arity = "0..1", description = "The conflict (not with --all-matching).")
        UUID id;

        @Option(names = "--strategy", required = true,
                description = "local_wins, creatio_wins, manual_merge, corrected_value, pick_creatio_record, restore_in_creatio, delete_in_nia.")
        String strategy;

        @Option(names = "--value", description = "The value (JSON, or text) for corrected_value / manual_merge.")
        String value;

        @Option(names = "--creatio-id", description = "For pick_creatio_record.")
        UUID creatioId;

        @Option(names = "--comment", description = "Why, for the audit trail.")
        String comment;

        @ArgGroup(exclusive = false)
        AllMatching all;

        /** The bulk selection. */
        static final class AllMatching {
            @Option(names = "--all-matching", required = true, description = "Every conflict matching the filters below.")
            boolean on;

            @Option(names = "--status", description = "Default: pending.")
            String status;

            @Option(names = "--type")
            String type;

            @Option(names = "--entity", paramLabel = "TYPE")
            String entity;

            @Option(names = "--entity-id", paramLabel = "UUID", description = "One record's conflicts.")
            UUID entityId;

            @Option(names = "--field")
            String field;
        }

        @Override
        public Integer call() {
            Object parsed = value == null ? null : parse(value);
            boolean merge = "manual_merge".equals(strategy);
            if (all != null) {
                if (id != null) {
                    throw new ParameterException(spec.commandLine(), "Give a conflict ID or --all-matching, not both");
                }
                BulkResolveRequest.Filter filter = new BulkResolveRequest.Filter(all.status == null ? "pending" : all.status, all.type,
                        all.entity, all.entityId, all.field);
                BulkResolution bulk = root.client().bulkResolve(new BulkResolveRequest(null, filter, strategy, merge ? parsed : null,
                        merge ? null : parsed, creatioId, comment));
                Table table = new Table("ID", "HTTP", "STATUS", "DETAIL");
                bulk.outcomes().forEach(o -> table.row(o.id(), o.status(), o.conflictStatus(), o.detail()));
                root.answer(table.render() + bulk.accepted() + " of " + bulk.requested() + " accepted, " + bulk.refused() + " refused\n");
                return bulk.refused() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
            }
            if (id == null) {
                throw new ParameterException(spec.commandLine(), "Missing the conflict ID (or --all-matching)");
            }
            Conflict c = root.client().resolve(new ResolveRequest(id, strategy, merge ? parsed : null, merge ? null : parsed, creatioId, comment));
            return root.answer("Conflict " + c.id() + ": " + c.status() + " (" + c.strategy() + ")\n");
        }

        private static Object parse(String text) {
            try {
                return CrmSync.JSON.readValue(text, Object.class);
            } catch (IOException notJson) {
                return text;
            }
        }
    }

    @Command(name = "dismiss", mixinStandardHelpOptions = true, description = "Dismiss a conflict (leave both sides as they are).")
    static final class Dismiss implements Callable<Integer> {
        @ParentCommand
        CrmSync root;

        @Parameters(paramLabel = "ID")
        UUID id;

        @Option(names = "--comment", description = "Why, for the audit trail.")
        String comment;

        @Override
        public Integer call() {
            Conflict c = root.client().dismiss(id, comment);
            return root.answer("Conflict " + c.id() + ": " + c.status() + "\n");
        }
    }
}
