package io.smartcrm.model.wire;

/** Why an event was rejected to the dead-letter topic. The code is what the DLQ and dashboards show. */
public enum RejectReason {
    MALFORMED_JSON("malformed_json"),
    OVERSIZE("oversize"),
    MISSING_FIELD("missing_field"),
    UNKNOWN_TYPE("unknown_type"),
    WRONG_TYPE("wrong_type"),
    INVALID_TIMESTAMP("invalid_timestamp"),
    FUTURE_TIMESTAMP("future_timestamp"),
    NON_POSITIVE_AMOUNT("non_positive_amount"),
    INVALID_VALUE("invalid_value"),
    UNKNOWN_CURRENCY("unknown_currency");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
