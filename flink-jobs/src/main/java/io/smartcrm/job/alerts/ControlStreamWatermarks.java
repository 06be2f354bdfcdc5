package io.smartcrm.job.alerts;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks of a control stream (the rules) that is silent most of the time: it is always marked idle, so the
 * operator it is connected to follows the event stream's watermark alone. (A maximal watermark instead would
 * take over whenever the event stream idles, and make every later event late.)
 */
public class ControlStreamWatermarks<T> implements WatermarkGenerator<T> {
    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
