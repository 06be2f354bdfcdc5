package io.smartcrm.job.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.smartcrm.model.profile.CustomerProfile;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileFeaturesTest {

    static CustomerProfile profile() {
        CustomerProfile p = new CustomerProfile();
        p.customerId = "c1";
        p.asOf = "2024-05-31T00:00:00Z";
        p.tenureDays = 120;
        p.orders.count = 3;
        p.orders.revenue = 150.0;
        p.orders.avgOrderValue = 55.0;
        p.orders.lastPurchaseAt = "2024-04-01T12:00:00Z";
        p.engagement.lastActivityAt = "2024-05-30T08:00:00Z";
        p.windows.d30.sessions = 4;
        p.attributes = Map.of("contract", "Month-to-month", "tenureMonths", "2", "seniorCitizen", "true",
                "churned", "true", "erpNumber", "ERP-1", "free", "x");
        p.attributeKinds = Map.of("contract", "categorical", "tenureMonths", "numeric", "seniorCitizen", "boolean",
                "churned", "boolean", "erpNumber", "text");
        return p;
    }

    @Test
    void behaviourFiguresAreLog1pTransformedWithReadableTexts() {
        FeatureValues f = ProfileFeatures.extract(profile(), Set.of("churned"));
        assertThat(f.numeric.get("days_since_last_purchase")).isCloseTo(Math.log1p(59), within(1e-12));
        assertThat(f.text("days_since_last_purchase")).isEqualTo("no purchase for 59 days");
        assertThat(f.numeric.get("orders")).isCloseTo(Math.log1p(3), within(1e-12));
        assertThat(f.text("orders")).isEqualTo("3 orders");
        assertThat(f.text("sessions_30d")).isEqualTo("4 sessions in the last 30 days");
        assertThat(f.text("net_revenue")).isEqualTo("150.00 net revenue");
        assertThat(f.numeric).as("no emails sent, no carts: missing, not zero")
                .doesNotContainKeys("email_click_rate", "cart_abandonment_rate");
        assertThat(Math.expm1(f.numeric.get("orders"))).isCloseTo(3, within(1e-9));
    }

    @Test
    void attributesEnterByDeclaredKindAndLabelsNever() {
        FeatureValues f = ProfileFeatures.extract(profile(), Set.of("churned"));
        assertThat(f.numeric).containsEntry("attr.tenureMonths", 2.0);
        assertThat(f.indicators).containsEntry("attr.contract=Month-to-month", 1.0)
                .containsEntry("attr.seniorCitizen", 1.0);
        assertThat(f.text("attr.contract=Month-to-month")).isEqualTo("contract: Month-to-month");
        assertThat(f.text("attr.tenureMonths")).isEqualTo("tenure months: 2");
        assertThat(f.texts.keySet()).noneMatch(k -> k.contains("churned") || k.contains("erpNumber") || k.contains("free"));
    }

    @Test
    void neverBoughtCountsDaysWithoutPurchaseFromTheFirstEvent() {
        CustomerProfile p = profile();
        p.orders.lastPurchaseAt = null;
        FeatureValues f = ProfileFeatures.extract(p, Set.of());
        assertThat(f.numeric.get("days_since_last_purchase")).isCloseTo(Math.log1p(120), within(1e-12));
    }
}
