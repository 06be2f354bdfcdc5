package io.smartcrm.ingest;

/** What a value is while it is being converted, and what an event field needs. */
enum Kind {
    TEXT, INTEGER, NUMBER, BOOLEAN;

    String label() {
        return name().toLowerCase();
    }
}
