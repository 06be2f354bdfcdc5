package io.smartcrm.job.profile;

import io.smartcrm.job.features.FeatureValues;
import io.smartcrm.job.features.ProfileFeatures;
import io.smartcrm.job.labels.LabelSettings;
import io.smartcrm.job.labels.Observations;
import io.smartcrm.job.labels.TrainingExample;
import io.smartcrm.job.quality.QualityTick;
import io.smartcrm.job.rfm.RfmInputs;
import io.smartcrm.job.rfm.RfmObservation;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.profile.CustomerProfile;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each customer's {@link ProfileState} and emits the profile document. Emission is coalesced: a change
 * schedules one emission {@code writeInterval} later (processing time), so a customer is written at most once
 * per interval however many events arrive. While a customer has activity inside the rolling windows, an
 * event-time timer at each UTC midnight recomputes the windows so they slide without new events.
 * Every emission of a buyer also reports its RFM figures to the population (side output). Labelled examples
 * for the classifiers go to a second side output: explicit churn labels of profile updates at once, and
 * observations opened at the daily ticks (see {@link Observations}) when their horizon ends. An erasure request
 * clears all of a customer's state and emits {@link CustomerProfile#erasure}. An event behind the watermark is
 * applied and told on {@link QualityTick#OUTPUT} as late.
 */
public class ProfileBuilder extends KeyedProcessFunction<String, CustomerEvent, CustomerProfile> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ProfileBuilder.class);
    /** How long an erased customer's version floor is kept: well past Elasticsearch's 60 s of delete tombstones. */
    static final long ERASED_VERSIONS_KEPT = 10 * 60_000L;

    public static final OutputTag<RfmObservation> RFM_OBSERVATIONS = new OutputTag<>("rfm-observations") {};
    public static final OutputTag<TrainingExample> TRAINING_EXAMPLES = new OutputTag<>("training-examples") {};

    private final ProfileSettings settings;
    private final long writeIntervalMillis;
    private final LabelSettings labels;

    private transient ValueState<ProfileState> profile;
    private transient ValueState<RfmInputs> reportedRfm;
    private transient ValueState<Long> pendingEmission;
    private transient ValueState<Observations> observations;
    private transient ValueState<Long> erasedVersions;
    private transient ValueState<Long> erasedVersionsUntil;
    private transient Counter lateEvents;
    private transient Counter profilesEmitted;

    public ProfileBuilder(ProfileSettings settings, long writeIntervalMillis, LabelSettings labels) {
        this.settings = settings;
        this.writeIntervalMillis = writeIntervalMillis;
        this.labels = labels;
    }

    @Override
    public void open(OpenContext ctx) {
        profile = getRuntimeContext().getState(new ValueStateDescriptor<>("profile", ProfileState.class));
        reportedRfm = getRuntimeContext().getState(new ValueStateDescriptor<>("reported-rfm", RfmInputs.class));
        pendingEmission = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-emission", Long.class));
        observations = getRuntimeContext().getState(new ValueStateDescriptor<>("label-observations", Observations.class));
        erasedVersions = getRuntimeContext().getState(new ValueStateDescriptor<>("erased-versions", Long.class));
        erasedVersionsUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("erased-versions-until", Long.class));
        lateEvents = getRuntimeContext().getMetricGroup().counter("lateEvents");
        profilesEmitted = getRuntimeContext().getMetricGroup().counter("profilesEmitted");
    }

    @Override
    public void processElement(CustomerEvent e, Context ctx, Collector<CustomerProfile> out) throws Exception {
        if (e.type == EventType.CUSTOMER_ERASURE) {
            erase(ctx, out);
            return;
        }
        ProfileState state = profile.value();
        if (state == null) {
            state = new ProfileState();
            state.customerId = ctx.getCurrentKey();
            Long erased = erasedVersions.value();
            if (erased != null) {
                state.versionBase = erased;
                // its expiry timer would otherwise fire as a write of the new history
                ctx.timerService().deleteProcessingTimeTimer(erasedVersionsUntil.value());
                erasedVersions.clear();
                erasedVersionsUntil.clear();
            }
            LOG.debug("New customer {}", state.customerId);
        }
        boolean late = late(e, ctx);
        if (late) {
            lateEvents.inc();
            ctx.output(QualityTick.OUTPUT, QualityTick.of(e, QualityTick.Kind.LATE));
        }
        state.apply(e, late, settings);
        profile.update(state);
        ctx.timerService().registerEventTimeTimer(nextMidnight(state.asOf));
        label(e, state, ctx);
        changed(state, ctx, out);
    }

    /** Forgets the customer: the buyer leaves the RFM population and the marker deletes the document. */
    private void erase(Context ctx, Collector<CustomerProfile> out) throws Exception {
        RfmInputs reported = reportedRfm.value();
        if (reported != null) {
            ctx.output(RFM_OBSERVATIONS, new RfmObservation(reported, null));
        }
        ProfileState state = profile.value();
        if (state != null) {
            // Elasticsearch remembers a deleted id's version for a while: a new history must start above it
            long until = ctx.timerService().currentProcessingTime() + ERASED_VERSIONS_KEPT;
            erasedVersions.update(state.versionBase + state.eventCount + 1);
            erasedVersionsUntil.update(until);
            ctx.timerService().registerProcessingTimeTimer(until);
        }
        profile.clear();
        reportedRfm.clear();
        pendingEmission.clear();
        observations.clear();
        out.collect(CustomerProfile.erasure(ctx.getCurrentKey()));
        LOG.info("Customer {} erased: the job forgot their profile", ctx.getCurrentKey());
    }

    private void label(CustomerEvent e, ProfileState state, Context ctx) throws Exception {
        Boolean explicit = Observations.explicitLabel(e, labels);
        if (explicit != null) {
            ctx.output(TRAINING_EXAMPLES, new TrainingExample(TrainingExample.CHURN, state.customerId, state.asOf,
                    explicit, features(state, ctx)));
        }
        Observations obs = observations.value();
        if (obs != null && !late(e, ctx)) {
            obs.onEvent(e, labels);
            observations.update(obs);
        }
    }

    private static boolean late(CustomerEvent e, Context ctx) {
        return e.timestamp < ctx.timerService().currentWatermark();
    }

    private FeatureValues features(ProfileState state, Context ctx) {
        return ProfileFeatures.extract(state.toDocument(settings, ctx.timerService().currentProcessingTime()),
                labels.labelAttributes());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CustomerProfile> out) throws Exception {
        ProfileState state = profile.value();
        if (state == null) {
            Long until = erasedVersionsUntil.value();
            if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME && until != null && timestamp >= until) {
                erasedVersions.clear();
                erasedVersionsUntil.clear();
            }
            return;
        }
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            pendingEmission.clear();
            emit(state, ctx, out);
            return;
        }
        Observations obs = observations.value();
        if (obs != null) {
            obs.due(state.customerId, timestamp, labels).forEach(x -> ctx.output(TRAINING_EXAMPLES, x));
        }
        boolean tick = timestamp % ProfileState.DAY == 0 && state.hasRecentActivity(timestamp);
        if (tick && timestamp > state.asOf) {
            state.refresh(timestamp);
            profile.update(state);
            ctx.timerService().registerEventTimeTimer(nextMidnight(timestamp));
            changed(state, ctx, out);
        }
        if (tick) {
            obs = obs == null ? new Observations() : obs;
            for (long end : obs.open(state.asOf, features(state, ctx), !state.cancelled, labels)) {
                ctx.timerService().registerEventTimeTimer(end);
            }
        }
        if (obs != null) {
            if (obs.isEmpty()) {
                observations.clear();
            } else {
                observations.update(obs);
            }
        }
    }

    private void changed(ProfileState state, Context ctx, Collector<CustomerProfile> out) throws Exception {
        if (writeIntervalMillis <= 0) {
            emit(state, ctx, out);
        } else if (pendingEmission.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + writeIntervalMillis;
            ctx.timerService().registerProcessingTimeTimer(at);
            pendingEmission.update(at);
        }
    }

    private void emit(ProfileState state, Context ctx, Collector<CustomerProfile> out) throws Exception {
        CustomerProfile doc = state.toDocument(settings, ctx.timerService().currentProcessingTime());
        profile.update(state);
        out.collect(doc);
        profilesEmitted.inc();
        RfmInputs current = RfmInputs.of(doc);
        RfmInputs previous = reportedRfm.value();
        if (!Objects.equals(current, previous)) {
            ctx.output(RFM_OBSERVATIONS, new RfmObservation(previous, current));
            reportedRfm.update(current);
        }
    }

    static long nextMidnight(long timestamp) {
        return Math.floorDiv(timestamp, ProfileState.DAY) * ProfileState.DAY + ProfileState.DAY;
    }
}
