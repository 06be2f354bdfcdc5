package io.smartcrm.ingest;

/** One record of the input file (a CSV row or a JSON line). */
interface InputRecord {
    /** Number of the physical line the record starts on (1-based; a CSV header is line 1). */
    long line();

    /** The column's value, or null when the record has none. */
    String get(Column column);
}
