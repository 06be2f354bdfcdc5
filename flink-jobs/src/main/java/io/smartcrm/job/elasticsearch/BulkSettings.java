package io.smartcrm.job.elasticsearch;

import java.io.Serializable;

/** Batching and retry policy of the Elasticsearch sink. */
public final class BulkSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    final int maxActions;
    final long maxBytes;
    final long flushIntervalMillis;
    final int maxRetries;
    final long initialBackoffMillis;
    final long maxBackoffMillis;

    public BulkSettings(int maxActions, long maxBytes, long flushIntervalMillis, int maxRetries,
            long initialBackoffMillis, long maxBackoffMillis) {
        if (maxActions < 1 || maxBytes < 1 || flushIntervalMillis < 1 || maxRetries < 0 || initialBackoffMillis < 1
                || maxBackoffMillis < initialBackoffMillis) {
            throw new IllegalArgumentException("invalid Elasticsearch bulk settings");
        }
        this.maxActions = maxActions;
        this.maxBytes = maxBytes;
        this.flushIntervalMillis = flushIntervalMillis;
        this.maxRetries = maxRetries;
        this.initialBackoffMillis = initialBackoffMillis;
        this.maxBackoffMillis = maxBackoffMillis;
    }

    long backoff(int attempt) {
        return Math.min(maxBackoffMillis, initialBackoffMillis << Math.min(attempt, 20));
    }
}
