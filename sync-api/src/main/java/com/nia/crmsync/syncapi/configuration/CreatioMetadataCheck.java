package com.nia.crmsync.syncapi.configuration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.config.FieldMapping;
import com.nia.crmsync.model.gateway.EntityColumns;
import com.nia.crmsync.syncapi.gateway.GatewayClient;
import com.nia.crmsync.syncapi.gateway.GatewayProblemException;
import com.nia.crmsync.web.problem.Problem;

/**
 * Checks a configuration against Creatio's {@code $metadata} (through the gateway, which caches
 * it): every mapped entity set exists, and every column it names exists in its set — field
 * columns, the deactivation column, the required-field gate and the link columns. Each entity
 * set is fetched once per check.
 */
@ApplicationScoped
public class CreatioMetadataCheck {

    private final GatewayClient gateway;

    public CreatioMetadataCheck(GatewayClient gateway) {
        this.gateway = gateway;
    }

    /**
     * The unknown sets and columns, each named by its JSON pointer in the request
     * ({@code /configuration/entities/0/fields/3/creatioColumn}); empty when all are known.
     *
     * @throws GatewayProblemException when the gateway cannot answer
     */
    public List<Problem.FieldError> unknownNames(CreatioConfiguration configuration) {
        Map<String, Optional<EntityColumns>> sets = new HashMap<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        List<EntityMapping> entities = configuration.entities() == null ? List.of() : configuration.entities();
        for (int i = 0; i < entities.size(); i++) {
            EntityMapping e = entities.get(i);
            String at = "/configuration/entities/" + i;
            if (e.entitySet() == null) {
                continue;
            }
            Optional<EntityColumns> columns = sets.computeIfAbsent(e.entitySet(), gateway::columns);
            if (columns.isEmpty()) {
                errors.add(new Problem.FieldError(at + "/entity_set", "Creatio has no entity set " + e.entitySet()));
                continue;
            }
            Checker check = new Checker(e.entitySet(), columns.get(), errors);
            for (int j = 0; e.fields() != null && j < e.fields().size(); j++) {
                FieldMapping f = e.fields().get(j);
                check.column(at + "/fields/" + j + "/creatio_column", f.creatioColumn());
            }
            check.column(at + "/deactivate_column", e.deactivateColumn());
            for (int j = 0; e.requiredFields() != null && j < e.requiredFields().size(); j++) {
                check.column(at + "/required_fields/" + j, e.requiredFields().get(j));
            }
            if (e.linkBy() != null) {
                check.column(at + "/link_by/email_column", e.linkBy().emailColumn());
                check.column(at + "/link_by/nia_id_column", e.linkBy().niaIdColumn());
            }
        }
        CreatioConfiguration.MeetingSettings meetings = configuration.meetings();
        if (meetings != null && meetings.competitorTarget() == CreatioConfiguration.CompetitorTarget.ENTITY_SET
                && meetings.competitorEntitySet() != null) {
            Optional<EntityColumns> columns = sets.computeIfAbsent(meetings.competitorEntitySet(), gateway::columns);
            if (columns.isEmpty()) {
                errors.add(new Problem.FieldError("/configuration/meetings/competitor_entity_set",
                        "Creatio has no entity set " + meetings.competitorEntitySet()));
            } else if (entities.stream().noneMatch(e -> e.entityType() == com.nia.crmsync.model.entity.EntityType.COMPETITOR_MENTION)) {
                // no mapping of its own: the set must have the conventional columns
                Checker check = new Checker(meetings.competitorEntitySet(), columns.get(), errors);
                for (FieldMapping f : com.nia.crmsync.model.config.DefaultConfiguration.competitorMentions(
                        meetings.competitorEntitySet()).fields()) {
                    check.column("/configuration/meetings/competitor_entity_set", f.creatioColumn());
                }
            }
        }
        return errors;
    }

    /** Adds an error for each named column its set lacks. */
    private record Checker(String set, EntityColumns columns, List<Problem.FieldError> errors) {
        void column(String pointer, String column) {
            if (column != null && !columns.has(column)) {
                errors.add(new Problem.FieldError(pointer, set + " has no column " + column));
            }
        }
    }
}
