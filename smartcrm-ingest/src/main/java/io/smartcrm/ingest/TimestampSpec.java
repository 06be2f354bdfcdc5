package io.smartcrm.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Where an event's time comes from: a column read with a pattern and zone, epoch milliseconds or seconds, ISO-8601,
 * or the ingest time. {@link #eval} gives epoch milliseconds, {@link Raw} text that does not parse, or null (blank).
 */
final class TimestampSpec {
    static final String INGEST_TIME = "ingestTime";

    private enum Format { INGEST_TIME, PATTERN, EPOCH_MILLIS, EPOCH_SECONDS, ISO }

    private final Format format;
    final Column column;
    private final DateTimeFormatter formatter;
    private final ZoneId zone;
    /** The last text parsed: sorted files repeat timestamps. Immutable, so sharing it between threads is safe. */
    private Parsed last;

    private record Parsed(String text, Object value) {
    }

    private TimestampSpec(Format format, Column column, DateTimeFormatter formatter, ZoneId zone) {
        this.format = format;
        this.column = column;
        this.formatter = formatter;
        this.zone = zone;
    }

    static TimestampSpec parse(SpecNode n, Columns columns) {
        if (n.node.isTextual()) {
            if (!n.text().equals(INGEST_TIME)) {
                throw n.error("must be \"" + INGEST_TIME + "\" or an object with 'column' and 'pattern' or 'format'");
            }
            return new TimestampSpec(Format.INGEST_TIME, null, null, null);
        }
        n.allowKeys("column", "pattern", "format", "zone");
        Column column = columns.column(n.require("column").text(), n.path);
        ZoneId zone = null;
        if (n.has("zone")) {
            try {
                zone = ZoneId.of(n.require("zone").text());
            } catch (DateTimeException e) {
                throw n.get("zone").error("unknown time zone '" + n.get("zone").text() + "' (e.g. Europe/London, UTC)");
            }
        }
        if (n.has("pattern") == n.has("format")) {
            throw n.error("give exactly one of 'pattern' (e.g. \"yyyy-MM-dd HH:mm:ss\") and 'format' "
                    + "(epochMillis, epochSeconds, iso)");
        }
        if (n.has("pattern")) {
            SpecNode p = n.require("pattern");
            if (zone == null) {
                throw n.error("a 'pattern' needs a 'zone' (the zone the local times are in, e.g. Europe/London)");
            }
            return new TimestampSpec(Format.PATTERN, column, formatter(p, zone), zone);
        }
        SpecNode f = n.require("format");
        Format format = switch (f.text()) {
            case "epochMillis" -> Format.EPOCH_MILLIS;
            case "epochSeconds" -> Format.EPOCH_SECONDS;
            case "iso" -> Format.ISO;
            default -> throw f.error("unknown format '" + f.text() + "' (known: epochMillis, epochSeconds, iso)");
        };
        if (zone != null && format != Format.ISO) {
            throw n.error("'zone' does not apply to " + f.text());
        }
        return new TimestampSpec(format, column, null, zone);
    }

    /** Strict (no 30 February), with year 'y' read as proleptic year 'u' so strict parsing needs no era. */
    private static DateTimeFormatter formatter(SpecNode p, ZoneId zone) {
        String pattern = p.text();
        StringBuilder strict = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            strict.append(!quoted && c == 'y' ? 'u' : c);
        }
        DateTimeFormatter f;
        try {
            f = DateTimeFormatter.ofPattern(strict.toString(), Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT).withZone(zone);
        } catch (IllegalArgumentException e) {
            throw p.error("bad date-time pattern \"" + pattern + "\": " + e.getMessage());
        }
        Instant probe = Instant.parse("2011-06-09T10:11:12Z");
        try {
            toMillis(f, f.format(probe), zone);
        } catch (DateTimeException e) {
            throw p.error("date-time pattern \"" + pattern + "\" does not give a date and time: " + e.getMessage());
        }
        return f;
    }

    private static long toMillis(DateTimeFormatter f, String text, ZoneId zone) {
        TemporalAccessor t = f.parse(text);
        if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
            return Instant.from(t).toEpochMilli();
        }
        return LocalDate.from(t).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    boolean fromColumn() {
        return format != Format.INGEST_TIME;
    }

    Object eval(InputRecord r, long ingestTime) {
        if (format == Format.INGEST_TIME) {
            return ingestTime;
        }
        String s = r.get(column);
        if (s == null || s.isBlank()) {
            return null;
        }
        Parsed p = last;
        if (p != null && p.text.equals(s)) {
            return p.value;
        }
        Object value = parse(s);
        last = new Parsed(s, value);
        return value;
    }

    private Object parse(String s) {
        String t = s.strip();
        try {
            switch (format) {
                case PATTERN:
                    return toMillis(formatter, t, zone);
                case EPOCH_MILLIS:
                    return Values.parseInteger(s);
                case EPOCH_SECONDS:
                    BigDecimal d = Values.parseDecimal(t);
                    return d == null ? new Raw(s) : (Object) d.movePointRight(3).setScale(0, RoundingMode.HALF_UP)
                            .longValueExact();
                default:
                    TemporalAccessor a = DateTimeFormatter.ISO_DATE_TIME.parse(t);
                    if (a.isSupported(ChronoField.OFFSET_SECONDS)) {
                        return Instant.from(a).toEpochMilli();
                    }
                    return zone == null ? new Raw(s) : (Object) LocalDateTime.from(a).atZone(zone).toInstant()
                            .toEpochMilli();
            }
        } catch (DateTimeException | ArithmeticException e) {
            return new Raw(s);
        }
    }
}
