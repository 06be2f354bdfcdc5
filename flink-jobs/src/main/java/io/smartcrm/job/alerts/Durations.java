package io.smartcrm.job.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Window and period lengths and times in alert explanations. */
final class Durations {
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Durations() {}

    /** "hour", "day", "week", "6-hour window", "30-minute window". */
    static String windowName(long millis) {
        Duration d = Duration.ofMillis(millis);
        if (d.equals(Duration.ofHours(1))) {
            return "hour";
        }
        if (d.equals(Duration.ofDays(1))) {
            return "day";
        }
        if (d.equals(Duration.ofDays(7))) {
            return "week";
        }
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + "-day window";
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + "-hour window";
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + "-minute window";
        }
        return d.getSeconds() + "-second window";
    }

    static String minute(long millis) {
        return MINUTE.format(Instant.ofEpochMilli(millis));
    }
}
