package io.smartcrm.ingest;

import java.util.Locale;

/**
 * An attribute a mapping writes, as declared in it: the attribute name on the wire, the column it comes from
 * (null for a constant), its kind and whether it is a label (a value to predict, e.g. churned).
 */
public record AttributeDeclaration(String name, String column, AttributeKind kind, boolean label) {
    /** The kind as the event's {@code attributeKinds} carries it: "label" for a label, else the kind in lower case. */
    public String wireKind() {
        return label ? "label" : kind.name().toLowerCase(Locale.ROOT);
    }
}
