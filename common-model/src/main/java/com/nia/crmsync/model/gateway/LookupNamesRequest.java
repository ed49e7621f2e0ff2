package com.nia.crmsync.model.gateway;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ids whose display names are wanted ({@code POST /lookups/names}), per lookup set
 * ({@code {"QualifyStatus": ["…"], "Contact": ["…"]}}).
 */
public record LookupNamesRequest(Map<String, List<UUID>> ids) {
}
