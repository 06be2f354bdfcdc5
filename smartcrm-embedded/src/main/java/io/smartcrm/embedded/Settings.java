package io.smartcrm.embedded;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/** Validation shared by the settings records. */
final class Settings {

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    private Settings() {
    }

    static int port(int port, String what) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 0 (any free port) or 1..65535, not " + port);
        }
        return port;
    }

    static String heap(String heap) {
        if (heap == null || !HEAP.matcher(heap).matches()) {
            throw new IllegalArgumentException("heap must be a JVM size such as 512m or 1g, not " + heap);
        }
        return heap;
    }

    static Duration positive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + duration);
        }
        return duration;
    }
}
