package io.smartcrm.generator;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One simulated customer: fixed master data and persona traits drawn at creation, plus the mutable state of the
 * simulation (consent, the session in progress and its cart). Renders its master data the way each source
 * system would send it, dirty on purpose.
 */
final class Customer {
    static final int MAX_LINES = 5;
    private static final String[] DOMAINS = {"example.com", "example.com", "example.org", "example.net",
            "mail.example", "post.example"};
    private static final String[] CHANNELS = {"email", "email", "sms", "app", "phone"};

    final int index;
    final String id;
    final byte[] key;
    final Persona persona;
    final Country country;
    final String firstName;
    final String lastName;
    /** 'f', 'm' or 'd'. */
    final char gender;
    final String city;
    final int birthYear;
    final int birthMonth;
    final int birthDay;
    /** The clean address; sources send variants of it. */
    final String email;
    private final String phoneNational;
    private final String phoneInternational;
    final String anonymousId;
    final int favouriteA;
    final int favouriteB;
    final String loyaltyTier;
    final String preferredChannel;
    /** Simulated time of the first event: the start, or a sign-up during the run. */
    final long joinAt;
    /** Whether {@link ShiftKind#LOYAL_STOP_BUYING} applies to this customer. */
    final boolean stopsBuyingOnShift;
    /** Drifting away: when activity starts to decay, its half-life, and when (if ever) they cancel. */
    final long driftStart;
    final double driftHalfLifeMs;
    final long cancelAt;
    /** Upper bound of the visit rate (per ms), for thinning the visit process. */
    final double maxVisitRate;

    boolean consentEmail;
    boolean consentSms;
    boolean cancelled;

    // the session in progress (sessionId null when none)
    String sessionId;
    boolean sessionApp;
    int sessionCampaign;
    boolean loginPending;
    boolean landingPending;
    int viewsLeft;
    int addPending = -1;
    boolean removePending;
    int cartSize;
    final int[] cartProduct = new int[MAX_LINES];
    final int[] cartQuantity = new int[MAX_LINES];
    String lastOrderId;

    Customer(int index, String id, Persona persona, long start, long joinWindowMs, double surge, SplittableRandom rnd) {
        this.index = index;
        this.id = id;
        this.key = id.getBytes(StandardCharsets.UTF_8);
        this.persona = persona;
        this.country = pickCountry(rnd);
        double g = rnd.nextDouble();
        this.gender = g < 0.49 ? 'f' : g < 0.98 ? 'm' : 'd';
        String[] firsts = gender == 'm' || (gender == 'd' && rnd.nextBoolean()) ? country.maleNames
                : country.femaleNames;
        this.firstName = firsts[rnd.nextInt(firsts.length)];
        this.lastName = country.lastNames[rnd.nextInt(country.lastNames.length)];
        this.city = country.cities[rnd.nextInt(country.cities.length)];
        this.birthYear = 1950 + rnd.nextInt(56);
        this.birthMonth = 1 + rnd.nextInt(12);
        this.birthDay = 1 + rnd.nextInt(28);
        this.email = ascii(firstName) + "." + ascii(lastName) + (index + 1) + "@" + DOMAINS[rnd.nextInt(
                DOMAINS.length)];
        String[] plan = country.phonePlans[rnd.nextInt(country.phonePlans.length)];
        long digits = Math.floorMod(index * 7_654_321L + 1_234_567L, 10_000_000L);
        this.phoneNational = fill(plan[0], digits);
        this.phoneInternational = fill(plan[1], digits);
        this.anonymousId = "anon-" + Long.toHexString(rnd.nextLong() | Long.MIN_VALUE).substring(0, 12);
        this.favouriteA = rnd.nextInt(Catalogue.CATEGORIES.length);
        this.favouriteB = rnd.nextInt(Catalogue.CATEGORIES.length);
        this.loyaltyTier = tier(persona, rnd);
        this.preferredChannel = CHANNELS[rnd.nextInt(CHANNELS.length)];
        this.joinAt = persona == Persona.NEW_CUSTOMER ? start + (long) (rnd.nextDouble() * joinWindowMs) : start;
        this.stopsBuyingOnShift = persona == Persona.LOYAL_BIG_SPENDER && rnd.nextDouble() < 0.3;
        this.driftStart = joinAt + (long) (rnd.nextDouble() * 100 * EventGenerator.DAY_MS);
        this.driftHalfLifeMs = (7 + 14 * rnd.nextDouble()) * EventGenerator.DAY_MS;
        boolean cancels = persona == Persona.DRIFTING_AWAY && rnd.nextDouble() < 0.4;
        this.cancelAt = cancels ? driftStart + (long) ((2 + rnd.nextDouble()) * driftHalfLifeMs) : Long.MAX_VALUE;
        this.consentEmail = rnd.nextDouble() < 0.8;
        this.consentSms = rnd.nextDouble() < 0.35;
        double peak = persona.visitsPerDay * Math.max(1, persona.campaignVisitBoost)
                + (persona == Persona.NEW_CUSTOMER ? EventGenerator.ONBOARDING_VISITS_PER_DAY : 0);
        this.maxVisitRate = peak * surge / EventGenerator.DAY_MS;
    }

