package io.smartcrm.ingest;

/** A value a conversion could not handle: it is published as this text so the job rejects it with a reason. */
record Raw(String text) {
}
