package io.smartcrm.job;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/** Every setting of the customer-360 job, declared once with its key, default and description. */
public final class SmartcrmOptions {
    private SmartcrmOptions() {}

    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = ConfigOptions.key("kafka.bootstrap-servers")
            .stringType().defaultValue("127.0.0.1:9092").withDescription("Kafka brokers to read events from.");
    public static final ConfigOption<String> EVENTS_TOPIC = ConfigOptions.key("kafka.events-topic")
            .stringType().defaultValue("crm.events").withDescription("Topic of incoming customer events (JSON, key = customer id).");
    public static final ConfigOption<String> DLQ_TOPIC = ConfigOptions.key("kafka.dlq-topic")
            .stringType().defaultValue("crm.events.dlq").withDescription("Dead-letter topic: rejected messages with reason and original bytes.");
    public static final ConfigOption<String> GROUP_ID = ConfigOptions.key("kafka.group-id")
            .stringType().defaultValue("smartcrm-profiles").withDescription("Consumer group; offsets are committed on checkpoints (for lag monitoring; the job restores from its checkpoints).");
    public static final ConfigOption<Boolean> DLQ_EXACTLY_ONCE = ConfigOptions.key("kafka.dlq-exactly-once")
            .booleanType().defaultValue(true).withDescription("Write the dead-letter topic in Kafka transactions committed on checkpoints (readers use read_committed); false = at least once.");
    public static final ConfigOption<Integer> EVENT_TOPIC_PARTITIONS = ConfigOptions.key("kafka.events-topic-partitions")
            .intType().defaultValue(4).withDescription("Partitions of the events topic when smartcrm creates it.");

    public static final ConfigOption<String> ES_HOSTS = ConfigOptions.key("es.hosts")
            .stringType().defaultValue("http://127.0.0.1:9200").withDescription("Elasticsearch URLs, comma-separated.");
    public static final ConfigOption<String> ES_USERNAME = ConfigOptions.key("es.username")
            .stringType().noDefaultValue().withDescription("Elasticsearch user (basic authentication).");
    public static final ConfigOption<String> ES_PASSWORD = ConfigOptions.key("es.password")
            .stringType().noDefaultValue().withDescription("Elasticsearch password.");
    public static final ConfigOption<String> ES_API_KEY = ConfigOptions.key("es.api-key")
            .stringType().noDefaultValue().withDescription("Elasticsearch API key (base64 id:key); used instead of user and password.");
    public static final ConfigOption<String> CUSTOMERS_INDEX = ConfigOptions.key("es.customers-index")
            .stringType().defaultValue("crm-customers").withDescription("Index of customer profiles (one document per customer).");
    public static final ConfigOption<String> EVENTS_INDEX_PREFIX = ConfigOptions.key("es.events-index-prefix")
            .stringType().defaultValue("crm-events-").withDescription("Prefix of the daily event indices (prefix + yyyy.MM.dd of event time, UTC).");
    public static final ConfigOption<String> DLQ_INDEX = ConfigOptions.key("es.dlq-index")
            .stringType().defaultValue("crm-dlq").withDescription("Index of rejected messages.");
    public static final ConfigOption<Integer> EVENTS_RETENTION_DAYS = ConfigOptions.key("es.events-retention-days")
            .intType().defaultValue(90).withDescription("Daily event indices older than this many days before the newest event day are deleted.");
    public static final ConfigOption<Integer> BULK_MAX_ACTIONS = ConfigOptions.key("es.bulk.max-actions")
            .intType().defaultValue(2000).withDescription("Documents per bulk request at most.");
    public static final ConfigOption<MemorySize> BULK_MAX_SIZE = ConfigOptions.key("es.bulk.max-size")
            .memoryType().defaultValue(MemorySize.parse("8mb")).withDescription("Bytes per bulk request at most.");
    public static final ConfigOption<Duration> BULK_FLUSH_INTERVAL = ConfigOptions.key("es.bulk.flush-interval")
            .durationType().defaultValue(Duration.ofSeconds(1)).withDescription("Buffered documents are sent at least this often (and on every checkpoint).");
    public static final ConfigOption<Integer> BULK_MAX_RETRIES = ConfigOptions.key("es.bulk.max-retries")
            .intType().defaultValue(12).withDescription("Retries of documents refused with 429/5xx or of a lost connection before the job fails (and restarts from its checkpoint).");
    public static final ConfigOption<Duration> BULK_BACKOFF = ConfigOptions.key("es.bulk.initial-backoff")
            .durationType().defaultValue(Duration.ofMillis(200)).withDescription("First retry delay; doubles on every retry up to 30 s.");

