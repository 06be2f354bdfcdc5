package io.smartcrm.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-customer figures computed straight from the Online Retail CSV, independently of the ingest mapping and
 * the job: an invoice is an order of its lines' Σ quantity × price, or, numbered C…, a refund of minus that;
 * one whose amount is not positive is what the job must reject; revenue is orders minus
 * refunds; the last purchase is the newest order's time (the shop's local time, Europe/London).
 */
final class RetailReference {
    static final ZoneId SHOP_ZONE = ZoneId.of("Europe/London");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    record Figures(long orders, BigDecimal revenue, Instant lastPurchase) {}

    final Map<String, Figures> customers = new TreeMap<>();
    long lines;
    long invoicesWithoutCustomer;
    long nonPositiveInvoices;
    long invoices;

    static Path csv() {
        Path dir = Path.of(System.getProperty("smartcrm.shared.data", "../../shared/data"));
        Path file = dir.resolve("online-retail-sample.csv");
        if (!Files.exists(file)) {
            throw new IllegalStateException("real data set missing: " + file.toAbsolutePath());
        }
        return file;
    }

    static RetailReference compute(Path csv) throws IOException {
        Map<String, String> customerOf = new LinkedHashMap<>();
        Map<String, BigDecimal> totalOf = new HashMap<>();
        Map<String, Instant> timeOf = new HashMap<>();
        RetailReference ref = new RetailReference();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = splitCsv(line);
                ref.lines++;
                String invoice = f[0];
                BigDecimal lineTotal = new BigDecimal(f[3]).multiply(new BigDecimal(f[5]));
                totalOf.merge(invoice, lineTotal, BigDecimal::add);
                timeOf.putIfAbsent(invoice, LocalDateTime.parse(f[4], DATE).atZone(SHOP_ZONE).toInstant());
                customerOf.putIfAbsent(invoice, f[6].isBlank() ? "" : f[6].replaceAll("\\.0$", ""));
            }
        }
        Map<String, long[]> orders = new HashMap<>();
        Map<String, BigDecimal> revenue = new HashMap<>();
        Map<String, Instant> last = new HashMap<>();
        for (Map.Entry<String, String> e : customerOf.entrySet()) {
            String invoice = e.getKey();
            String customer = e.getValue();
            ref.invoices++;
            if (customer.isEmpty()) {
                ref.invoicesWithoutCustomer++;
                continue;
            }
            boolean refund = invoice.startsWith("C");
            BigDecimal amount = refund ? totalOf.get(invoice).negate() : totalOf.get(invoice);
            if (amount.signum() <= 0) {
                ref.nonPositiveInvoices++;
                orders.computeIfAbsent(customer, c -> new long[1]);
                continue;
            }
            orders.computeIfAbsent(customer, c -> new long[1]);
            if (refund) {
                revenue.merge(customer, amount.negate(), BigDecimal::add);
            } else {
                orders.get(customer)[0]++;
                revenue.merge(customer, amount, BigDecimal::add);
                last.merge(customer, timeOf.get(invoice), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        orders.forEach((c, n) -> ref.customers.put(c,
                new Figures(n[0], revenue.getOrDefault(c, BigDecimal.ZERO), last.get(c))));
        return ref;
    }

    /** Splits one CSV line with optional double quotes (the file quotes descriptions containing commas). */
    static String[] splitCsv(String line) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out.toArray(new String[0]);
    }
}
