package io.smartcrm.job.dedupe;

import io.smartcrm.job.quality.QualityTick;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops events whose {@code eventId} this customer has already sent. Ids are remembered as 64-bit hashes with
 * their event time until the watermark passes event time + TTL (an event-time TTL: Flink's state TTL is
 * processing time only); from then on the id is accepted again. Cleanup timers are rounded up to the hour so a
 * customer has at most one per hour; the rounding only delays the cleanup, never the expiry, which is checked
 * on arrival.
 *
 * <p>A {@link EventType#CUSTOMER_ERASURE} request forgets the ids and passes on; for the TTL after its event time
 * the customer's events from before it (still in flight, or replayed) are dropped, so they cannot bring the
 * erased history back.
 *
 * <p>Every event dropped is told on {@link QualityTick#OUTPUT}.
 */
public class EventDeduplicator extends KeyedProcessFunction<String, CustomerEvent, CustomerEvent> {
    private static final long serialVersionUID = 1L;
    private static final long HOUR = 3_600_000L;

    private final long ttlMillis;
    private transient MapState<Long, Long> seen;
    private transient ValueState<Long> erasedAt;
    private transient Counter duplicates;
    private transient Counter erasedEvents;

    public EventDeduplicator(long ttlMillis) {
        this.ttlMillis = ttlMillis;
    }

    @Override
    public void open(OpenContext ctx) {
        seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen-event-ids", Long.class, Long.class));
        erasedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("erased-at", Long.class));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
        erasedEvents = getRuntimeContext().getMetricGroup().counter("erasedEventsDropped");
    }

    @Override
    public void processElement(CustomerEvent e, Context ctx, Collector<CustomerEvent> out) throws Exception {
        Long erased = erasedAt.value();
        if (e.type == EventType.CUSTOMER_ERASURE) {
            seen.clear();
            erasedAt.update(erased == null ? e.timestamp : Math.max(erased, e.timestamp));
            registerCleanup(e.timestamp, ctx);
            out.collect(e);
            return;
        }
        if (erased != null && e.timestamp <= erased) {
            erasedEvents.inc();
            ctx.output(QualityTick.OUTPUT, QualityTick.of(e, QualityTick.Kind.ERASED_DROPPED));
            return;
        }
        long hash = hash64(e.eventId);
        Long seenAt = seen.get(hash);
        if (seenAt != null && seenAt + ttlMillis > ctx.timerService().currentWatermark()) {
            duplicates.inc();
            ctx.output(QualityTick.OUTPUT, QualityTick.of(e, QualityTick.Kind.DUPLICATE));
            return;
        }
        seen.put(hash, e.timestamp);
        registerCleanup(e.timestamp, ctx);
        out.collect(e);
    }

    private void registerCleanup(long eventTime, Context ctx) {
        long expiry = eventTime + ttlMillis;
        ctx.timerService().registerEventTimeTimer(expiry - Math.floorMod(expiry, HOUR) + HOUR);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CustomerEvent> out) throws Exception {
        Long erased = erasedAt.value();
        if (erased != null && erased + ttlMillis <= timestamp) {
            erasedAt.clear();
        }
        for (Iterator<Map.Entry<Long, Long>> it = seen.iterator(); it.hasNext(); ) {
            if (it.next().getValue() + ttlMillis <= timestamp) {
                it.remove();
            }
        }
    }

    /** FNV-1a over the UTF-16 chars, finished with MurmurHash3's fmix64 for avalanche. */
    static long hash64(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
