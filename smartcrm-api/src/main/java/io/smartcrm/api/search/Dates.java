package io.smartcrm.api.search;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.smartcrm.api.http.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Date and time parameters: ISO dates or date-times, as ISO instants (UTC) for range queries. */
public final class Dates {
    private Dates() {}

    /**
     * An ISO date (the start of that day, UTC) or date-time (with an offset or Z; without one, UTC) as an ISO
     * instant; 400 naming the parameter otherwise.
     */
    public static String instant(String parameter, String value) {
        try {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            // not a date alone
        }
        try {
            return OffsetDateTime.parse(value).toInstant().toString();
        } catch (DateTimeParseException e) {
            // no offset
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(parameter, parameter + " must be an ISO date (2026-05-01) or date-time "
                    + "(2026-05-01T10:00:00Z), not '" + value + "'");
        }
    }

    /** 400 naming {@code fromParameter} when both instants are given and from is after to. */
    public static void requireOrder(String fromParameter, String from, String to) {
        if (from != null && to != null && Instant.parse(from).isAfter(Instant.parse(to))) {
            throw ApiException.badRequest(fromParameter, fromParameter + " is later than the end of the range");
        }
    }

    /** {@code field} in [from, to); either bound may be null. */
    public static Query range(String field, String from, String to) {
        return Query.of(q -> q.range(r -> r.date(d -> {
            d.field(field);
            if (from != null) {
                d.gte(from);
            }
            if (to != null) {
                d.lt(to);
            }
            return d;
        })));
    }
}
