package io.smartcrm.embedded;

/** An embedded server could not be started or stopped. */
public class EmbeddedServerException extends RuntimeException {

    public EmbeddedServerException(String message) {
        super(message);
    }

    public EmbeddedServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
