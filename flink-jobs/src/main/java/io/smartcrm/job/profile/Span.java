package io.smartcrm.job.profile;

/** A session's extent in event time: its first and last engagement event. */
public class Span {
    public long start;
    public long end;

    public Span() {}

    Span(long start, long end) {
        this.start = start;
        this.end = end;
    }
}
