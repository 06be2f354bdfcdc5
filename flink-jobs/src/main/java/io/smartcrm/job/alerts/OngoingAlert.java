package io.smartcrm.job.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smartcrm.model.alert.Alert;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Debouncing of one alert condition: the windows (or periods) it holds in open the alert and then update it (same
 * id, next version on every publication, severity never lowered), and {@code resolveAfter} consecutive windows
 * without it resolve it. The caller decides when a held condition is first published; quiet windows before
 * resolution are not published.
 */
public class OngoingAlert {
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private static final ObjectMapper COPIER = new ObjectMapper();

    public Alert alert;
    public int quiet;

    public OngoingAlert() {}

    /** An alert id: the key and the start of the first window, e.g. {@code share-3-20261122T1000Z}. */
    static String id(String key, long openedAt) {
        return key + "-" + ID_TIME.format(Instant.ofEpochMilli(openedAt));
    }

    /** The condition held in {@code current}'s window: opens (when {@code ongoing} is null) or updates. */
    static OngoingAlert held(OngoingAlert ongoing, String key, Alert current, long windowStart) {
        OngoingAlert o = ongoing == null ? new OngoingAlert() : ongoing;
        if (ongoing == null) {
            current.id = id(key, windowStart);
            current.openedAt = Instant.ofEpochMilli(windowStart).toString();
            current.windows = 1;
        } else {
            Alert before = ongoing.alert;
            current.id = before.id;
            current.openedAt = before.openedAt;
            current.version = before.version;
            current.windows = before.windows + 1;
            if ("major".equals(before.severity)) {
                current.severity = "major";
            }
        }
        current.state = Alert.OPEN;
        current.updatedAt = current.windowEnd;
        o.alert = current;
        o.quiet = 0;
        return o;
    }

    /** Publishes the alert as it is now: the next version, as a copy, since this one keeps changing. */
    Alert published() {
        alert.version++;
        return COPIER.convertValue(alert, Alert.class);
    }

    /** Whether the alert was ever published (a condition held too briefly never is). */
    boolean isPublished() {
        return alert.version > 0;
    }

    /** The condition did not hold: the resolved alert once {@code resolveAfter} quiet windows passed, else null. */
    Alert quietWindow(int resolveAfter, String windowStart, String windowEnd, String explanation) {
        quiet++;
        if (quiet < resolveAfter) {
            return null;
        }
        return resolve(windowStart, windowEnd, "returned", explanation);
    }

    /** Resolves the alert now (for {@code resolution}, e.g. returned, accepted as the new normal, rule deleted). */
    Alert resolve(String windowStart, String windowEnd, String resolution, String explanation) {
        Alert a = alert;
        a.state = Alert.RESOLVED;
        a.resolution = resolution;
        if (windowEnd != null) {
            a.resolvedAt = windowEnd;
            a.updatedAt = windowEnd;
            a.windowStart = windowStart;
            a.windowEnd = windowEnd;
        } else {
            a.resolvedAt = a.updatedAt;
        }
        a.explanation = explanation;
        return published();
    }
}
