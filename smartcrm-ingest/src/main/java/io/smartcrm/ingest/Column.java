package io.smartcrm.ingest;

/** An input column a mapping reads; {@code ordinal} numbers the mapping's columns so readers can index them. */
final class Column {
    final String name;
    final int ordinal;
    /** Where the mapping first uses it, for error messages. */
    final String usedAt;

    Column(String name, int ordinal, String usedAt) {
        this.name = name;
        this.ordinal = ordinal;
        this.usedAt = usedAt;
    }

    @Override
    public String toString() {
        return name;
    }
}
