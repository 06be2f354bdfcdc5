package io.smartcrm.api.http;

import java.io.IOException;

/** Answers one route. IOExceptions are Elasticsearch being out of reach (503). */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws IOException;
}
