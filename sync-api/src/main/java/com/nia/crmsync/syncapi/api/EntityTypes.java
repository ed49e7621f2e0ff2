package com.nia.crmsync.syncapi.api;

import java.util.List;

import jakarta.ws.rs.core.Response;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;

/** Entity types named in requests. */
final class EntityTypes {

    private EntityTypes() {
    }

    /** The entity type of a wire name, or a 400 problem naming {@code field}. */
    static EntityType parse(String wire, String field) {
        try {
            return EntityType.fromWire(wire);
        } catch (RuntimeException unknown) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "Unknown entity type",
                    "'" + wire + "' is not an entity type", List.of(new Problem.FieldError(field, "unknown")));
        }
    }
}
