package io.smartcrm.model.wire;

/** An event that cannot be accepted, with the reason code and a readable message naming the field. */
public class InvalidEventException extends Exception {
    private final RejectReason reason;

    public InvalidEventException(RejectReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
