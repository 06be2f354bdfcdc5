package io.smartcrm.job.source;

import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.wire.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accepted events go on; rejected ones go to the dead-letter side output. Both are counted. */
public class RecordRouter extends ProcessFunction<ParsedRecord, CustomerEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RecordRouter.class);

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private transient Counter accepted;
    private transient Counter rejected;

    @Override
    public void open(OpenContext ctx) {
        accepted = getRuntimeContext().getMetricGroup().counter("eventsAccepted");
        rejected = getRuntimeContext().getMetricGroup().counter("eventsRejected");
    }

    @Override
    public void processElement(ParsedRecord r, Context ctx, Collector<CustomerEvent> out) {
        if (r.event != null) {
            accepted.inc();
            out.collect(r.event);
        } else {
            rejected.inc();
            LOG.debug("Rejected {}-{}-{} of customer {}: {}", r.deadLetter.topic, r.deadLetter.partition,
                    r.deadLetter.offset, r.deadLetter.customerId, r.deadLetter.message);
            ctx.output(DEAD_LETTERS, r.deadLetter);
        }
    }
}
