package io.smartcrm.api.customers;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import io.smartcrm.api.http.ApiException;
import io.smartcrm.api.http.QueryParams;
import io.smartcrm.api.search.Dates;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The customer filters of a search or export, from query parameters, as one Elasticsearch query built with the
 * typed builders: the user's values are only ever values of term, range and multi_match queries. A repeated
 * keyword parameter (country, city, segment, bands, rfmCode, attr.NAME) matches any of its values; repeated
 * consents must all be given.
 */
public final class CustomerFilters {
    public static final List<String> PARAMETERS = List.of("country", "city", "segment", "churnBand",
            "propensityBand", "churnMin", "churnMax", "propensityMin", "propensityMax", "rfmRecency", "rfmFrequency",
            "rfmMonetary", "rfmCode", "lastPurchaseBefore", "lastPurchaseAfter", "revenueMin", "revenueMax", "consent",
            "q");
    /** {@code attr.NAME=value}: a term on {@code attributes.NAME}. */
    public static final String ATTRIBUTE_PREFIX = "attr.";
    public static final List<String> BANDS = List.of("low", "medium", "high");
    public static final List<String> CONSENTS = List.of("email", "sms", "push", "phone", "profiling");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final Pattern RFM_SCORE = Pattern.compile("([1-5])(?:-([1-5]))?");
    private static final Pattern RFM_CODE = Pattern.compile("[1-5]{3}");
    private static final int MAX_TEXT = 200;

    private final List<Query> filters = new ArrayList<>();
    private Query text;
    private final String canonical;

    private CustomerFilters(QueryParams params) {
        TreeMap<String, List<String>> used = new TreeMap<>();
        for (String name : params.names()) {
            if (PARAMETERS.contains(name) || isAttribute(name)) {
                used.put(name, params.all(name).stream().map(String::strip).sorted().toList());
            }
        }
        canonical = used.toString();
        terms("country", "country", upper(params.all("country")));
        terms("city", "city", strip(params.all("city")));
        terms("segment", "segment.name", strip(params.all("segment")));
        terms("churnBand", "churn.band", bands(params, "churnBand"));
        terms("propensityBand", "propensity.band", bands(params, "propensityBand"));
        range(params, "churn.probability", "churnMin", "churnMax", 0, 1);
        range(params, "propensity.probability", "propensityMin", "propensityMax", 0, 1);
        range(params, "orders.revenue", "revenueMin", "revenueMax", -1e15, 1e15);
        rfm(params, "rfmRecency", "rfm.recency");
        rfm(params, "rfmFrequency", "rfm.frequency");
        rfm(params, "rfmMonetary", "rfm.monetary");
        List<String> codes = strip(params.all("rfmCode"));
        for (String c : codes) {
            if (!RFM_CODE.matcher(c).matches()) {
                throw ApiException.badRequest("rfmCode", "rfmCode must be three digits 1-5 (e.g. 545), not '" + c + "'");
            }
        }
        terms("rfmCode", "rfm.code", codes);
        String before = params.single("lastPurchaseBefore").map(v -> Dates.instant("lastPurchaseBefore", v)).orElse(null);
        String after = params.single("lastPurchaseAfter").map(v -> Dates.instant("lastPurchaseAfter", v)).orElse(null);
        if (before != null || after != null) {
            Dates.requireOrder("lastPurchaseAfter", after, before);
            filters.add(Dates.range("orders.lastPurchaseAt", after, before));
        }
        for (String consent : params.all("consent")) {
            if (!CONSENTS.contains(consent)) {
                throw ApiException.badRequest("consent", "consent must be one of " + String.join(", ", CONSENTS)
                        + ", not '" + consent + "'");
            }
            filters.add(Query.of(q -> q.term(t -> t.field("consent." + consent).value(true))));
        }
        for (String name : params.names()) {
            if (name.startsWith(ATTRIBUTE_PREFIX)) {
                String attribute = name.substring(ATTRIBUTE_PREFIX.length());
                if (!ATTRIBUTE_NAME.matcher(attribute).matches()) {
                    throw ApiException.badRequest(name, "an attribute name is 1-128 characters of A-Z a-z 0-9 _ . -");
                }
                terms(name, "attributes." + attribute, params.all(name));
            }
        }
        params.single("q").ifPresent(q -> {
            if (q.length() > MAX_TEXT) {
                throw ApiException.badRequest("q", "q is longer than " + MAX_TEXT + " characters");
            }
            text = Query.of(m -> m.multiMatch(mm -> mm.query(q).fields("name^2", "email.text", "email")
                    .type(TextQueryType.BestFields).operator(Operator.And)));
        });
    }

