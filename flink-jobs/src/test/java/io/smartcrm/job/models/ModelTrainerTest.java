package io.smartcrm.job.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.job.features.FeatureValues;
import io.smartcrm.job.labels.TrainingExample;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The trainer in Flink's keyed harness: mini-batches publish versions, a restore keeps them. */
class ModelTrainerTest {
    static final SegmentSettings SEGMENTS = new SegmentSettings(2, 0.99, 8, 1, List.of("orders"), 50);
    static final ClassifierSettings LR = new ClassifierSettings(0.1, 0.1, 0, 0, 8, 5, 50, 8);

    static KeyedOneInputStreamOperatorTestHarness<Integer, TrainingExample, PublishedModels> harness(
            long publishInterval, OperatorSubtaskState restore) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ModelTrainer(SEGMENTS, LR, publishInterval, 20_000)), x -> 0, Types.INT);
        h.setup();
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        return h;
    }

    static TrainingExample churn(Random rnd, boolean label) {
        return new TrainingExample(TrainingExample.CHURN, "c", 0, label,
                new FeatureValues().numeric("orders", (label ? 0 : 2) + rnd.nextGaussian(), ""));
    }

    @Test
    void everyMiniBatchPublishesTheNextVersionAndARestoreContinuesFromIt() throws Exception {
        Random rnd = new Random(5);
        OperatorSubtaskState snapshot;
        try (var h = harness(0, null)) {
            for (int i = 0; i < 7; i++) {
                h.processElement(churn(rnd, i % 2 == 0), 0);
            }
            assertThat(h.extractOutputValues()).as("no full mini-batch yet").isEmpty();
            h.processElement(churn(rnd, true), 0);
            assertThat(h.extractOutputValues()).singleElement().satisfies(p -> {
                assertThat(p.churn.version).isEqualTo(1);
                assertThat(p.churn.examples).isEqualTo(8);
                assertThat(p.segments).isNull();
                assertThat(p.propensity).isNull();
            });
            for (int i = 0; i < 8; i++) {
                h.processElement(new TrainingExample(TrainingExample.SEGMENTS, "c" + i, 0, null,
                        new FeatureValues().numeric("orders", i < 4 ? 0.0 : 5.0, "")), 0);
            }
            assertThat(h.extractOutputValues()).last().satisfies(p -> {
                assertThat(p.segments.version).isEqualTo(1);
                assertThat(p.segments.segments).hasSize(2);
                assertThat(p.churn).as("unchanged models are not re-published").isNull();
            });
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness(0, snapshot)) {
            for (int i = 0; i < 8; i++) {
                h.processElement(churn(rnd, i % 2 == 0), 0);
            }
            assertThat(h.extractOutputValues()).singleElement().satisfies(p -> {
                assertThat(p.churn.version).as("restored, not a fresh model").isEqualTo(2);
                assertThat(p.churn.examples).isEqualTo(16);
            });
        }
    }

    @Test
    void withAnIntervalMiniBatchesArePublishedTogetherOnTheTimer() throws Exception {
        Random rnd = new Random(5);
        try (var h = harness(10_000, null)) {
            h.setProcessingTime(1_000);
            for (int i = 0; i < 24; i++) {
                h.processElement(churn(rnd, i % 2 == 0), 0);
            }
            assertThat(h.extractOutputValues()).isEmpty();
            h.setProcessingTime(11_000);
            assertThat(h.extractOutputValues()).singleElement().satisfies(p -> {
                assertThat(p.churn.version).isEqualTo(1);
                assertThat(p.churn.examples).isEqualTo(24);
                assertThat(p.churn.createdAt).isEqualTo("1970-01-01T00:00:11Z");
                assertThat(p.rescore).as("the first round re-scores").isTrue();
            });
            for (int i = 0; i < 8; i++) {
                h.processElement(churn(rnd, i % 2 == 0), 0);
            }
            h.setProcessingTime(21_000);
            assertThat(h.extractOutputValues()).hasSize(2).last().satisfies(p -> {
                assertThat(p.churn.version).isEqualTo(2);
                assertThat(p.rescore).as("within the re-scoring interval").isFalse();
            });
            h.setProcessingTime(31_000);
            assertThat(h.extractOutputValues()).hasSize(3).last().satisfies(p -> {
                assertThat(p.rescore).as("the newest versions get their re-scoring round").isTrue();
                assertThat(p.churn.version).isEqualTo(2);
            });
        }
    }
}
