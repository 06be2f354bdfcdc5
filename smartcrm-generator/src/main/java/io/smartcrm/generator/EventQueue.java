package io.smartcrm.generator;

import java.util.Arrays;

/**
 * The simulation's agenda: a binary min-heap of (time, customer, action, argument) in primitive arrays, ordered by
 * time and then by insertion, so equal times come out first-in first-out and the order is fully deterministic.
 */
final class EventQueue {
    private long[] time = new long[1024];
    private long[] seq = new long[1024];
    private int[] customer = new int[1024];
    private int[] action = new int[1024];
    private int[] arg = new int[1024];
    private int size;
    private long counter;

    /** The entry taken by the last {@link #pop()}. */
    long topTime;
    int topCustomer;
    int topAction;
    int topArg;

    void push(long t, int cust, int act, int argument) {
        if (size == time.length) {
            int n = size * 2;
            time = Arrays.copyOf(time, n);
            seq = Arrays.copyOf(seq, n);
            customer = Arrays.copyOf(customer, n);
            action = Arrays.copyOf(action, n);
            arg = Arrays.copyOf(arg, n);
        }
        long s = counter++;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(t, s, parent)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, t, s, cust, act, argument);
    }

    void pop() {
        if (size == 0) {
            throw new IllegalStateException("the agenda is empty");
        }
        topTime = time[0];
        topCustomer = customer[0];
        topAction = action[0];
        topArg = arg[0];
        int last = --size;
        long t = time[last];
        long s = seq[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(time[child + 1], seq[child + 1], child)) {
                child++;
            }
            if (!before(time[child], seq[child], last)) {
                break;
            }
            move(child, i);
            i = child;
        }
        set(i, t, s, customer[last], action[last], arg[last]);
    }

    private boolean before(long t, long s, int j) {
        return t < time[j] || (t == time[j] && s < seq[j]);
    }

    private void move(int from, int to) {
        set(to, time[from], seq[from], customer[from], action[from], arg[from]);
    }

    private void set(int i, long t, long s, int cust, int act, int argument) {
        time[i] = t;
        seq[i] = s;
        customer[i] = cust;
        action[i] = act;
        arg[i] = argument;
    }
}
