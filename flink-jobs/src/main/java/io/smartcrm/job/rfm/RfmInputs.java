package io.smartcrm.job.rfm;

import io.smartcrm.model.profile.CustomerProfile;
import java.time.Instant;
import java.util.Objects;

/** A buyer's raw RFM figures: epoch day of the last purchase, number of orders, net revenue. */
public class RfmInputs {
    public int lastPurchaseDay;
    public long orders;
    public double monetary;

    public RfmInputs() {}

    public RfmInputs(int lastPurchaseDay, long orders, double monetary) {
        this.lastPurchaseDay = lastPurchaseDay;
        this.orders = orders;
        this.monetary = monetary;
    }

    /** The figures of a profile document; null when the customer never bought. */
    public static RfmInputs of(CustomerProfile p) {
        if (p.orders.count == 0 || p.orders.lastPurchaseAt == null) {
            return null;
        }
        long lastPurchase = Instant.parse(p.orders.lastPurchaseAt).toEpochMilli();
        return new RfmInputs((int) Math.floorDiv(lastPurchase, 86_400_000L), p.orders.count, p.orders.revenue);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RfmInputs)) {
            return false;
        }
        RfmInputs r = (RfmInputs) o;
        return lastPurchaseDay == r.lastPurchaseDay && orders == r.orders && Double.compare(monetary, r.monetary) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lastPurchaseDay, orders, monetary);
    }
}
