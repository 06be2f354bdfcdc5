package io.smartcrm.job.rfm;

import io.smartcrm.model.profile.CustomerProfile;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Completes each emitted profile with its RFM scores from the newest broadcast {@link RfmDistribution} (the
 * online models score next, in {@code io.smartcrm.job.models.ModelScorer}).
 */
public class ProfileScorer extends BroadcastProcessFunction<CustomerProfile, RfmDistribution, CustomerProfile> {
    private static final long serialVersionUID = 1L;
    private static final String CURRENT = "current";

    public static final MapStateDescriptor<String, RfmDistribution> RFM_DISTRIBUTION =
            new MapStateDescriptor<>("rfm-distribution", String.class, RfmDistribution.class);

    @Override
    public void processElement(CustomerProfile profile, ReadOnlyContext ctx, Collector<CustomerProfile> out)
            throws Exception {
        RfmDistribution distribution = ctx.getBroadcastState(RFM_DISTRIBUTION).get(CURRENT);
        if (distribution != null && !profile.erased) {
            profile.rfm = distribution.score(RfmInputs.of(profile));
        }
        out.collect(profile);
    }

    @Override
    public void processBroadcastElement(RfmDistribution distribution, Context ctx, Collector<CustomerProfile> out)
            throws Exception {
        RfmDistribution current = ctx.getBroadcastState(RFM_DISTRIBUTION).get(CURRENT);
        if (current == null || distribution.version > current.version) {
            ctx.getBroadcastState(RFM_DISTRIBUTION).put(CURRENT, distribution);
        }
    }
}