    public static final ConfigOption<Duration> PROFILE_WRITE_INTERVAL = ConfigOptions.key("profile.write-interval")
            .durationType().defaultValue(Duration.ofSeconds(1)).withDescription("A customer's profile is written at most once per interval (coalescing); 0 = on every change.");
    public static final ConfigOption<String> SOURCE_PRECEDENCE = ConfigOptions.key("profile.source-precedence")
            .stringType().defaultValue("crm,erp,support,app,web,email").withDescription("Sources from most to least trusted for master data: a field keeps the value of the most trusted source, the newest by event time among equals.");
    public static final ConfigOption<Duration> SESSION_GAP = ConfigOptions.key("profile.session-gap")
            .durationType().defaultValue(Duration.ofMinutes(30)).withDescription("Inactivity that ends a session (for events without a sessionId).");
    public static final ConfigOption<Duration> CART_ABANDON_AFTER = ConfigOptions.key("profile.cart-abandon-after")
            .durationType().defaultValue(Duration.ofHours(24)).withDescription("An open cart with no purchase and no cart activity for this long counts as abandoned.");

    public static final ConfigOption<Integer> MAX_PAYLOAD_BYTES = ConfigOptions.key("validation.max-payload-bytes")
            .intType().defaultValue(65_536).withDescription("Larger messages are rejected as oversize.");
    public static final ConfigOption<Duration> MAX_FUTURE_SKEW = ConfigOptions.key("validation.max-future-skew")
            .durationType().defaultValue(Duration.ofMinutes(5)).withDescription("Events further than this in the future (wall clock) are rejected.");
    public static final ConfigOption<String> PHONE_REGION = ConfigOptions.key("standardize.phone-region")
            .stringType().defaultValue("GB").withDescription("Region (ISO-3166) for phone numbers written without a country code.");
    public static final ConfigOption<String> BASE_CURRENCY = ConfigOptions.key("standardize.base-currency")
            .stringType().defaultValue("GBP").withDescription("Currency all money is converted to.");
    public static final ConfigOption<String> CURRENCY_RATES = ConfigOptions.key("standardize.currency-rates")
            .stringType().defaultValue("EUR=0.85,USD=0.75,CHF=0.90,SEK=0.075,NOK=0.072,DKK=0.114,PLN=0.20,JPY=0.0050,AUD=0.49,CAD=0.54")
            .withDescription("Units of base currency per unit of each currency (CODE=RATE,...). Events in other currencies are rejected.");
    public static final ConfigOption<Duration> DEDUPE_TTL = ConfigOptions.key("dedupe.ttl")
            .durationType().defaultValue(Duration.ofDays(7)).withDescription("How long (event time) an eventId is remembered to drop duplicates.");
    public static final ConfigOption<Duration> OUT_OF_ORDERNESS = ConfigOptions.key("watermark.out-of-orderness")
            .durationType().defaultValue(Duration.ofMinutes(1)).withDescription("Bounded out-of-orderness of event time per partition; later events are counted as late (and still applied).");
    public static final ConfigOption<Duration> IDLENESS = ConfigOptions.key("watermark.idleness")
            .durationType().defaultValue(Duration.ofSeconds(30)).withDescription("A partition without events for this long does not hold back the watermark.");

