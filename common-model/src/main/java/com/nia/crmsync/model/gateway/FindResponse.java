package com.nia.crmsync.model.gateway;

import java.util.List;
import java.util.Map;

/** Every requested value, keyed as sent, with the records that match it (an empty list when none). */
public record FindResponse(Map<String, List<Map<String, Object>>> matches, int creatioCalls) {
}
