package io.smartcrm.generator;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The shop's products: 8 categories of 60 products with realistic price ranges and psychological prices
 * (49.99, 4.49), listed in EUR, GBP and USD. Fixed for every seed, so product ids and prices stay stable.
 */
final class Catalogue {
    static final String SHOP = "https://shop.example.com";
    static final String[] CURRENCIES = {"EUR", "GBP", "USD"};
    static final int EUR = 0;
    static final int GBP = 1;
    static final int USD = 2;
    private static final double[] PER_EUR = {1.0, 0.86, 1.08};

    static final String[] CATEGORIES = {"electronics", "home", "fashion", "beauty", "sports", "books", "toys",
            "grocery"};
    /** EUR price range per category, whole euros. */
    private static final int[][] RANGE = {{19, 1299}, {8, 349}, {12, 220}, {4, 89}, {9, 399}, {6, 45}, {7, 129},
            {2, 35}};
    /** Whether buyers often take several of a product. */
    private static final boolean[] MULTI = {false, false, false, true, false, true, false, true};
    static final int PER_CATEGORY = 60;

    static final Catalogue STANDARD = new Catalogue(20_240_601L);

    final String[] productId;
    final String[] url;
    final String[] categoryUrl;
    /** Price in cents per product (sorted by price within a category) and currency index. */
    final long[][] cents;

    private Catalogue(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = CATEGORIES.length * PER_CATEGORY;
        productId = new String[n];
        url = new String[n];
        cents = new long[n][];
        categoryUrl = new String[CATEGORIES.length];
        for (int c = 0; c < CATEGORIES.length; c++) {
            categoryUrl[c] = SHOP + "/c/" + CATEGORIES[c];
            double[] eur = new double[PER_CATEGORY];
            double lo = Math.log(RANGE[c][0]);
            double hi = Math.log(RANGE[c][1]);
            for (int i = 0; i < PER_CATEGORY; i++) {
                eur[i] = Math.exp(lo + (hi - lo) * rnd.nextDouble());
            }
            Arrays.sort(eur);
            for (int i = 0; i < PER_CATEGORY; i++) {
                int p = c * PER_CATEGORY + i;
                productId[p] = "SKU-" + (1000 * (c + 1) + i);
                url[p] = SHOP + "/p/" + productId[p].toLowerCase(Locale.ROOT);
                cents[p] = new long[CURRENCIES.length];
                for (int k = 0; k < CURRENCIES.length; k++) {
                    cents[p][k] = psychological(eur[i] * PER_EUR[k]);
                }
            }
        }
    }

    /** 49.99 above 20, else the next .49 or .99. */
    private static long psychological(double price) {
        if (price >= 20) {
            return Math.round(price) * 100 - 1;
        }
        return Math.max(99, Math.round(price * 2) * 50 - 1);
    }

    static int category(int product) {
        return product / PER_CATEGORY;
    }

    /** A product of the category; bias -1 leans to the cheap end, +1 to the expensive end. */
    static int pick(int category, int bias, SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double x = bias < 0 ? u * u : bias > 0 ? 1 - u * u : u;
        return category * PER_CATEGORY + Math.min(PER_CATEGORY - 1, (int) (x * PER_CATEGORY));
    }

    /** How many of the product go into the cart: usually one, up to three of everyday goods. */
    static int quantity(int product, SplittableRandom rnd) {
        if (MULTI[category(product)] && rnd.nextInt(3) == 0) {
            return 2 + rnd.nextInt(2);
        }
        return rnd.nextInt(12) == 0 ? 2 : 1;
    }
}