    public static final ConfigOption<String> MODELS_INDEX = ConfigOptions.key("es.models-index")
            .stringType().defaultValue("crm-models").withDescription("Index of published model versions (one document per model version).");
    public static final ConfigOption<Duration> MODELS_PUBLISH_INTERVAL = ConfigOptions.key("models.publish-interval")
            .durationType().defaultValue(Duration.ofSeconds(10)).withDescription("A model that learned is published (broadcast to scoring, indexed in the models index) at most once per interval; 0 = after every mini-batch.");
    public static final ConfigOption<Duration> MODELS_RESCORE_INTERVAL = ConfigOptions.key("models.rescore-interval")
            .durationType().defaultValue(Duration.ofSeconds(60)).withDescription("At most this often, and always after the newest model versions, every profile is re-scored and rewritten if its segment, band or probability changed (new profile writes always use the newest models).");
    public static final ConfigOption<Integer> SEGMENTS_K = ConfigOptions.key("segments.k")
            .intType().defaultValue(5).withDescription("Online K-means: number of segments (Flink ML k).");
    public static final ConfigOption<Double> SEGMENTS_DECAY_FACTOR = ConfigOptions.key("segments.decay-factor")
            .doubleType().defaultValue(0.99).withDescription("Online K-means: weight kept by the old centroids per mini-batch, 0 = forget, 1 = never forget (Flink ML decayFactor).");
    public static final ConfigOption<Integer> SEGMENTS_BATCH_SIZE = ConfigOptions.key("segments.global-batch-size")
            .intType().defaultValue(32).withDescription("Online K-means: points per mini-batch (Flink ML globalBatchSize).");
    public static final ConfigOption<Long> SEGMENTS_SEED = ConfigOptions.key("segments.seed")
            .longType().defaultValue(42L).withDescription("Online K-means: seed of the k-means++ initialisation (Flink ML seed).");
    public static final ConfigOption<String> SEGMENTS_FEATURES = ConfigOptions.key("segments.features")
            .stringType().defaultValue("days_since_last_purchase,orders,net_revenue,sessions_30d,tickets_90d")
            .withDescription("Behaviour features the segmentation clusters on (names as in the feature list).");
    public static final ConfigOption<Double> LR_ALPHA = ConfigOptions.key("lr.alpha")
            .doubleType().defaultValue(0.1).withDescription("Online logistic regression (FTRL): learning rate alpha (Flink ML alpha).");
    public static final ConfigOption<Double> LR_BETA = ConfigOptions.key("lr.beta")
            .doubleType().defaultValue(0.1).withDescription("FTRL beta (Flink ML beta).");
    public static final ConfigOption<Double> LR_REG = ConfigOptions.key("lr.reg")
            .doubleType().defaultValue(0.0).withDescription("FTRL regularization strength (Flink ML reg).");
    public static final ConfigOption<Double> LR_ELASTIC_NET = ConfigOptions.key("lr.elastic-net")
            .doubleType().defaultValue(0.0).withDescription("FTRL L1 share of the regularization, 0 = L2 only, 1 = L1 only (Flink ML elasticNet).");
    public static final ConfigOption<Integer> LR_BATCH_SIZE = ConfigOptions.key("lr.global-batch-size")
            .intType().defaultValue(32).withDescription("Labelled examples per FTRL mini-batch (Flink ML globalBatchSize).");
    public static final ConfigOption<Integer> LR_MIN_LABELS = ConfigOptions.key("lr.min-labels")
            .intType().defaultValue(50).withDescription("A classifier scores (instead of warming_up) once it has learned from this many examples of each class.");
    public static final ConfigOption<Integer> LR_QUALITY_WINDOW = ConfigOptions.key("lr.quality-window")
            .intType().defaultValue(1000).withDescription("Prequential AUC and log loss cover this many latest labelled examples (segmentation inertia: latest points).");
    public static final ConfigOption<Integer> MAX_CATEGORIES = ConfigOptions.key("features.max-categories")
            .intType().defaultValue(32).withDescription("Categories of one categorical attribute a model learns at most (one-hot); later ones are ignored.");
    public static final ConfigOption<Duration> CHURN_HORIZON = ConfigOptions.key("labels.churn-horizon")
            .durationType().defaultValue(Duration.ofDays(90)).withDescription("Event time without activity (or with a cancellation) after which an observed customer counts as churned.");
    public static final ConfigOption<Duration> PROPENSITY_HORIZON = ConfigOptions.key("labels.propensity-horizon")
            .durationType().defaultValue(Duration.ofDays(30)).withDescription("Purchase propensity: probability of a purchase within this event time.");
    public static final ConfigOption<String> CHURN_LABEL_ATTRIBUTE = ConfigOptions.key("labels.churn-attribute")
            .stringType().defaultValue("churned").withDescription("Profile-update attribute carrying an explicit churn label (true/false); never a feature.");
    public static final ConfigOption<Double> BAND_MEDIUM = ConfigOptions.key("scores.band-medium")
            .doubleType().defaultValue(0.3).withDescription("Probabilities from here are band medium (below: low).");
    public static final ConfigOption<Double> BAND_HIGH = ConfigOptions.key("scores.band-high")
            .doubleType().defaultValue(0.6).withDescription("Probabilities from here are band high.");
    public static final ConfigOption<Integer> SCORE_REASONS = ConfigOptions.key("scores.reasons")
            .intType().defaultValue(3).withDescription("Reasons (largest feature contributions) kept with every score.");

