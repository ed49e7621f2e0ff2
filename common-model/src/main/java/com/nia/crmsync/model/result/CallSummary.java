package com.nia.crmsync.model.result;

/**
 * One Creatio call made for a command, sanitised: no body, no header, no token, no personal
 * data, so it may go into the sync log as it is.
 *
 * @param operation      the method and the target, e.g. {@code PATCH Lead}, {@code POST $batch}
 * @param status         the HTTP status (0 when no response arrived)
 * @param durationMillis how long the call took as seen by the worker
 * @param batchSize      for {@code $batch}: how many requests it carried (shared by the commands in it)
 */
public record CallSummary(String operation, int status, long durationMillis, Integer batchSize) {
}