    private static Country pickCountry(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        for (Country c : Country.values()) {
            u -= c.share;
            if (u < 0) {
                return c;
            }
        }
        return Country.GB;
    }

    private static String tier(Persona persona, SplittableRandom rnd) {
        return switch (persona) {
            case LOYAL_BIG_SPENDER -> rnd.nextBoolean() ? "gold" : "platinum";
            case BARGAIN_HUNTER, NEW_CUSTOMER -> rnd.nextInt(4) == 0 ? "silver" : "bronze";
            default -> new String[] {"bronze", "silver", "gold"}[rnd.nextInt(3)];
        };
    }

    private static String ascii(String name) {
        String folded = Normalizer.normalize(name.replace("ß", "ss"), Normalizer.Form.NFD);
        return folded.replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }

    private static String fill(String template, long digits) {
        char[] out = template.toCharArray();
        for (int i = out.length - 1; i >= 0; i--) {
            if (out[i] == 'x') {
                out[i] = (char) ('0' + digits % 10);
                digits /= 10;
            }
        }
        return new String(out);
    }

    String fullName() {
        return firstName + " " + lastName;
    }

    /** The address as {@code source} sends it: CRM clean; web, ERP and support with case and padding noise. */
    String email(String source, SplittableRandom rnd) {
        int r = rnd.nextInt(4);
        return switch (source) {
            case "web" -> r == 0 ? capitalize(email) : r == 1 ? email + " " : email;
            case "erp" -> r < 2 ? email.toUpperCase(Locale.ROOT) : "  " + email + " ";
            case "support" -> r < 3 ? capitalize(email) : " " + email.toUpperCase(Locale.ROOT);
            default -> email;
        };
    }

    /** Capitalizes the first letter of each part: {@code Anna.Schmidt7@Example.com}. */
    private static String capitalize(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (i == 0 || c[i - 1] == '.' || c[i - 1] == '@') {
                c[i] = Character.toUpperCase(c[i]);
            }
        }
        return new String(c);
    }

    /** National form ("020 7946 0018"), international ("+44 20 7946 0018") or compact E.164. */
    String phone(String source, SplittableRandom rnd) {
        int r = rnd.nextInt(3);
        return switch (source) {
            case "crm" -> phoneInternational.replaceAll("[^+0-9]", "");
            case "erp", "support" -> r == 0 ? phoneInternational : phoneNational;
            default -> r == 0 ? phoneNational : phoneInternational;
        };
    }

    /** ISO code, English name, alias, alpha-3 or a lower-case spelling, depending on the source. */
    String countryValue(String source, SplittableRandom rnd) {
        int r = rnd.nextInt(4);
        return switch (source) {
            case "crm" -> country.code;
            case "web" -> r == 0 ? country.englishName.toLowerCase(Locale.ROOT) : country.englishName;
            case "erp" -> r < 2 ? country.alpha3 : country.code.toLowerCase(Locale.ROOT);
            default -> r == 0 ? country.alias : r == 1 ? country.englishName.toUpperCase(Locale.ROOT)
                    : country.code.toLowerCase(Locale.ROOT);
        };
    }

    String cityValue(String source, SplittableRandom rnd) {
        return switch (source) {
            case "erp" -> city.toUpperCase(Locale.ROOT);
            case "web" -> rnd.nextInt(5) == 0 ? " " + city.toLowerCase(Locale.ROOT) : city;
            default -> city;
        };
    }

    String nameValue(String source, SplittableRandom rnd) {
        return switch (source) {
            case "erp" -> fullName().toUpperCase(Locale.ROOT);
            case "web" -> rnd.nextInt(5) == 0 ? fullName().toLowerCase(Locale.ROOT) + " " : fullName();
            default -> fullName();
        };
    }

    /** ISO from CRM, the formats a standardizer reads from the others: d/M/yyyy, d.M.yyyy, yyyy/MM/dd. */
    String birthDateValue(String source, SplittableRandom rnd) {
        return switch (source) {
            case "erp" -> rnd.nextBoolean() ? birthDay + "." + birthMonth + "." + birthYear
                    : birthDay + "/" + birthMonth + "/" + birthYear;
            case "web" -> rnd.nextInt(3) == 0 ? String.format(Locale.ROOT, "%d/%02d/%02d", birthYear, birthMonth,
                    birthDay) : isoBirthDate();
            default -> isoBirthDate();
        };
    }

    private String isoBirthDate() {
        return String.format(Locale.ROOT, "%d-%02d-%02d", birthYear, birthMonth, birthDay);
    }

    String genderValue(String source) {
        String word = gender == 'f' ? "female" : gender == 'm' ? "male" : "diverse";
        return switch (source) {
            case "erp" -> gender == 'd' ? null : String.valueOf(Character.toUpperCase(gender));
            case "web" -> Character.toUpperCase(word.charAt(0)) + word.substring(1);
            default -> word;
        };
    }

    void clearSession() {
        sessionId = null;
        cartSize = 0;
        addPending = -1;
        removePending = false;
        loginPending = false;
        landingPending = false;
        viewsLeft = 0;
    }
}
