package com.nia.crmsync.web.list;

import java.util.List;

/** One page of a list: the items, where the page is, and how many there are in all. */
public record PageView<T>(List<T> items, int page, int size, long total) {
}
