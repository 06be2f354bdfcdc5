package io.smartcrm.job.profile;

/** One master-data field's surviving value, with the event time and source rank that won it. */
public class MasterValue {
    public String value;
    public long timestamp;
    public int rank;

    public MasterValue() {}

    MasterValue(String value, long timestamp, int rank) {
        this.value = value;
        this.timestamp = timestamp;
        this.rank = rank;
    }

    /** Source precedence first, then newer event time; equal on both, the larger value wins (order-independent). */
    boolean losesTo(String otherValue, long otherTimestamp, int otherRank) {
        if (otherRank != rank) {
            return otherRank > rank;
        }
        if (otherTimestamp != timestamp) {
            return otherTimestamp > timestamp;
        }
        return otherValue.compareTo(value) > 0;
    }
}
