package io.smartcrm.ingest;

/** A mapping that cannot be used; the message names the mapping, the place in it and the problem. */
public class MappingException extends IllegalArgumentException {
    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}
