package io.smartcrm.ingest;

import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.event.LineItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a file's records to events, lazily, without Kafka. Opening reads the header and checks the mapping's
 * columns, so a bad mapping fails before the first event. Not thread-safe; close it to release the file.
 *
 * <p>Grouping ({@code group}): lines with the same key form one event. With {@code keyChange} a group is complete
 * when a line with another key arrives. With {@code timestampAdvance} (for files sorted by time) several groups may
 * be open; a group is complete when a line of another key arrives whose timestamp is later than the group's last
 * line. Every open group is complete at the end of the file. At most {@code maxOpenGroups} are open; beyond that
 * the oldest is closed early and counted. A key that comes back after its group was published starts a new group
 * whose eventId gets "#2" ("#3"...), so the job's dedupe does not drop it.
 */
public final class EventMapper implements Iterator<MappedEvent>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventMapper.class);
    private static final int LOGGED_PER_FIELD = 5;
    private static final int LOGGED_GROUP_WARNINGS = 10;
    private static final int REMEMBERED_CLOSED_GROUPS = 100_000;
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final Path file;
    private final Mapping mapping;
    private final RecordReader reader;
    private final long ingestTime;
    private final long started = System.nanoTime();
    private final List<SpecRun> runs = new ArrayList<>();
    private final ArrayDeque<MappedEvent> ready = new ArrayDeque<>();
    private boolean done;

    private long events;
    private long groups;
    private long eventsWithoutCustomerId;
    private long linesWithoutCustomerId;
    private long splitGroups;
    private long forcedGroupCloses;
    private long outOfOrderLines;
    private long groupWarnings;
    private final Map<String, Long> eventsByType = new TreeMap<>();
    private final Map<String, Long> notConverted = new TreeMap<>();

    private EventMapper(Path file, Mapping mapping, RecordReader reader, long ingestTime) {
        this.file = file;
        this.mapping = mapping;
        this.reader = reader;
        this.ingestTime = ingestTime;
        for (EventSpec spec : mapping.events()) {
            runs.add(new SpecRun(spec));
        }
    }

    /** Opens {@code file}; throws {@link MappingException} when the mapping's columns are not in it. */
    public static EventMapper open(Path file, Mapping mapping, IngestOptions options) throws IOException {
        long ingestTime = (options.ingestTime() == null ? Instant.now() : options.ingestTime()).toEpochMilli();
        RecordReader reader = RecordReader.open(file, mapping);
        return new EventMapper(file, mapping, reader, ingestTime);
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !done) {
            InputRecord r;
            try {
                r = reader.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (r == null) {
                runs.forEach(SpecRun::finish);
                done = true;
            } else {
                for (SpecRun run : runs) {
                    run.accept(r);
                }
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public MappedEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** Counts so far; {@code topic} is null for a mapping-only run. */
    public IngestReport report(String topic) {
        return new IngestReport(file.toString(), mapping.name(), topic, reader.records(), reader.unreadableLines(),
                events, eventsByType, groups, eventsWithoutCustomerId, linesWithoutCustomerId, notConverted,
                splitGroups, forcedGroupCloses, outOfOrderLines, (System.nanoTime() - started) / 1e9);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private void emit(MappedEvent e, boolean grouped) {
        events++;
        if (grouped) {
            groups++;
        }
        CustomerEvent ev = e.event();
        String type = ev.type != null ? ev.type.wireName() : e.rawValues().getOrDefault("type", "(none)");
        eventsByType.merge(type, 1L, Long::sum);
        if (ev.customerId == null) {
            eventsWithoutCustomerId++;
            linesWithoutCustomerId += e.lines();
        }
        ready.add(e);
    }

    /** Counts a value that did not convert; the first few per field are logged. */
    private void notConverted(String label, long line, String text) {
        long n = notConverted.merge(label, 1L, Long::sum);
        if (n <= LOGGED_PER_FIELD) {
            LOG.warn("{} line {}: {} '{}' does not convert; published as raw text", file.getFileName(), line, label,
                    text);
        } else if (n == LOGGED_PER_FIELD + 1) {
            LOG.warn("{}: more values of {} do not convert; counted, not logged", file.getFileName(), label);
        }
    }

    private void groupWarning(String message, Object... args) {
        if (++groupWarnings <= LOGGED_GROUP_WARNINGS) {
            LOG.warn(message, args);
        }
    }

    /** The state of one event entry of the mapping over the run. */
    private final class SpecRun {
        private final EventSpec spec;
        private final Set<String> seen = new HashSet<>();
        private final LinkedHashMap<String, Lines> open = new LinkedHashMap<>();
        private final Map<String, Integer> closedParts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > REMEMBERED_CLOSED_GROUPS;
            }
        };
        private long clock = UNKNOWN;

        SpecRun(EventSpec spec) {
            this.spec = spec;
        }

        void accept(InputRecord r) {
            if (spec.oncePer != null) {
                String key = spec.oncePer.render(r);
                if (!key.isBlank() && seen.add(key)) {
                    emit(build(new Lines(r, 1).add(r, UNKNOWN)), false);
                }
            } else if (spec.group == null) {
                emit(build(new Lines(r, 1).add(r, UNKNOWN)), false);
            } else {
                group(r);
            }
        }

        private void group(InputRecord r) {
            String key = spec.group.by().render(r);
            long t = UNKNOWN;
            if (spec.group.complete() == EventSpec.Completion.KEY_CHANGE) {
                if (!open.isEmpty() && !open.containsKey(key)) {
                    closeAll();
                }
            } else {
                Object ts = spec.timestamp.eval(r, ingestTime);
                if (ts instanceof Long l) {
                    t = l;
                    if (t > clock) {
                        closeOlderThan(t, key);
                        clock = t;
                    } else if (t < clock) {
                        outOfOrderLines++;
                        groupWarning("{} line {}: timestamp is earlier than a line before it; is the file sorted by "
                                + "time?", file.getFileName(), r.line());
                    }
                }
            }
            Lines g = open.get(key);
            if (g == null) {
                g = new Lines(r, partOf(key, r));
                open.put(key, g);
                if (open.size() > spec.group.maxOpenGroups()) {
                    forceCloseOldest(r);
                }
            }
            g.add(r, t == UNKNOWN && g.count == 0 ? clock : t);
        }

        private int partOf(String key, InputRecord r) {
            Integer before = closedParts.get(key);
            if (before == null) {
                return 1;
            }
            splitGroups++;
            groupWarning("{} line {}: group '{}' of {} comes back after it was published; it is published again as "
                    + "part {}", file.getFileName(), r.line(), key, spec.name, before + 1);
            return before + 1;
        }

        private void closeOlderThan(long t, String currentKey) {
            for (Iterator<Map.Entry<String, Lines>> it = open.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Lines> e = it.next();
                if (e.getValue().lastTimestamp < t && !e.getKey().equals(currentKey)) {
                    it.remove();
                    close(e.getKey(), e.getValue());
                }
            }
        }

        private void forceCloseOldest(InputRecord r) {
            Iterator<Map.Entry<String, Lines>> it = open.entrySet().iterator();
            Map.Entry<String, Lines> oldest = it.next();
            it.remove();
            forcedGroupCloses++;
            groupWarning("{} line {}: more than {} groups of {} open; closing group '{}' early", file.getFileName(),
                    r.line(), spec.group.maxOpenGroups(), spec.name, oldest.getKey());
            close(oldest.getKey(), oldest.getValue());
        }

        private void closeAll() {
            open.forEach(this::close);
            open.clear();
        }

        private void close(String key, Lines g) {
            closedParts.put(key, g.part);
            emit(build(g), true);
        }

        void finish() {
            closeAll();
        }

        /** Items and amount accumulate per line; all other fields come from the first line. */
        private final class Lines {
            final InputRecord first;
            final int part;
            int count;
            long lastTimestamp = UNKNOWN;
            final List<LineItem> items = spec.items == null ? null : new ArrayList<>();
            final Map<String, String> rawItems = new HashMap<>();
            BigDecimal sum = BigDecimal.ZERO;
            String rawAmount;
            boolean amountMissing;

            Lines(InputRecord first, int part) {
                this.first = first;
                this.part = part;
            }

            Lines add(InputRecord r, long t) {
                count++;
                if (t != UNKNOWN && t > lastTimestamp) {
                    lastTimestamp = t;
                }
                if (items != null) {
                    addItem(r);
                }
                if (spec.amount != null) {
                    addAmount(r);
                }
                return this;
            }

            private void addItem(InputRecord r) {
                EventSpec.Items s = spec.items;
                String at = "items[" + items.size() + "].";
                LineItem li = new LineItem();
                li.productId = text(s.productId().eval(r), "items.productId", r);
                li.category = s.category() == null ? null : text(s.category().eval(r), "items.category", r);
                Object q = s.quantity().eval(r);
                if (q instanceof Integer i) {
                    li.quantity = i;
                } else {
                    raw(rawItems, at + "quantity", q, "items.quantity", r);
                }
                Object p = s.unitPrice().eval(r);
                if (p instanceof Double d) {
                    li.unitPrice = d;
                } else {
                    raw(rawItems, at + "unitPrice", p, "items.unitPrice", r);
                }
                items.add(li);
            }

            private void addAmount(InputRecord r) {
                BigDecimal product = BigDecimal.ONE;
                for (Column c : spec.amount.factors()) {
                    String s = r.get(c);
                    if (s == null || s.isBlank()) {
                        amountMissing = true;
                        return;
                    }
                    BigDecimal d = Values.parseDecimal(s.strip());
                    if (d == null) {
                        if (rawAmount == null) {
                            rawAmount = s;
                            notConverted(spec.name + ".amount", r.line(), s);
                        }
                        return;
                    }
                    product = product.multiply(d);
                }
                sum = sum.add(product);
            }
        }

        private MappedEvent build(Lines g) {
            InputRecord r = g.first;
            CustomerEvent e = new CustomerEvent();
            Map<String, String> raw = new LinkedHashMap<>(g.rawItems);
            String id = spec.eventId.render(r);
            e.eventId = g.part > 1 ? id + "#" + g.part : id;
            Object type = spec.type.eval(r);
            if (type instanceof EventType t) {
                e.type = t;
            } else {
                raw(raw, "type", type, "type", r);
            }
            Object ts = spec.timestamp.eval(r, ingestTime);
            if (ts instanceof Long l) {
                e.timestamp = l;
            } else {
                raw(raw, "timestamp", ts, "timestamp", r);
            }
            e.customerId = text(spec.customerId.eval(r), "customerId", r);
            e.source = spec.source;
            for (EventSpec.FieldValue f : spec.fields) {
                Object v = f.value().eval(r);
                if (v == null || v instanceof Raw) {
                    raw(raw, f.field().wireName, v, f.field().wireName, r);
                } else {
                    f.field().setter.accept(e, v);
                }
            }
            for (EventSpec.ConsentValue c : spec.consent) {
                Object v = c.value().eval(r);
                if (v instanceof Boolean b) {
                    if (e.consent == null) {
                        e.consent = new LinkedHashMap<>();
                    }
                    e.consent.put(c.name(), b);
                } else if (v != null) {
                    raw(raw, "consent." + c.name(), v, "consent." + c.name(), r);
                }
            }
            for (EventSpec.AttributeValue a : spec.attributes) {
                String v = text(a.value().eval(r), "attributes." + a.declaration().name(), r);
                if (v != null) {
                    if (e.attributes == null) {
                        e.attributes = new LinkedHashMap<>();
                        e.attributeKinds = new LinkedHashMap<>();
                    }
                    e.attributes.put(a.declaration().name(), v);
                    e.attributeKinds.put(a.declaration().name(), a.declaration().wireKind());
                }
            }
            e.items = g.items;
            if (spec.amount != null) {
                if (g.rawAmount != null) {
                    raw.put("amount", g.rawAmount);
                } else if (!g.amountMissing) {
                    BigDecimal sum = switch (spec.amount.sign(type)) {
                        case AS_IS -> g.sum;
                        case NEGATE -> g.sum.negate();
                        case ABS -> g.sum.abs();
                    };
                    e.amount = sum.doubleValue();
                }
            }
            return new MappedEvent(spec.name, e, raw, r.line(), g.count);
        }

        /** A text value; a raw one is counted and published as its text. */
        private String text(Object v, String field, InputRecord r) {
            if (v instanceof Raw x) {
                notConverted(spec.name + "." + field, r.line(), x.text());
            }
            return v == null ? null : Values.text(v);
        }

        /** Records a typed field that is absent (null) or raw; raw ones are counted. */
        private void raw(Map<String, String> raw, String path, Object v, String field, InputRecord r) {
            if (v instanceof Raw x) {
                notConverted(spec.name + "." + field, r.line(), x.text());
                raw.put(path, x.text());
            } else if (path.equals("timestamp") || path.startsWith("items[")) {
                raw.put(path, null);
            }
        }
    }
}
