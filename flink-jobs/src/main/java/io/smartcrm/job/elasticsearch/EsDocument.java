package io.smartcrm.job.elasticsearch;

/**
 * One whole document to write. With a {@code version} ≥ 0 it is indexed with external versioning (a stale
 * version is answered 409 and skipped); with version {@link #CREATE_ONLY} it is created once and a second
 * write of the same id is skipped (immutable documents such as events); with version {@link #OVERWRITE} the last
 * write wins (model versions, re-published after a restore). Two operations carry no source: {@link #DELETE}
 * deletes the id (an erased profile), and {@link #ERASE_EVENTS} deletes every document of customer {@code id} in
 * the indices {@code index} (patterns, comma-separated) once everything written before it is in.
 */
public class EsDocument {
    public static final long CREATE_ONLY = -1;
    public static final long OVERWRITE = -2;
    public static final long DELETE = -3;
    public static final long ERASE_EVENTS = -4;
    private static final byte[] NO_SOURCE = new byte[0];

    public String index;
    public String id;
    public long version = CREATE_ONLY;
    public byte[] source;

    public EsDocument() {}

    public EsDocument(String index, String id, long version, byte[] source) {
        this.index = index;
        this.id = id;
        this.version = version;
        this.source = source;
    }

    public static EsDocument delete(String index, String id) {
        return new EsDocument(index, id, DELETE, NO_SOURCE);
    }

    public static EsDocument eraseEvents(String indexPattern, String customerId) {
        return new EsDocument(indexPattern, customerId, ERASE_EVENTS, NO_SOURCE);
    }
}
