package com.nia.crmsync.gateway.api;

import java.util.Map;

import com.nia.crmsync.gateway.client.ODataUrls;
import com.nia.crmsync.gateway.failure.CreatioException;
import com.nia.crmsync.gateway.failure.ErrorCode;

/**
 * The typed helpers' names for Creatio's standard sets ({@code leads} → {@code Lead},
 * {@code contacts}, {@code accounts}, {@code activities}, {@code activity-participants}); any
 * other name is taken as Creatio's own set name and checked against {@code $metadata}.
 */
final class EntitySets {

    static final Map<String, String> ALIASES = Map.of(
            "leads", "Lead",
            "contacts", "Contact",
            "accounts", "Account",
            "activities", "Activity",
            "activity-participants", "ActivityParticipant");

    private EntitySets() {
    }

    static String canonical(String pathName) {
        String set = ALIASES.getOrDefault(pathName, pathName);
        if (!ODataUrls.isName(set)) {
            throw new CreatioException(ErrorCode.INVALID_REQUEST, 0, "invalid entity set name");
        }
        return set;
    }
}