    public static final ConfigOption<String> SEGMENTS_INDEX = ConfigOptions.key("es.segments-index")
            .stringType().defaultValue("crm-segments").withDescription("Index of segment snapshots (one document per window and segment).");
    public static final ConfigOption<String> ALERTS_INDEX = ConfigOptions.key("es.alerts-index")
            .stringType().defaultValue("crm-alerts").withDescription("Index of alerts (one document per alert, updated while it lasts).");
    public static final ConfigOption<String> ALERT_RULES_INDEX = ConfigOptions.key("es.alert-rules-index")
            .stringType().defaultValue("crm-alert-rules").withDescription("Index of marketer alert rules, written by the API.");
    public static final ConfigOption<String> QUALITY_INDEX = ConfigOptions.key("es.quality-index")
            .stringType().defaultValue("crm-quality").withDescription("Index of data-quality counts: duplicates, late events and events dropped after an erasure, per event-time hour and source.");
    public static final ConfigOption<Duration> QUALITY_WRITE_INTERVAL = ConfigOptions.key("quality.write-interval")
            .durationType().defaultValue(Duration.ofSeconds(5)).withDescription("An hour's data-quality counts are written at most once per interval while they change; 0 = on every change.");
    public static final ConfigOption<String> ALERTS_TOPIC = ConfigOptions.key("kafka.alerts-topic")
            .stringType().defaultValue("crm.alerts").withDescription("Topic every alert opening, update and resolution is published to (JSON, key = alert id).");
    public static final ConfigOption<String> ALERT_RULES_TOPIC = ConfigOptions.key("kafka.alert-rules-topic")
            .stringType().defaultValue("crm.alert-rules").withDescription("Compacted topic of alert rules (key = rule id, empty value = deleted): the API writes it, the job applies it without restart.");
    public static final ConfigOption<Duration> ALERTS_WINDOW = ConfigOptions.key("alerts.window")
            .durationType().defaultValue(Duration.ofHours(1)).withDescription("Tumbling event-time window of segment snapshots and shift detection.");
    public static final ConfigOption<Integer> ALERTS_REFERENCE_WINDOWS = ConfigOptions.key("alerts.reference-windows")
            .intType().defaultValue(24).withDescription("Shift detection compares each window with the pooled trailing windows, up to this many (at least 3 before any alert); frozen while a shift alert is open.");
    public static final ConfigOption<Double> ALERTS_PSI_MINOR = ConfigOptions.key("alerts.psi-minor")
            .doubleType().defaultValue(0.10).withDescription("Population stability index of the segment distribution from which a shift is a minor alert.");
    public static final ConfigOption<Double> ALERTS_PSI_MAJOR = ConfigOptions.key("alerts.psi-major")
            .doubleType().defaultValue(0.25).withDescription("Population stability index from which a shift is a major alert.");
    public static final ConfigOption<Double> ALERTS_SHARE_CHANGE = ConfigOptions.key("alerts.share-change")
            .doubleType().defaultValue(0.5).withDescription("A segment's share of active customers changing by this relative amount (0.5 = +50 % or -33 %) and by at least 2 percentage points is a segment alert (major from twice the change).");
    public static final ConfigOption<Double> ALERTS_CHURN_CHANGE = ConfigOptions.key("alerts.churn-change")
            .doubleType().defaultValue(0.15).withDescription("A segment's mean churn risk rising by this much (absolute) over its reference is an alert (major from twice the change).");
    public static final ConfigOption<Integer> ALERTS_MIN_CUSTOMERS = ConfigOptions.key("alerts.min-customers")
            .intType().defaultValue(100).withDescription("Windows with fewer active segmented customers are recorded but not judged; also the default minimum population of a rule.");
    public static final ConfigOption<Integer> ALERTS_MIN_SEGMENT_CUSTOMERS = ConfigOptions.key("alerts.min-segment-customers")
            .intType().defaultValue(20).withDescription("A segment alert needs at least this many customers of the segment in the window or in the reference (per window).");
    public static final ConfigOption<Integer> ALERTS_OPEN_AFTER = ConfigOptions.key("alerts.open-after")
            .intType().defaultValue(2).withDescription("A shift alert opens once its condition held in this many consecutive judged windows (dated from the first), so a one-window spike never alerts; rules fire at once.");
    public static final ConfigOption<Integer> ALERTS_RESOLVE_AFTER = ConfigOptions.key("alerts.resolve-after")
            .intType().defaultValue(2).withDescription("An open alert is resolved after this many consecutive windows (periods, for rules) without its condition.");
    public static final ConfigOption<Integer> ALERTS_MAX_OPEN_WINDOWS = ConfigOptions.key("alerts.max-open-windows")
            .intType().defaultValue(168).withDescription("A shift still open after this many windows is resolved as the new normal and the reference restarts from the recent windows.");
    public static final ConfigOption<Duration> ALERTS_ALLOWED_LATENESS = ConfigOptions.key("alerts.allowed-lateness")
            .durationType().defaultValue(Duration.ofSeconds(30)).withDescription("A window is closed this long (event time) after the watermark passes its end, so profile writes of its last moments still count.");
    public static final ConfigOption<String> ALERTS_WEBHOOK_URL = ConfigOptions.key("alerts.webhook-url")
            .stringType().defaultValue("").withDescription("If set, every alert change is POSTed there as JSON (retried with backoff, never blocking the job; failures are logged and counted).");
    public static final ConfigOption<Integer> ALERTS_WEBHOOK_RETRIES = ConfigOptions.key("alerts.webhook-retries")
            .intType().defaultValue(5).withDescription("Webhook: retries after a failed POST (backoff 1 s doubling, at most 60 s).");
    public static final ConfigOption<Duration> ALERTS_WEBHOOK_TIMEOUT = ConfigOptions.key("alerts.webhook-timeout")
            .durationType().defaultValue(Duration.ofSeconds(10)).withDescription("Webhook: timeout of one POST.");
    public static final ConfigOption<String> API_HOST = ConfigOptions.key("api.host")
            .stringType().defaultValue("127.0.0.1").withDescription("Address the query API and console listen on (0.0.0.0 for all interfaces).");
    public static final ConfigOption<Integer> API_PORT = ConfigOptions.key("api.port")
            .intType().defaultValue(8080).withDescription("Port of the query API (/api/...) and console.");
    public static final ConfigOption<String> API_KEYS = ConfigOptions.key("api.keys")
            .stringType().defaultValue("").withDescription("API keys as KEY:ROLE pairs, comma-separated, ROLE admin or read; empty = the embedded default generates an admin and a read key, stored in the data directory and printed at start.");
    public static final ConfigOption<Integer> API_MAX_PAGE_SIZE = ConfigOptions.key("api.max-page-size")
            .intType().defaultValue(1000).withDescription("Largest page a search may ask for (size).");
    public static final ConfigOption<Duration> API_CURSOR_KEEP_ALIVE = ConfigOptions.key("api.cursor-keep-alive")
            .durationType().defaultValue(Duration.ofMinutes(5)).withDescription("How long a search's next-page cursor (an Elasticsearch point in time) stays valid after each page.");
    public static final ConfigOption<Duration> API_ERASURE_WAIT = ConfigOptions.key("api.erasure-wait")
            .durationType().defaultValue(Duration.ofSeconds(15)).withDescription("How long DELETE /api/customers/{id} waits for the job to erase the customer before answering 202 (requested) instead of 200 (erased).");

    /** All options declared here, in declaration order. */
    public static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Field f : SmartcrmOptions.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
                try {
                    options.add((ConfigOption<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return options;
    }
}
