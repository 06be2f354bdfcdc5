package io.smartcrm.job;

import static io.smartcrm.job.SmartcrmOptions.*;

import io.smartcrm.job.alerts.AlertSerializer;
import io.smartcrm.job.alerts.CustomerActivity;
import io.smartcrm.job.alerts.ControlStreamWatermarks;
import io.smartcrm.job.alerts.PopulationWindows;
import io.smartcrm.job.alerts.RuleUpdate;
import io.smartcrm.job.alerts.RuleUpdateDeserializer;
import io.smartcrm.job.alerts.ShiftSettings;
import io.smartcrm.job.alerts.WebhookSink;
import io.smartcrm.job.clean.CurrencyRates;
import io.smartcrm.job.clean.Standardizer;
import io.smartcrm.job.dedupe.EventDeduplicator;
import io.smartcrm.job.dlq.DeadLetterSerializer;
import io.smartcrm.job.elasticsearch.BulkSettings;
import io.smartcrm.job.elasticsearch.DailyIndexRetention;
import io.smartcrm.job.elasticsearch.Documents;
import io.smartcrm.job.elasticsearch.ElasticsearchConnection;
import io.smartcrm.job.elasticsearch.ElasticsearchSink;
import io.smartcrm.job.elasticsearch.EsDocument;
import io.smartcrm.job.features.ProfileFeatures;
import io.smartcrm.job.labels.LabelSettings;
import io.smartcrm.job.labels.TrainingExample;
import io.smartcrm.job.models.ClassifierSettings;
import io.smartcrm.job.models.ModelScorer;
import io.smartcrm.job.models.ModelTrainer;
import io.smartcrm.job.models.PublishedModels;
import io.smartcrm.job.models.ScoreBands;
import io.smartcrm.job.models.ScoredProfile;
import io.smartcrm.job.models.SegmentSettings;
import io.smartcrm.job.profile.ProfileBuilder;
import io.smartcrm.job.profile.ProfileSettings;
import io.smartcrm.job.quality.QualityCounter;
import io.smartcrm.job.quality.QualityTick;
import io.smartcrm.job.rfm.ProfileScorer;
import io.smartcrm.job.rfm.RfmPopulationFunction;
import io.smartcrm.job.source.CrmEventDeserializer;
import io.smartcrm.job.source.EventTimeWatermarks;
import io.smartcrm.job.source.ParsedRecord;
import io.smartcrm.job.source.RecordParser;
import io.smartcrm.job.source.RecordRouter;
import io.smartcrm.kafka.SharedTopics;
import io.smartcrm.model.alert.Alert;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.profile.CustomerProfile;
import io.smartcrm.model.wire.DeadLetter;
import io.smartcrm.templates.IndexTemplates;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The customer-360 job: Kafka events → parse, validate, standardize → dedupe → per-customer profile →
 * population-wide scores (RFM; segments, churn and propensity from the online models trained alongside) →
 * Elasticsearch; rejected messages → dead-letter topic and index; model versions → models index; customer activity
 * per window → segment snapshots, shift and rule alerts (rules from the rules topic) → Elasticsearch, the alerts
 * topic and an optional webhook; duplicates, late events and events dropped after an erasure → hourly data-quality
 * counts → Elasticsearch.
 * {@link #build} takes its source and sinks from the caller, so tests can pass their own; {@link #main}
 * wires Kafka and Elasticsearch.
 */
public final class CustomerJob {
    public static final String NAME = "smartcrm customer 360";

    private CustomerJob() {}

    /** Adds the pipeline to {@code env} with Kafka and Elasticsearch as configured. */
    public static void build(StreamExecutionEnvironment env, Configuration conf) {
        build(env, conf, kafkaSource(conf), rulesSource(conf), deadLetterSink(conf), alertsSink(conf),
                elasticsearchSink(conf));
    }

    /** Adds the pipeline to {@code env}. */
    public static void build(StreamExecutionEnvironment env, Configuration conf,
            Source<ParsedRecord, ?, ?> source, Source<RuleUpdate, ?, ?> rules, Sink<DeadLetter> deadLetterTopic,
            Sink<Alert> alertTopic, Sink<EsDocument> elasticsearch) {
        WatermarkStrategy<ParsedRecord> watermarks = EventTimeWatermarks.strategy(conf.get(OUT_OF_ORDERNESS),
                conf.get(IDLENESS));

        SingleOutputStreamOperator<CustomerEvent> accepted = env
                .fromSource(source, watermarks, "events").uid("events-source")
                .process(new RecordRouter()).name("route accepted / rejected").uid("route");

        DataStream<DeadLetter> deadLetters = accepted.getSideOutput(RecordRouter.DEAD_LETTERS);
        deadLetters.sinkTo(deadLetterTopic).name("dead-letter topic").uid("dead-letter-topic-sink");

        SingleOutputStreamOperator<CustomerEvent> unique = accepted
                .keyBy(e -> e.customerId)
                .process(new EventDeduplicator(conf.get(DEDUPE_TTL).toMillis())).name("dedupe by eventId").uid("dedupe");

        LabelSettings labels = labelSettings(conf);
        SingleOutputStreamOperator<CustomerProfile> profiles = DataStreamUtils
                .reinterpretAsKeyedStream(unique, e -> e.customerId)
                .process(new ProfileBuilder(profileSettings(conf), conf.get(PROFILE_WRITE_INTERVAL).toMillis(), labels))
                .name("customer profile").uid("profile");

        DataStream<io.smartcrm.job.rfm.RfmDistribution> rfm = profiles
                .getSideOutput(ProfileBuilder.RFM_OBSERVATIONS)
                .keyBy(o -> 0)
                .process(new RfmPopulationFunction(1_000)).name("RFM population").uid("rfm-population")
                .setParallelism(1).setMaxParallelism(1);

        SegmentSettings segments = segmentSettings(conf);
        Set<String> labelAttributes = labels.labelAttributes();
        DataStream<TrainingExample> segmentPoints = profiles
                .flatMap((CustomerProfile p, Collector<TrainingExample> out) -> {
                    if (!p.erased) {
                        out.collect(new TrainingExample(TrainingExample.SEGMENTS, p.customerId, 0, null,
                                ProfileFeatures.extract(p, labelAttributes).select(segments.features())));
                    }
                }).returns(TrainingExample.class)
                .name("segmentation points").uid("segment-points");
        DataStream<PublishedModels> models = segmentPoints
                .union(profiles.getSideOutput(ProfileBuilder.TRAINING_EXAMPLES))
                .keyBy(x -> 0)
                .process(new ModelTrainer(segments, classifierSettings(conf),
                        conf.get(MODELS_PUBLISH_INTERVAL).toMillis(), conf.get(MODELS_RESCORE_INTERVAL).toMillis()))
                .name("train models").uid("model-trainer")
                .setParallelism(1).setMaxParallelism(1);

        DataStream<CustomerProfile> rfmScored = profiles
                .connect(rfm.broadcast(ProfileScorer.RFM_DISTRIBUTION))
                .process(new ProfileScorer()).name("score RFM").uid("score");
        String customersIndex = conf.get(CUSTOMERS_INDEX);
        DataStream<ScoredProfile> scored = DataStreamUtils
                .reinterpretAsKeyedStream(rfmScored, p -> p.customerId)
                .connect(models.broadcast(ModelScorer.MODELS))
                .process(new ModelScorer(new ScoreBands(conf.get(BAND_MEDIUM), conf.get(BAND_HIGH)),
                        conf.get(SCORE_REASONS), labelAttributes))
                .name("score segments, churn, propensity").uid("model-score");
        DataStream<EsDocument> customerDocs = scored
                .map(p -> Documents.customer(customersIndex, p)).name("profile documents").uid("profile-documents");

        DataStream<RuleUpdate> ruleUpdates = env
                .fromSource(rules, WatermarkStrategy.forGenerator(ctx -> new ControlStreamWatermarks<RuleUpdate>()),
                        "alert rules").uid("alert-rules-source").setParallelism(1);
        SingleOutputStreamOperator<Alert> alerts = scored
                .keyBy(p -> p.profile.customerId)
                .process(new CustomerActivity(conf.get(ALERTS_WINDOW).toMillis()))
                .name("customer activity per window").uid("customer-activity")
                .keyBy(a -> 0)
                .connect(ruleUpdates.broadcast(PopulationWindows.RULES))
                .process(new PopulationWindows(shiftSettings(conf), conf.get(ALERTS_ALLOWED_LATENESS).toMillis()))
                .name("segment windows, shifts, rules").uid("population-windows")
                .setParallelism(1).setMaxParallelism(1);
        alerts.sinkTo(alertTopic).name("alerts topic").uid("alerts-topic-sink");
        if (!conf.get(ALERTS_WEBHOOK_URL).isBlank()) {
            alerts.sinkTo(new WebhookSink(conf.get(ALERTS_WEBHOOK_URL), conf.get(ALERTS_WEBHOOK_RETRIES),
                    conf.get(ALERTS_WEBHOOK_TIMEOUT).toMillis())).name("alerts webhook").uid("alerts-webhook-sink")
                    .setParallelism(1);
        }
        String alertsIndex = conf.get(ALERTS_INDEX);
        String segmentsIndex = conf.get(SEGMENTS_INDEX);
        DataStream<EsDocument> alertDocs = alerts
                .map(a -> Documents.alert(alertsIndex, a)).name("alert documents").uid("alert-documents")
                .setParallelism(1);
        DataStream<EsDocument> snapshotDocs = alerts.getSideOutput(PopulationWindows.SNAPSHOTS)
                .map(s -> Documents.segmentSnapshot(segmentsIndex, s)).name("segment snapshot documents")
                .uid("segment-snapshot-documents").setParallelism(1);

        String modelsIndex = conf.get(MODELS_INDEX);
        DataStream<EsDocument> modelDocs = models
                .flatMap((PublishedModels m, Collector<EsDocument> out) -> Documents.models(modelsIndex, m).forEach(out::collect))
                .returns(EsDocument.class).name("model documents").uid("model-documents");

        DailyIndexRetention eventIndices = eventIndices(conf);
        String dlqIndex = conf.get(DLQ_INDEX);
        String erasedIndices = eventIndices.pattern() + "," + dlqIndex;
        DataStream<EsDocument> eventDocs = unique
                .map(e -> e.type == EventType.CUSTOMER_ERASURE ? EsDocument.eraseEvents(erasedIndices, e.customerId)
                        : Documents.event(eventIndices.indexFor(e.timestamp), e))
                .name("event documents").uid("event-documents");

        DataStream<EsDocument> deadLetterDocs = deadLetters
                .map(d -> Documents.deadLetter(dlqIndex, d)).name("dead-letter documents").uid("dead-letter-documents");

        String qualityIndex = conf.get(QUALITY_INDEX);
        DataStream<EsDocument> qualityDocs = unique.getSideOutput(QualityTick.OUTPUT)
                .union(profiles.getSideOutput(QualityTick.OUTPUT))
                .keyBy(QualityTick::key)
                .process(new QualityCounter(conf.get(QUALITY_WRITE_INTERVAL).toMillis()))
                .name("data-quality counts").uid("quality-counts")
                .map(c -> Documents.quality(qualityIndex, c)).name("data-quality documents").uid("quality-documents");

        customerDocs.union(eventDocs, deadLetterDocs, modelDocs, alertDocs, snapshotDocs, qualityDocs)
                .sinkTo(elasticsearch).name("elasticsearch").uid("elasticsearch-sink");
    }

    public static RecordParser recordParser(Configuration conf) {
        Standardizer standardizer = new Standardizer(conf.get(PHONE_REGION),
                CurrencyRates.parse(conf.get(BASE_CURRENCY), conf.get(CURRENCY_RATES)));
        return new RecordParser(conf.get(MAX_PAYLOAD_BYTES), conf.get(MAX_FUTURE_SKEW).toMillis(), standardizer);
    }

    public static ProfileSettings profileSettings(Configuration conf) {
        List<String> precedence = Arrays.stream(conf.get(SOURCE_PRECEDENCE).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new ProfileSettings(precedence, conf.get(SESSION_GAP).toMillis(), conf.get(CART_ABANDON_AFTER).toMillis());
    }

    public static LabelSettings labelSettings(Configuration conf) {
        return new LabelSettings(conf.get(CHURN_HORIZON).toMillis(), conf.get(PROPENSITY_HORIZON).toMillis(),
                conf.get(CHURN_LABEL_ATTRIBUTE));
    }

    public static SegmentSettings segmentSettings(Configuration conf) {
        List<String> features = Arrays.stream(conf.get(SEGMENTS_FEATURES).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String f : features) {
            if (ProfileFeatures.definition(f) == null) {
                throw new IllegalArgumentException("segments.features: unknown feature '" + f + "'; known: "
                        + String.join(", ", ProfileFeatures.behaviourNames()));
            }
        }
        return new SegmentSettings(conf.get(SEGMENTS_K), conf.get(SEGMENTS_DECAY_FACTOR),
                conf.get(SEGMENTS_BATCH_SIZE), conf.get(SEGMENTS_SEED), features, conf.get(LR_QUALITY_WINDOW));
    }

    public static ClassifierSettings classifierSettings(Configuration conf) {
        return new ClassifierSettings(conf.get(LR_ALPHA), conf.get(LR_BETA), conf.get(LR_REG),
                conf.get(LR_ELASTIC_NET), conf.get(LR_BATCH_SIZE), conf.get(LR_MIN_LABELS),
                conf.get(LR_QUALITY_WINDOW), conf.get(MAX_CATEGORIES));
    }

    public static ShiftSettings shiftSettings(Configuration conf) {
        return new ShiftSettings(conf.get(ALERTS_WINDOW).toMillis(), conf.get(ALERTS_REFERENCE_WINDOWS),
                conf.get(ALERTS_PSI_MINOR), conf.get(ALERTS_PSI_MAJOR), conf.get(ALERTS_SHARE_CHANGE),
                conf.get(ALERTS_CHURN_CHANGE), conf.get(ALERTS_MIN_CUSTOMERS), conf.get(ALERTS_MIN_SEGMENT_CUSTOMERS),
                conf.get(ALERTS_OPEN_AFTER), conf.get(ALERTS_RESOLVE_AFTER), conf.get(ALERTS_MAX_OPEN_WINDOWS));
    }

    public static DailyIndexRetention eventIndices(Configuration conf) {
        return new DailyIndexRetention(conf.get(EVENTS_INDEX_PREFIX), conf.get(EVENTS_RETENTION_DAYS));
    }

    public static KafkaSource<ParsedRecord> kafkaSource(Configuration conf) {
        return KafkaSource.<ParsedRecord>builder()
                .setBootstrapServers(conf.get(KAFKA_BOOTSTRAP_SERVERS))
                .setTopics(conf.get(EVENTS_TOPIC))
                .setGroupId(conf.get(GROUP_ID))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new CrmEventDeserializer(recordParser(conf)))
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    /** The rules topic from its beginning (a compacted topic: every rule as it now is), then live. */
    public static KafkaSource<RuleUpdate> rulesSource(Configuration conf) {
        return KafkaSource.<RuleUpdate>builder()
                .setBootstrapServers(conf.get(KAFKA_BOOTSTRAP_SERVERS))
                .setTopics(conf.get(ALERT_RULES_TOPIC))
                .setGroupId(conf.get(GROUP_ID) + "-rules")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RuleUpdateDeserializer())
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    public static KafkaSink<Alert> alertsSink(Configuration conf) {
        return KafkaSink.<Alert>builder()
                .setBootstrapServers(conf.get(KAFKA_BOOTSTRAP_SERVERS))
                .setRecordSerializer(new AlertSerializer(conf.get(ALERTS_TOPIC)))
                .setDeliveryGuarantee(conf.get(DLQ_EXACTLY_ONCE) ? DeliveryGuarantee.EXACTLY_ONCE
                        : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(conf.get(GROUP_ID) + "-alerts")
                .setProperty("transaction.timeout.ms", "600000")
                .build();
    }

    /** Creates the topics the job writes or reads besides the events topic, if missing. */
    public static void createTopics(Configuration conf) throws Exception {
        SharedTopics.createIfMissing(conf.get(KAFKA_BOOTSTRAP_SERVERS), List.of(
                SharedTopics.alertRules(conf.get(ALERT_RULES_TOPIC)), SharedTopics.alerts(conf.get(ALERTS_TOPIC))));
    }

    public static KafkaSink<DeadLetter> deadLetterSink(Configuration conf) {
        boolean exactlyOnce = conf.get(DLQ_EXACTLY_ONCE);
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(conf.get(KAFKA_BOOTSTRAP_SERVERS))
                .setRecordSerializer(new DeadLetterSerializer(conf.get(DLQ_TOPIC)))
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(conf.get(GROUP_ID) + "-dlq")
                .setProperty("transaction.timeout.ms", "600000")
                .build();
    }

    public static ElasticsearchConnection esConnection(Configuration conf) {
        List<String> hosts = Arrays.stream(conf.get(ES_HOSTS).split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        return new ElasticsearchConnection(hosts, conf.get(ES_USERNAME), conf.get(ES_PASSWORD), conf.get(ES_API_KEY));
    }

    public static ElasticsearchSink elasticsearchSink(Configuration conf) {
        BulkSettings bulk = new BulkSettings(conf.get(BULK_MAX_ACTIONS), conf.get(BULK_MAX_SIZE).getBytes(),
                conf.get(BULK_FLUSH_INTERVAL).toMillis(), conf.get(BULK_MAX_RETRIES),
                conf.get(BULK_BACKOFF).toMillis(), 30_000);
        return new ElasticsearchSink(esConnection(conf), bulk, eventIndices(conf));
    }

    /** Applies the index templates for the configured index names (idempotent). */
    public static void applyIndexTemplates(Configuration conf) throws Exception {
        ElasticsearchClient client = esConnection(conf).createClient();
        try {
            IndexTemplates.apply(client, Map.of("crm-customers", conf.get(CUSTOMERS_INDEX),
                    "crm-events", conf.get(EVENTS_INDEX_PREFIX) + "*", "crm-dlq", conf.get(DLQ_INDEX),
                    "crm-models", conf.get(MODELS_INDEX), "crm-segments", conf.get(SEGMENTS_INDEX),
                    "crm-alerts", conf.get(ALERTS_INDEX), "crm-alert-rules", conf.get(ALERT_RULES_INDEX),
                    "crm-quality", conf.get(QUALITY_INDEX)));
        } finally {
            ElasticsearchConnection.close(client);
        }
    }

    /** Runs on a Flink cluster: {@code --key value} pairs override the options (see SmartcrmOptions). */
    public static void main(String[] args) throws Exception {
        Configuration conf = Configuration.fromMap(ParameterTool.fromArgs(args).toMap());
        if (!conf.contains(CheckpointingOptions.CHECKPOINTING_INTERVAL)) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        }
        applyIndexTemplates(conf);
        createTopics(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        build(env, conf);
        env.execute(NAME);
    }
}
