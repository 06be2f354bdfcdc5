package io.smartcrm.ingest;

/** What a value is while it is being converted, and what an event field needs. */
enum Kind {
    TEXT, INTEGER, NUMBER, BOOLEAN;

    /** "a text value", "an integer value"... */
    String value() {
        return (this == INTEGER ? "an " : "a ") + name().toLowerCase() + " value";
    }
}
