package io.smartcrm.generator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What the generator simulates and how fast it publishes. Immutable; build with {@link #builder()}.
 *
 * @param customers      size of the customer base, new customers included (default 10,000)
 * @param rate           events per second of wall time the publisher sends; {@code <= 0} = as fast as possible
 *                       (default 2,000)
 * @param seed           seed of every random choice: the same config gives a byte-identical stream (default 42)
 * @param startTime      simulated time of the first event (default now − 120 days, truncated to the day, so
 *                       generators built on the same day agree)
 * @param malformedShare share of all messages that are deliberately invalid (default 0.005)
 * @param duplicateShare share of all messages that re-send an earlier event with the same eventId (default 0.01)
 * @param topic          Kafka topic (default {@code crm.events})
 * @param baseCurrency   the pipeline's base currency: only orders in it may leave {@code currency} out
 *                       (default EUR)
 * @param shiftAt        simulated instant from which {@code shiftKind} applies, or null for no shift
 * @param shiftKind      the behaviour change at {@code shiftAt}, or null for no shift
 * @param shiftUntil     simulated instant at which the shift is reversed, or null for a lasting shift
 */
public record GeneratorConfig(int customers, double rate, long seed, Instant startTime, double malformedShare,
                              double duplicateShare, String topic, String baseCurrency, Instant shiftAt,
                              ShiftKind shiftKind, Instant shiftUntil) {

    public static final int DEFAULT_CUSTOMERS = 10_000;
    public static final double DEFAULT_RATE = 2_000;
    public static final long DEFAULT_SEED = 42;
    public static final Duration DEFAULT_HISTORY = Duration.ofDays(120);
    public static final double DEFAULT_MALFORMED_SHARE = 0.005;
    public static final double DEFAULT_DUPLICATE_SHARE = 0.01;
    public static final String DEFAULT_TOPIC = "crm.events";
    public static final String DEFAULT_BASE_CURRENCY = "EUR";

    public GeneratorConfig {
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1, got " + customers);
        }
        if (Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a finite number, got " + rate);
        }
        Objects.requireNonNull(startTime, "startTime");
        checkShare("malformedShare", malformedShare);
        checkShare("duplicateShare", duplicateShare);
        if (malformedShare + duplicateShare > 0.5) {
            throw new IllegalArgumentException("malformedShare + duplicateShare must not exceed 0.5");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        if (baseCurrency == null || !baseCurrency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("baseCurrency must be an ISO-4217 code, got " + baseCurrency);
        }
        if ((shiftAt == null) != (shiftKind == null)) {
            throw new IllegalArgumentException("shiftAt and shiftKind go together: set both or neither");
        }
        if (shiftUntil != null && (shiftAt == null || !shiftUntil.isAfter(shiftAt))) {
            throw new IllegalArgumentException("shiftUntil must come after shiftAt");
        }
    }

    private static void checkShare(String name, double share) {
        if (!(share >= 0 && share <= 0.5)) {
            throw new IllegalArgumentException(name + " must be within [0, 0.5], got " + share);
        }
    }

    /** The defaults, with the start time taken from the wall clock now. */
    public static GeneratorConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().customers(customers).rate(rate).seed(seed).startTime(startTime)
                .malformedShare(malformedShare).duplicateShare(duplicateShare).topic(topic)
                .baseCurrency(baseCurrency).shift(shiftAt, shiftKind).shiftUntil(shiftUntil);
    }

    /** Whether {@code kind} is configured and in force at simulated time {@code timeMillis}. */
    boolean shifted(ShiftKind kind, long timeMillis) {
        return shiftKind == kind && timeMillis >= shiftAt.toEpochMilli()
                && (shiftUntil == null || timeMillis < shiftUntil.toEpochMilli());
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private int customers = DEFAULT_CUSTOMERS;
        private double rate = DEFAULT_RATE;
        private long seed = DEFAULT_SEED;
        private Instant startTime = Instant.now().minus(DEFAULT_HISTORY).truncatedTo(ChronoUnit.DAYS);
        private double malformedShare = DEFAULT_MALFORMED_SHARE;
        private double duplicateShare = DEFAULT_DUPLICATE_SHARE;
        private String topic = DEFAULT_TOPIC;
        private String baseCurrency = DEFAULT_BASE_CURRENCY;
        private Instant shiftAt;
        private ShiftKind shiftKind;
        private Instant shiftUntil;

        private Builder() {}

        public Builder customers(int customers) {
            this.customers = customers;
            return this;
        }

        public Builder rate(double eventsPerSecond) {
            this.rate = eventsPerSecond;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder startTime(Instant startTime) {
            this.startTime = startTime;
            return this;
        }

        public Builder malformedShare(double share) {
            this.malformedShare = share;
            return this;
        }

        public Builder duplicateShare(double share) {
            this.duplicateShare = share;
            return this;
        }

        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        public Builder baseCurrency(String baseCurrency) {
            this.baseCurrency = baseCurrency;
            return this;
        }

        /** Applies {@code kind} from simulated time {@code at} on; (null, null) removes the shift. */
        public Builder shift(Instant at, ShiftKind kind) {
            this.shiftAt = at;
            this.shiftKind = kind;
            return this;
        }

        /** Reverses the shift at simulated time {@code until}; null = the shift lasts. */
        public Builder shiftUntil(Instant until) {
            this.shiftUntil = until;
            return this;
        }

        public GeneratorConfig build() {
            return new GeneratorConfig(customers, rate, seed, startTime, malformedShare, duplicateShare, topic,
                    baseCurrency, shiftAt, shiftKind, shiftUntil);
        }
    }
}
