package io.smartcrm.model.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One accepted customer event: the fields of every type in one flat record (unused ones stay null).
 * Times are epoch milliseconds UTC. After standardization {@code amount} and unit prices are in the base
 * currency and {@code currency} keeps the currency the event was sent in.
 */
public class CustomerEvent {
    public String eventId;
    public EventType type;
    public long timestamp;
    public String customerId;
    public String source;

    public String email;
    public String phone;
    public String anonymousId;
    public String sessionId;

    // behaviour
    public String url;
    public String productId;
    public String category;
    public Integer quantity;
    public Double unitPrice;

    // orders
    public String orderId;
    public Double amount;
    public String currency;
    public List<LineItem> items;

    // campaigns
    public String campaignId;

    // support
    public String ticketId;
    public String subject;
    public String text;
    public String channel;
    public String ticketStatus;

    // master data (profile_update)
    public String name;
    public String country;
    public String city;
    public String birthDate;
    public String gender;
    public Map<String, Boolean> consent;
    public Map<String, String> attributes;
    /** Declared kind per attribute name: numeric, categorical, boolean, text or label (a value to predict). */
    public Map<String, String> attributeKinds;

    /** What standardization could not use (e.g. a phone number that is not valid); the event is still accepted. */
    public List<String> warnings;

    public CustomerEvent() {}

    public void warn(String warning) {
        if (warnings == null) {
            warnings = new ArrayList<>(2);
        }
        warnings.add(warning);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CustomerEvent)) {
            return false;
        }
        CustomerEvent e = (CustomerEvent) o;
        return timestamp == e.timestamp && Objects.equals(eventId, e.eventId) && type == e.type
                && Objects.equals(customerId, e.customerId) && Objects.equals(source, e.source)
                && Objects.equals(email, e.email) && Objects.equals(phone, e.phone)
                && Objects.equals(anonymousId, e.anonymousId) && Objects.equals(sessionId, e.sessionId)
                && Objects.equals(url, e.url) && Objects.equals(productId, e.productId)
                && Objects.equals(category, e.category) && Objects.equals(quantity, e.quantity)
                && Objects.equals(unitPrice, e.unitPrice) && Objects.equals(orderId, e.orderId)
                && Objects.equals(amount, e.amount) && Objects.equals(currency, e.currency)
                && Objects.equals(items, e.items) && Objects.equals(campaignId, e.campaignId)
                && Objects.equals(ticketId, e.ticketId) && Objects.equals(subject, e.subject)
                && Objects.equals(text, e.text) && Objects.equals(channel, e.channel)
                && Objects.equals(ticketStatus, e.ticketStatus) && Objects.equals(name, e.name)
                && Objects.equals(country, e.country) && Objects.equals(city, e.city)
                && Objects.equals(birthDate, e.birthDate) && Objects.equals(gender, e.gender)
                && Objects.equals(consent, e.consent) && Objects.equals(attributes, e.attributes)
                && Objects.equals(attributeKinds, e.attributeKinds) && Objects.equals(warnings, e.warnings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, type, timestamp, customerId);
    }

    @Override
    public String toString() {
        return "CustomerEvent{" + eventId + ", " + (type == null ? null : type.wireName()) + ", customer="
                + customerId + ", ts=" + timestamp + "}";
    }
}
