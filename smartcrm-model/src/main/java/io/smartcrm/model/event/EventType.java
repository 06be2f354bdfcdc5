package io.smartcrm.model.event;

import java.util.HashMap;
import java.util.Map;

/** The kinds of customer event smartcrm accepts, with their wire names. */
public enum EventType {
    PAGE_VIEW("page_view"),
    PRODUCT_VIEW("product_view"),
    ADD_TO_CART("add_to_cart"),
    REMOVE_FROM_CART("remove_from_cart"),
    PURCHASE("purchase"),
    REFUND("refund"),
    EMAIL_SEND("email_send"),
    EMAIL_OPEN("email_open"),
    EMAIL_CLICK("email_click"),
    SUPPORT_TICKET("support_ticket"),
    LOGIN("login"),
    SUBSCRIPTION_CANCEL("subscription_cancel"),
    PROFILE_UPDATE("profile_update"),
    /**
     * A request to forget the customer (right to erasure): the job drops what it holds for them, deletes their
     * profile and events from the index, and ignores their older events still to come. Not an event of its own.
     */
    CUSTOMER_ERASURE("customer_erasure");

    private static final Map<String, EventType> BY_WIRE_NAME = new HashMap<>();

    static {
        for (EventType t : values()) {
            BY_WIRE_NAME.put(t.wireName, t);
        }
    }

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type with this wire name, or null. */
    public static EventType fromWireName(String name) {
        return BY_WIRE_NAME.get(name);
    }

    /** Web and app behaviour that counts as engagement (sessions, activity). */
    public boolean isEngagement() {
        return this == PAGE_VIEW || this == PRODUCT_VIEW || this == ADD_TO_CART
                || this == REMOVE_FROM_CART || this == LOGIN;
    }

    /** Types that carry money in {@code amount}. */
    public boolean carriesAmount() {
        return this == PURCHASE || this == REFUND;
    }
}
