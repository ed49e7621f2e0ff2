package com.nia.crmsync.conflict.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.conflict.service.ConflictSnapshot;

/** One conflict with the record's other open conflicts (pending, failed or applying). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConflictDetail(@JsonUnwrapped ConflictSnapshot conflict, List<ConflictSnapshot> otherOpenConflicts) {
}
