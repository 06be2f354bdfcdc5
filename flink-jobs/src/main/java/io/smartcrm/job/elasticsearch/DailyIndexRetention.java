package io.smartcrm.job.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention of daily indices {@code PREFIX + yyyy.MM.dd}, counted in days of event time: when a newer day is
 * first written, indices older than {@code days} before it are deleted, and documents for such days are no
 * longer written (they would re-create a deleted index). Event time, not the wall clock, so replaying history
 * keeps the last {@code days} days of it.
 */
public final class DailyIndexRetention implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DailyIndexRetention.class);
    /** Indices per delete request: their names make the request line, which Elasticsearch caps at 4 KiB. */
    private static final int DELETE_BATCH = 100;
    private static final String NOT_FOUND = "index_not_found_exception";
    public static final DateTimeFormatter DAY_FORMAT = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    private final String prefix;
    private final int days;
    private LocalDate newestDay;

    public DailyIndexRetention(String prefix, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("retention must be at least one day");
        }
        this.prefix = prefix;
        this.days = days;
    }

    /** The pattern of all the daily indices. */
    public String pattern() {
        return prefix + "*";
    }

    public String indexFor(long eventTimeMillis) {
        return prefix + DAY_FORMAT.format(LocalDate.ofInstant(java.time.Instant.ofEpochMilli(eventTimeMillis),
                ZoneOffset.UTC));
    }

    /** Whether a document for this index should be written; a newer day triggers deletion of expired indices. */
    boolean admit(String index, ElasticsearchClient client) throws IOException {
        LocalDate day = dayOf(index);
        if (day == null) {
            return true;
        }
        if (newestDay == null || day.isAfter(newestDay)) {
            newestDay = day;
            deleteExpired(client);
            return true;
        }
        return !expired(day);
    }

    /** The newest day written so far, or null. */
    LocalDate newestDay() {
        return newestDay;
    }

    /** Whether this is a daily index of this prefix whose day has expired (no longer written). */
    boolean isExpired(String index) {
        LocalDate day = dayOf(index);
        return day != null && expired(day);
    }

    private boolean expired(LocalDate day) {
        return newestDay != null && !day.isAfter(newestDay.minusDays(days));
    }

    private LocalDate dayOf(String index) {
        if (!index.startsWith(prefix)) {
            return null;
        }
        try {
            return LocalDate.parse(index.substring(prefix.length()), DAY_FORMAT);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void deleteIfPresent(ElasticsearchClient client, String index) throws IOException {
        try {
            client.indices().delete(d -> d.index(index));
        } catch (ElasticsearchException e) {
            if (!NOT_FOUND.equals(e.error().type())) {
                throw e;
            }
        }
    }

    private void deleteExpired(ElasticsearchClient client) throws IOException {
        List<String> expired = new ArrayList<>();
        for (String index : client.indices().get(g -> g.index(prefix + "*").allowNoIndices(true)).result().keySet()) {
            LocalDate day = dayOf(index);
            if (day != null && expired(day)) {
                expired.add(index);
            }
        }
        for (int i = 0; i < expired.size(); i += DELETE_BATCH) {
            List<String> batch = expired.subList(i, Math.min(expired.size(), i + DELETE_BATCH));
            try {
                client.indices().delete(d -> d.index(batch).ignoreUnavailable(true));
            } catch (ElasticsearchException e) {
                if (!NOT_FOUND.equals(e.error().type())) {
                    throw e;
                }
                // another sink subtask deleted one of them first: delete the rest one by one
                for (String index : batch) {
                    deleteIfPresent(client, index);
                }
            }
        }
        if (!expired.isEmpty()) {
            LOG.info("Deleted {} daily indices older than {} days before {}: {}", expired.size(), days, newestDay,
                    expired);
        }
    }
}
