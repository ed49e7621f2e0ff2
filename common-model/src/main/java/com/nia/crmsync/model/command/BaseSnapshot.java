package com.nia.crmsync.model.command;

import java.time.Instant;
import java.util.Map;

/**
 * The last values both sides agreed on, and the canonical hash of each side at that moment. The
 * three-way merge compares today's values of each side against {@link #values()}; the hashes let
 * a side that has not changed be recognised without comparing fields.
 *
 * @param values      Creatio column → canonical JSON scalar (string, number, boolean or null)
 * @param niaHash     canonical hash of the NIA side when they agreed ({@code sha256:<hex>})
 * @param creatioHash canonical hash of the Creatio side when they agreed
 * @param agreedAt    when they agreed
 */
public record BaseSnapshot(Map<String, Object> values, String niaHash, String creatioHash, Instant agreedAt) {
}
