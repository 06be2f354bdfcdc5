package io.smartcrm.api.customers;

import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import io.smartcrm.api.http.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code sort} parameter: {@code NAME} or {@code NAME:asc|desc} with NAME from a whitelist; customerId always
 * follows as the tiebreaker, so every order is total (search_after needs that). Without sort: by relevance when
 * there is free text, else by customerId.
 */
public final class CustomerSort {
    public static final String PARAMETER = "sort";

    private record Field(String path, SortOrder defaultOrder) {}

    /** Sort names, their fields and default orders (numbers and times largest first, names A-Z). */
    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("revenue", new Field("orders.revenue", SortOrder.Desc));
        FIELDS.put("orders", new Field("orders.count", SortOrder.Desc));
        FIELDS.put("churn", new Field("churn.probability", SortOrder.Desc));
        FIELDS.put("propensity", new Field("propensity.probability", SortOrder.Desc));
        FIELDS.put("lastPurchase", new Field("orders.lastPurchaseAt", SortOrder.Desc));
        FIELDS.put("lastSeen", new Field("lastSeen", SortOrder.Desc));
        FIELDS.put("firstSeen", new Field("firstSeen", SortOrder.Desc));
        FIELDS.put("name", new Field("name.keyword", SortOrder.Asc));
        FIELDS.put("customerId", new Field("customerId", SortOrder.Asc));
        FIELDS.put("relevance", new Field("_score", SortOrder.Desc));
    }

    private final List<SortOptions> options;
    private final String canonical;

    private CustomerSort(List<SortOptions> options, String canonical) {
        this.options = options;
        this.canonical = canonical;
    }

    /** The sort for the parameter's value (null: the default). */
    public static CustomerSort parse(String value, boolean hasText) {
        String spec = value == null ? (hasText ? "relevance" : "customerId") : value.strip();
        String[] parts = spec.split(":", -1);
        Field field = FIELDS.get(parts[0]);
        if (field == null || parts.length > 2) {
            throw ApiException.badRequest(PARAMETER, "sort must be NAME or NAME:asc|desc with NAME one of "
                    + String.join(", ", FIELDS.keySet()) + ", not '" + spec + "'");
        }
        SortOrder order = field.defaultOrder;
        if (parts.length == 2) {
            order = switch (parts[1].toLowerCase(Locale.ROOT)) {
                case "asc" -> SortOrder.Asc;
                case "desc" -> SortOrder.Desc;
                default -> throw ApiException.badRequest(PARAMETER, "sort order must be asc or desc, not '" + parts[1] + "'");
            };
        }
        List<SortOptions> options = new ArrayList<>();
        SortOrder o = order;
        if (field.path.equals("_score")) {
            options.add(SortOptions.of(s -> s.score(sc -> sc.order(o))));
        } else if (!field.path.equals("customerId")) {
            options.add(SortOptions.of(s -> s.field(f -> f.field(field.path).order(o).missing("_last"))));
        }
        SortOrder tiebreak = field.path.equals("customerId") ? order : SortOrder.Asc;
        options.add(SortOptions.of(s -> s.field(f -> f.field("customerId").order(tiebreak))));
        return new CustomerSort(List.copyOf(options), parts[0] + ":" + order.jsonValue());
    }

    public List<SortOptions> options() {
        return options;
    }

    public String canonical() {
        return canonical;
    }
}
