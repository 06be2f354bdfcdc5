package io.smartcrm.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an ingest (or a mapping-only run) did.
 *
 * @param topic null for a mapping-only run
 * @param linesRead records read (a CSV record with a quoted line break spans several lines)
 * @param unreadableLines lines that could not be read at all (broken quoting, wrong number of fields, bad JSON)
 * @param events events published (events mapped, for a mapping-only run)
 * @param eventsByType events per wire type name
 * @param groups events made by grouping lines
 * @param eventsWithoutCustomerId events without a customer id (the job rejects them as missing_field)
 * @param linesWithoutCustomerId input records that went into those events
 * @param valuesNotConverted per "event.field", values that did not convert and were published as raw text
 * @param splitGroups groups whose key came back after the group was published (published with "#2", "#3"...)
 * @param forcedGroupCloses groups closed early because too many were open
 * @param outOfOrderLines lines older than a line before them, in a mapping grouped by timestamp
 * @param seconds wall-clock time, from opening the file to the last acknowledgement
 */
public record IngestReport(String file, String mapping, String topic, long linesRead, long unreadableLines,
        long events, Map<String, Long> eventsByType, long groups, long eventsWithoutCustomerId,
        long linesWithoutCustomerId, Map<String, Long> valuesNotConverted, long splitGroups, long forcedGroupCloses,
        long outOfOrderLines, double seconds) {

    public IngestReport {
        eventsByType = Map.copyOf(eventsByType);
        valuesNotConverted = Map.copyOf(valuesNotConverted);
    }

    public double eventsPerSecond() {
        return seconds > 0 ? events / seconds : 0;
    }

    public double linesPerSecond() {
        return seconds > 0 ? linesRead / seconds : 0;
    }

    /** One readable paragraph for the log and the CLI. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s with mapping %s: %,d lines read, %,d unreadable; %,d events %s",
                file, mapping, linesRead, unreadableLines, events, topic == null ? "mapped" : "published to " + topic));
        sb.append(eventsByType.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", " (", ")")));
        sb.append(String.format(Locale.ROOT, ", %,d from groups; %,d events (%,d lines) without customer id",
                groups, eventsWithoutCustomerId, linesWithoutCustomerId));
        if (!valuesNotConverted.isEmpty()) {
            sb.append("; values not converted, published as raw text: ").append(valuesNotConverted);
        }
        if (splitGroups + forcedGroupCloses + outOfOrderLines > 0) {
            sb.append(String.format(Locale.ROOT, "; %,d split groups, %,d groups closed early, %,d lines out of order",
                    splitGroups, forcedGroupCloses, outOfOrderLines));
        }
        sb.append(String.format(Locale.ROOT, "; %.2f s, %,.0f events/s, %,.0f lines/s", seconds, eventsPerSecond(),
                linesPerSecond()));
        return sb.toString();
    }
}
