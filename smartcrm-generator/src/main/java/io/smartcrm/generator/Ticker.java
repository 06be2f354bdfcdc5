package io.smartcrm.generator;

import java.util.concurrent.locks.LockSupport;

/** The wall clock and sleeping, replaceable in tests. */
interface Ticker {
    Ticker SYSTEM = new Ticker() {
        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            LockSupport.parkNanos(nanos);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    };

    long currentTimeMillis();

    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;
}
