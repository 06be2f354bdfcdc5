package io.smartcrm.ingest;

/** How a model should treat an attribute; values are strings on the wire whatever the kind. */
public enum AttributeKind {
    /** A number (integer or decimal), e.g. tenure in months. */
    NUMERIC,
    /** One of a small set of values, e.g. the contract type. */
    CATEGORICAL,
    /** "true" or "false". */
    BOOLEAN,
    /** Free text, not a feature. */
    TEXT
}
