package io.smartcrm.job.elasticsearch;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Sink V2 writing whole {@link EsDocument}s with the bulk API. At-least-once delivery plus external versions
 * (or create-only ids) gives an exactly-once effect: every checkpoint flushes the buffer and waits for the
 * answers, so nothing acknowledged stays buffered, and a replay only re-sends versions Elasticsearch rejects.
 */
public class ElasticsearchSink implements Sink<EsDocument> {
    private static final long serialVersionUID = 1L;

    private final ElasticsearchConnection connection;
    private final BulkSettings settings;
    private final DailyIndexRetention retention;

    /** @param retention retention of daily indices, or null for none */
    public ElasticsearchSink(ElasticsearchConnection connection, BulkSettings settings, DailyIndexRetention retention) {
        this.connection = connection;
        this.settings = settings;
        this.retention = retention;
    }

    @Override
    public SinkWriter<EsDocument> createWriter(WriterInitContext context) throws IOException {
        return new ElasticsearchSinkWriter(connection.createClient(), settings, retention,
                context.getProcessingTimeService(), context.metricGroup());
    }
}
