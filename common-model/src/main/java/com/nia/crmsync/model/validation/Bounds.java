package com.nia.crmsync.model.validation;

/**
 * Upper bounds on NIA-side text, the same for the HTTP API and the events: generous for real data,
 * small enough that no 500 kB title reaches the sync. A value within these may still be longer than
 * its Creatio column; the worker's overflow rule decides then.
 */
public final class Bounds {

    /** Titles: meeting, task and lead-rule titles. */
    public static final int TITLE = 1_000;
    /** Long text: notes, summaries, descriptions, competitor context. */
    public static final int LONG_TEXT = 100_000;
    /** An email address (RFC 5321 path limit). */
    public static final int EMAIL = 254;
    /** Names: people, companies, job titles, competitors. */
    public static final int NAME = 250;
    /** Ids and short codes chosen by other systems (meeting ids, action item ids, meeting types). */
    public static final int ID = 200;

    private Bounds() {
    }
}
