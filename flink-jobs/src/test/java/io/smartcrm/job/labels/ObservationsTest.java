package io.smartcrm.job.labels;

import static org.assertj.core.api.Assertions.assertThat;

import io.smartcrm.job.features.FeatureValues;
import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservationsTest {
    static final long DAY = 86_400_000L;
    static final LabelSettings S = new LabelSettings(30 * DAY, 7 * DAY, "churned");
    static final FeatureValues F = new FeatureValues().numeric("orders", 1.0, "1 order");

    static CustomerEvent ev(EventType type, long ts) {
        CustomerEvent e = new CustomerEvent();
        e.type = type;
        e.timestamp = ts;
        e.customerId = "c1";
        return e;
    }

    @Test
    void noActivityWithinTheHorizonIsChurnAndNoPurchaseIsANegativePropensity() {
        Observations o = new Observations();
        assertThat(o.open(10 * DAY, F, true, S)).containsExactly(40 * DAY, 17 * DAY);
        o.onEvent(ev(EventType.EMAIL_SEND, 12 * DAY), S);
        List<TrainingExample> week = o.due("c1", 17 * DAY, S);
        assertThat(week).singleElement().satisfies(x -> {
            assertThat(x.model).isEqualTo(TrainingExample.PROPENSITY);
            assertThat(x.label).isFalse();
            assertThat(x.featuresAt).isEqualTo(10 * DAY);
        });
        assertThat(o.due("c1", 39 * DAY, S)).isEmpty();
        assertThat(o.due("c1", 40 * DAY, S)).singleElement().satisfies(x -> {
            assertThat(x.model).isEqualTo(TrainingExample.CHURN);
            assertThat(x.label).as("an email send is not the customer's activity").isTrue();
            assertThat(x.features).isSameAs(F);
        });
        assertThat(o.isEmpty()).isTrue();
    }

    @Test
    void activityMakesANegativeAndAPurchaseAPositive() {
        Observations o = new Observations();
        o.open(10 * DAY, F, true, S);
        o.onEvent(ev(EventType.PURCHASE, 15 * DAY), S);
        assertThat(o.due("c1", 40 * DAY, S)).extracting(x -> x.model + "=" + x.label)
                .containsExactly("churn=false", "propensity=true");
    }

    @Test
    void eventsAtOrBeforeTheStartDoNotCount() {
        Observations o = new Observations();
        o.open(10 * DAY, F, true, S);
        o.onEvent(ev(EventType.PURCHASE, 10 * DAY), S);
        o.onEvent(ev(EventType.PAGE_VIEW, 9 * DAY), S);
        assertThat(o.due("c1", 40 * DAY, S)).extracting(x -> x.model + "=" + x.label)
                .containsExactly("churn=true", "propensity=false");
    }

    @Test
    void aCancellationIsChurnEvenAfterActivityAndIsEmittedWhenTheHorizonEnds() {
        Observations o = new Observations();
        o.open(10 * DAY, F, true, S);
        o.onEvent(ev(EventType.PAGE_VIEW, 12 * DAY), S);
        o.onEvent(ev(EventType.SUBSCRIPTION_CANCEL, 20 * DAY), S);
        assertThat(o.due("c1", 39 * DAY, S)).as("like every example, not before its horizon ends")
                .extracting(x -> x.model).containsExactly(TrainingExample.PROPENSITY);
        assertThat(o.due("c1", 40 * DAY, S)).singleElement().satisfies(x -> {
            assertThat(x.model).isEqualTo(TrainingExample.CHURN);
            assertThat(x.label).isTrue();
        });
        assertThat(o.open(41 * DAY, F, false, S)).as("a cancelled customer is not observed for churn again")
                .containsExactly(48 * DAY);
    }

    @Test
    void explicitLabelsComeFromTheConfiguredAttributeOfProfileUpdates() {
        CustomerEvent e = ev(EventType.PROFILE_UPDATE, DAY);
        e.attributes = Map.of("churned", "Yes");
        assertThat(Observations.explicitLabel(e, S)).isTrue();
        e.attributes = Map.of("churned", "false");
        assertThat(Observations.explicitLabel(e, S)).isFalse();
        e.attributes = Map.of("churned", "maybe");
        assertThat(Observations.explicitLabel(e, S)).isNull();
        CustomerEvent view = ev(EventType.PAGE_VIEW, DAY);
        view.attributes = Map.of("churned", "true");
        assertThat(Observations.explicitLabel(view, S)).isNull();
    }
}
