package io.smartcrm.job.rfm;

/** A buyer's RFM figures moved from {@code previous} (null: not counted yet) to {@code current}. */
public class RfmObservation {
    public RfmInputs previous;
    public RfmInputs current;

    public RfmObservation() {}

    public RfmObservation(RfmInputs previous, RfmInputs current) {
        this.previous = previous;
        this.current = current;
    }
}
