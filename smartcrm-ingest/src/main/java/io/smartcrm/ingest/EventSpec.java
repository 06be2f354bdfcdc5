package io.smartcrm.ingest;

import io.smartcrm.model.event.EventType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One entry of a mapping's {@code events}: how input records become events of one kind. */
final class EventSpec {
    static final int DEFAULT_MAX_OPEN_GROUPS = 10_000;

    enum Completion { KEY_CHANGE, TIMESTAMP_ADVANCE }

    enum Sign { AS_IS, NEGATE, ABS }

    record FieldValue(EventField field, ValueSpec value) {
    }

    record ConsentValue(String name, ValueSpec value) {
    }

    record AttributeValue(AttributeDeclaration declaration, ValueSpec value) {
    }

    record Items(ValueSpec productId, ValueSpec category, ValueSpec quantity, ValueSpec unitPrice) {
    }

    /** amount = Σ over the event's lines of the product of {@code factors}, then the sign rule of the type. */
    record Amount(List<Column> factors, Map<EventType, Sign> signs) {
        Sign sign(Object type) {
            return type instanceof EventType t ? signs.getOrDefault(t, Sign.AS_IS) : Sign.AS_IS;
        }
    }

    record Group(Template by, Completion complete, int maxOpenGroups) {
    }

    final String name;
    final TypeSpec type;
    final String source;
    final Template eventId;
    final ValueSpec customerId;
    final TimestampSpec timestamp;
    final List<FieldValue> fields = new ArrayList<>();
    final List<ConsentValue> consent = new ArrayList<>();
    final List<AttributeValue> attributes = new ArrayList<>();
    final Items items;
    final Amount amount;
    final Group group;
    final Template oncePer;

    private EventSpec(String name, SpecNode n, SpecNode root, Columns columns) {
        this.name = name;
        n.allowKeys("name", "type", "source", "eventId", "customerId", "timestamp", "fields", "attributes", "items",
                "amount", "group", "oncePer");
        type = TypeSpec.parse(n.require("type"), columns);
        SpecNode src = n.has("source") ? n.get("source") : root.get("source");
        source = src == null ? null : src.text();
        eventId = Template.parse(n.require("eventId"), columns);
        customerId = ValueSpec.parse(inherited(n, root, "customerId"), Kind.TEXT, null, columns);
        timestamp = TimestampSpec.parse(inherited(n, root, "timestamp"), columns);

        SpecNode f = n.get("fields");
        if (f != null) {
            f.members().forEach((field, spec) -> field(field, spec, columns));
        }
        SpecNode a = n.get("attributes");
        if (a != null) {
            a.members().forEach((attr, spec) -> attribute(attr, spec, columns));
        }
        items = n.has("items") ? items(n.get("items"), columns) : null;
        amount = n.has("amount") ? amount(n.get("amount"), columns) : null;
        if (amount != null && fields.stream().anyMatch(v -> v.field == EventField.AMOUNT)) {
            throw n.error("give 'amount' either as a field or as a sum, not both");
        }
        group = n.has("group") ? group(n.get("group"), columns) : null;
        oncePer = n.has("oncePer") ? Template.parse(n.get("oncePer"), columns) : null;
        if (group != null && oncePer != null) {
            throw n.error("an event is either grouped ('group') or emitted once per key ('oncePer'), not both");
        }
    }

    static EventSpec parse(SpecNode n, int index, SpecNode root, Columns columns) {
        n.requireObject();
        String name = n.text("name", "event" + (index + 1));
        return new EventSpec(name, n.relabel("events[" + name + "]"), root, columns);
    }

    private static SpecNode inherited(SpecNode n, SpecNode root, String key) {
        if (n.has(key)) {
            return n.get(key);
        }
        if (root.has(key)) {
            return root.get(key);
        }
        throw n.error("'" + key + "' is required, in the event or at the top of the mapping");
    }

