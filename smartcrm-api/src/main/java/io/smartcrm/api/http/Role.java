package io.smartcrm.api.http;

import java.util.Locale;

/** What an API key may do: {@code read} every GET, {@code admin} also the writes (rules, erasure). */
public enum Role {
    READ, ADMIN;

    public boolean allows(Role required) {
        return this == ADMIN || required == READ;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
