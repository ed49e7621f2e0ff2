package com.nia.crmsync.model.gateway;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The records found, the ids Creatio does not have, and how many Creatio calls it took. */
public record ReadManyResponse(List<Map<String, Object>> records, List<UUID> missing, int creatioCalls) {
}