    /** The filters in the parameters; 400 naming the first parameter at fault. */
    public static CustomerFilters parse(QueryParams params) {
        return new CustomerFilters(params);
    }

    /** Whether a parameter name is one of the filters (including {@code attr.NAME}). */
    public static boolean isFilter(String name) {
        return PARAMETERS.contains(name) || isAttribute(name);
    }

    private static boolean isAttribute(String name) {
        return name.startsWith(ATTRIBUTE_PREFIX);
    }

    /** All filters and the free text as one query (match_all without any). */
    public Query query() {
        if (filters.isEmpty() && text == null) {
            return Query.of(q -> q.matchAll(m -> m));
        }
        return Query.of(q -> q.bool(b -> {
            b.filter(filters);
            if (text != null) {
                b.must(text);
            }
            return b;
        }));
    }

    public boolean hasText() {
        return text != null;
    }

    /** The filters as a canonical string (sorted names and values), for cursor fingerprints. */
    public String canonical() {
        return canonical;
    }

    private void terms(String parameter, String field, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        for (String v : values) {
            if (v.length() > 256) {
                throw ApiException.badRequest(parameter, parameter + " values are at most 256 characters");
            }
        }
        List<FieldValue> fv = values.stream().map(FieldValue::of).toList();
        filters.add(values.size() == 1
                ? Query.of(q -> q.term(t -> t.field(field).value(fv.get(0))))
                : Query.of(q -> q.terms(t -> t.field(field).terms(s -> s.value(fv)))));
    }

    private void range(QueryParams params, String field, String minName, String maxName, double lo, double hi) {
        Double min = params.number(minName, lo, hi);
        Double max = params.number(maxName, lo, hi);
        if (min == null && max == null) {
            return;
        }
        if (min != null && max != null && min > max) {
            throw ApiException.badRequest(minName, minName + " is larger than " + maxName);
        }
        filters.add(Query.of(q -> q.range(r -> r.number(n -> {
            n.field(field);
            if (min != null) {
                n.gte(min);
            }
            if (max != null) {
                n.lte(max);
            }
            return n;
        }))));
    }

    private void rfm(QueryParams params, String name, String field) {
        params.single(name).ifPresent(v -> {
            Matcher m = RFM_SCORE.matcher(v);
            if (!m.matches()) {
                throw ApiException.badRequest(name, name + " must be a score 1-5 or a range like 3-5, not '" + v + "'");
            }
            double lo = Integer.parseInt(m.group(1));
            double hi = m.group(2) == null ? lo : Integer.parseInt(m.group(2));
            if (lo > hi) {
                throw ApiException.badRequest(name, name + ": the range " + v + " is empty");
            }
            filters.add(Query.of(q -> q.range(r -> r.number(n -> n.field(field).gte(lo).lte(hi)))));
        });
    }

    private static List<String> bands(QueryParams params, String name) {
        List<String> values = params.all(name);
        for (String v : values) {
            if (!BANDS.contains(v)) {
                throw ApiException.badRequest(name, name + " must be one of " + String.join(", ", BANDS) + ", not '" + v + "'");
            }
        }
        return values;
    }

    private static List<String> upper(List<String> values) {
        return values.stream().map(v -> v.strip().toUpperCase(Locale.ROOT)).toList();
    }

    private static List<String> strip(List<String> values) {
        return values.stream().map(String::strip).toList();
    }
}
