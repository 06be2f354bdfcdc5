package io.smartcrm.ingest;

/** Publishing failed: a send was not acknowledged by Kafka, so the ingest is incomplete. */
public class IngestException extends RuntimeException {
    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
