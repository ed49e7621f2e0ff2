package com.nia.crmsync.model.gateway;

import java.util.List;

/** Writes to run as {@code $batch} calls of at most 100 ({@code POST /batch}). */
public record BatchRequest(List<BatchItem> items) {
}
