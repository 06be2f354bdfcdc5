package io.smartcrm.job.rfm;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Maintains the buyer population (one key, parallelism 1: the population is global) and publishes a new
 * {@link RfmDistribution} at most once per {@code publishInterval} of processing time while it changes.
 */
public class RfmPopulationFunction extends KeyedProcessFunction<Integer, RfmObservation, RfmDistribution> {
    private static final long serialVersionUID = 1L;

    private final long publishIntervalMillis;
    private transient ValueState<RfmPopulation> population;
    private transient ValueState<Long> version;
    private transient ValueState<Boolean> pending;

    public RfmPopulationFunction(long publishIntervalMillis) {
        this.publishIntervalMillis = publishIntervalMillis;
    }

    @Override
    public void open(OpenContext ctx) {
        population = getRuntimeContext().getState(new ValueStateDescriptor<>("rfm-population", RfmPopulation.class));
        version = getRuntimeContext().getState(new ValueStateDescriptor<>("rfm-version", Long.class));
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("rfm-pending", Boolean.class));
    }

    @Override
    public void processElement(RfmObservation o, Context ctx, Collector<RfmDistribution> out) throws Exception {
        RfmPopulation p = population.value();
        if (p == null) {
            p = new RfmPopulation();
        }
        p.apply(o);
        population.update(p);
        if (pending.value() == null) {
            ctx.timerService().registerProcessingTimeTimer(
                    ctx.timerService().currentProcessingTime() + publishIntervalMillis);
            pending.update(true);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RfmDistribution> out) throws Exception {
        pending.clear();
        long next = version.value() == null ? 1 : version.value() + 1;
        version.update(next);
        out.collect(population.value().snapshot(next));
    }
}
