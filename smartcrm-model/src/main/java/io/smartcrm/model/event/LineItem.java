package io.smartcrm.model.event;

import java.util.Objects;

/** One line of an order. */
public class LineItem {
    public String productId;
    public String category;
    public int quantity;
    /** Price of one unit, in the event's currency on the wire and in the base currency once standardized. */
    public double unitPrice;

    public LineItem() {}

    public LineItem(String productId, String category, int quantity, double unitPrice) {
        this.productId = productId;
        this.category = category;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LineItem)) {
            return false;
        }
        LineItem that = (LineItem) o;
        return quantity == that.quantity && Double.compare(unitPrice, that.unitPrice) == 0
                && Objects.equals(productId, that.productId) && Objects.equals(category, that.category);
    }

    @Override
    public int hashCode() {
        return Objects.hash(productId, category, quantity, unitPrice);
    }
}