    private void field(String field, SpecNode spec, Columns columns) {
        if (field.startsWith("consent.") && field.length() > "consent.".length()) {
            consent.add(new ConsentValue(field.substring("consent.".length()),
                    ValueSpec.parse(spec, Kind.BOOLEAN, null, columns)));
            return;
        }
        EventField target = EventField.byWireName(field);
        if (target == null) {
            String elsewhere = EventField.ELSEWHERE.get(field);
            throw spec.error(elsewhere != null ? "'" + field + "' is set by " + elsewhere + ", not in 'fields'"
                    : "unknown event field '" + field + "' (known: " + EventField.known() + ")");
        }
        fields.add(new FieldValue(target, ValueSpec.parse(spec, target.kind, null, columns)));
    }

    private void attribute(String attr, SpecNode spec, Columns columns) {
        spec.requireObject();
        SpecNode k = spec.get("kind");
        if (k == null) {
            throw spec.error("'kind' is required: numeric, categorical, boolean or text");
        }
        AttributeKind kind;
        try {
            kind = AttributeKind.valueOf(k.text().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw k.error("unknown attribute kind '" + k.text() + "' (known: numeric, categorical, boolean, text)");
        }
        boolean label = spec.bool("label", false);
        ValueSpec value = ValueSpec.parse(spec, Kind.TEXT, kind, columns, "kind", "label");
        attributes.add(new AttributeValue(new AttributeDeclaration(attr, value.column == null ? null
                : value.column.name, kind, label), value));
    }

    private static Items items(SpecNode n, Columns columns) {
        n.allowKeys("productId", "category", "quantity", "unitPrice");
        SpecNode category = n.get("category");
        return new Items(ValueSpec.parse(n.require("productId"), Kind.TEXT, null, columns),
                category == null ? null : ValueSpec.parse(category, Kind.TEXT, null, columns),
                ValueSpec.parse(n.require("quantity"), Kind.INTEGER, null, columns),
                ValueSpec.parse(n.require("unitPrice"), Kind.NUMBER, null, columns));
    }

    private Amount amount(SpecNode n, Columns columns) {
        n.allowKeys("sum", "sign");
        SpecNode sum = n.require("sum");
        List<Column> factors = new ArrayList<>();
        for (String c : sum.texts()) {
            factors.add(columns.column(c, sum.path));
        }
        if (factors.isEmpty()) {
            throw sum.error("name at least one column");
        }
        Map<EventType, Sign> signs = new EnumMap<>(EventType.class);
        SpecNode sign = n.get("sign");
        if (sign != null) {
            Set<EventType> possible = type.possibleTypes();
            sign.members().forEach((typeName, rule) -> {
                EventType t = EventType.fromWireName(typeName);
                if (t == null || !possible.contains(t)) {
                    throw rule.error("'" + typeName + "' is not a type this event can have (" + possible.stream()
                            .map(EventType::wireName).toList() + ")");
                }
                signs.put(t, switch (rule.text()) {
                    case "asIs" -> Sign.AS_IS;
                    case "negate" -> Sign.NEGATE;
                    case "abs" -> Sign.ABS;
                    default -> throw rule.error("unknown sign rule '" + rule.text() + "' (known: asIs, negate, abs)");
                });
            });
        }
        return new Amount(factors, signs);
    }

    private Group group(SpecNode n, Columns columns) {
        n.allowKeys("by", "complete", "maxOpenGroups");
        SpecNode c = n.require("complete");
        Completion complete = switch (c.text()) {
            case "keyChange" -> Completion.KEY_CHANGE;
            case "timestampAdvance" -> Completion.TIMESTAMP_ADVANCE;
            default -> throw c.error("unknown completion '" + c.text() + "' (known: keyChange, timestampAdvance)");
        };
        if (complete == Completion.TIMESTAMP_ADVANCE && !timestamp.fromColumn()) {
            throw c.error("timestampAdvance needs a timestamp read from a column, not the ingest time");
        }
        return new Group(Template.parse(n.require("by"), columns), complete,
                n.positiveInt("maxOpenGroups", DEFAULT_MAX_OPEN_GROUPS));
    }
}
