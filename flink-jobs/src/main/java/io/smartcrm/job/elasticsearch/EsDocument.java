package io.smartcrm.job.elasticsearch;

/**
 * One whole document to write. With a {@code version} ≥ 0 it is indexed with external versioning (a stale
 * version is answered 409 and skipped); with version {@link #CREATE_ONLY} it is created once and a second
 * write of the same id is skipped (immutable documents such as events); with version {@link #OVERWRITE} the last
 * write wins (model versions, re-published after a restore).
 */
public class EsDocument {
    public static final long CREATE_ONLY = -1;
    public static final long OVERWRITE = -2;

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
}
