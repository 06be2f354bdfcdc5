package io.smartcrm.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Generation must cost far less than the pipeline. Measured on this thread's CPU time, which machines shared with
 * other builds do not distort; the wall-clock rate is printed next to it.
 */
class GeneratorThroughputTest {

    @Test
    void generatesWellOverAHundredThousandEventsPerSecondOnOneThread() {
        GeneratorConfig config = GeneratorConfig.builder().startTime(Streams.START).build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = 0;
        for (int round = 0; round < 3; round++) {
            EventGenerator generator = new EventGenerator(config);
            int n = 300_000;
            long bytes = 0;
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < n; i++) {
                bytes += generator.next().value().length;
            }
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            wall = System.nanoTime() - wall;
            double perSecond = n * 1e9 / cpu;
            best = Math.max(best, perSecond);
            System.out.printf(Locale.ROOT, "generator throughput: %,d events (%,d bytes) in %,d ms CPU / %,d ms wall: "
                    + "%,.0f events/s CPU, %,.0f events/s wall%n", n, bytes, cpu / 1_000_000, wall / 1_000_000,
                    perSecond, n * 1e9 / wall);
        }
        assertThat(best).isGreaterThan(100_000);
    }
}
