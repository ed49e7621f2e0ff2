package com.nia.crmsync.syncapi.api;

import java.util.List;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;

/** Record versions as HTTP entity tags: {@code ETag: "7"} out, {@code If-Match: "7"} in. */
public final class Versions {

    private Versions() {
    }

    public static EntityTag tag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version an {@code If-Match} header names, or null when absent or {@code *}. */
    public static Long ifMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String v = header.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "Invalid If-Match",
                    "If-Match must name a version, e.g. \"7\"", List.of(new Problem.FieldError("If-Match", "not a version")));
        }
    }
}
