package io.smartcrm.job.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcrm.model.event.CustomerEvent;
import io.smartcrm.model.event.EventType;
import io.smartcrm.model.event.LineItem;
import io.smartcrm.model.wire.InvalidEventException;
import io.smartcrm.model.wire.RejectReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StandardizerTest {
    static final CurrencyRates RATES = CurrencyRates.parse("GBP", "EUR=0.85,USD=0.75,JPY=0.005");
    static final Standardizer GB = new Standardizer("GB", RATES);
    static final long TS = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();

    static CustomerEvent event(EventType type) {
        CustomerEvent e = new CustomerEvent();
        e.eventId = "e-1";
        e.type = type;
        e.timestamp = TS;
        e.customerId = "c-1";
        return e;
    }

    static CustomerEvent profile() {
        return event(EventType.PROFILE_UPDATE);
    }

    static CustomerEvent standardized(Standardizer s, CustomerEvent e) throws InvalidEventException {
        s.standardize(e);
        return e;
    }

    static CustomerEvent standardized(CustomerEvent e) throws InvalidEventException {
        return standardized(GB, e);
    }

    @Nested
    class Emails {
        @ParameterizedTest
        @CsvSource({"' Ann.Smith@Example.COM ', ann.smith@example.com", "bob+crm@mail.co.uk, bob+crm@mail.co.uk"})
        void areTrimmedAndLowerCased(String raw, String clean) throws Exception {
            CustomerEvent e = profile();
            e.email = raw;
            assertThat(standardized(e).email).isEqualTo(clean);
            assertThat(e.warnings).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"no-at-sign", "a@@b.com", "@b.com", "ann@", "ann smith@b.com", "a@b@c"})
        void invalidAddressesAreDroppedWithAWarning(String raw) throws Exception {
            CustomerEvent e = profile();
            e.email = raw;
            assertThat(standardized(e).email).isNull();
            assertThat(e.warnings).singleElement().asString().startsWith("email").contains(raw);
        }

        @Test
        void blankIsAbsentWithoutWarning() throws Exception {
            CustomerEvent e = profile();
            e.email = "   ";
            assertThat(standardized(e).email).isNull();
            assertThat(e.warnings).isNull();
        }
    }

    @Nested
    class Phones {
        @ParameterizedTest(name = "GB {0}")
        @CsvSource({
            "020 7946 0000,          +442079460000",
            "(020) 7946-0000,        +442079460000",
            "07911 123456,           +447911123456",
            "+44 7911 123456,        +447911123456",
            "0044 20 7946 0000,      +442079460000",
            "+44 (0)20 7946 0000,    +442079460000",
            "+1 650-253-0000,        +16502530000",
            "+33 1 42 68 53 00,      +33142685300",
            "+49 30 901820,          +4930901820",
        })
        void localAndInternationalFormatsBecomeE164(String raw, String e164) throws Exception {
            CustomerEvent e = profile();
            e.phone = raw;
            assertThat(standardized(e).phone).isEqualTo(e164);
            assertThat(e.warnings).isNull();
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource({
            "US, (650) 253-0000,     +16502530000",
            "US, 650.253.0000,       +16502530000",
            "US, 011 44 20 7946 0000, +442079460000",
            "DE, 030 901820,         +4930901820",
            "FR, 01 42 68 53 00,     +33142685300",
            "IE, 01 234 5678,        +35312345678",
        })
        void theDefaultRegionDecidesNationalNumbers(String region, String raw, String e164) throws Exception {
            CustomerEvent e = profile();
            e.phone = raw;
            assertThat(standardized(new Standardizer(region, RATES), e).phone).isEqualTo(e164);
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource({
            "Germany, (030) 901820,  +4930901820",
            "US,      (650) 253-0000, +16502530000",
            "France,  01 42 68 53 00, +33142685300",
            "Narnia,  020 7946 0000,  +442079460000",
        })
        void theEventsOwnCountryDecidesNationalNumbersBeforeTheDefault(String country, String raw, String e164)
                throws Exception {
            CustomerEvent e = profile();
            e.country = country;
            e.phone = raw;
            assertThat(standardized(e).phone).isEqualTo(e164);
        }

        @ParameterizedTest
        @ValueSource(strings = {"12345", "not a phone", "+44 20", "000000000000000000"})
        void invalidNumbersAreAWarningNotARejection(String raw) throws Exception {
            CustomerEvent e = profile();
            e.phone = raw;
            assertThat(standardized(e).phone).isNull();
            assertThat(e.warnings).singleElement().asString().startsWith("phone").contains(raw);
        }

        @Test
        void anUnknownRegionIsAConfigurationError() {
            assertThatThrownBy(() -> new Standardizer("XX", RATES)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("XX");
            assertThat(new Standardizer("gb", RATES)).isNotNull();
        }
    }

    @Nested
    class Countries {
        @ParameterizedTest(name = "{0}")
        @CsvSource({
            "United Kingdom, GB", "UK, GB", "gb, GB", "GBR, GB", "Great Britain, GB", "england, GB",
            "EIRE, IE", "Ireland, IE", "IRL, IE",
            "usa, US", "U.S.A., US", "United States, US", "US, US", "america, US",
            "Deutschland, DE", "germany, DE", "DEU, DE", "de, DE",
            "'  france ', FR", "The Netherlands, NL", "Holland, NL", "Japan, JP", "CHE, CH", "Switzerland, CH",
        })
        void namesCodesAndAliasesBecomeAlpha2(String raw, String alpha2) throws Exception {
            CustomerEvent e = profile();
            e.country = raw;
            assertThat(standardized(e).country).isEqualTo(alpha2);
            assertThat(e.warnings).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"Narnia", "ZZ", "Europe", "123"})
        void unknownCountriesAreDroppedWithAWarning(String raw) throws Exception {
            CustomerEvent e = profile();
            e.country = raw;
            assertThat(standardized(e).country).isNull();
            assertThat(e.warnings).singleElement().asString().startsWith("country").contains(raw);
        }
    }

    @Nested
    class Money {
        @Test
        void amountsUnitPricesAndItemsAreConvertedToTheBase() throws Exception {
            CustomerEvent e = event(EventType.PURCHASE);
            e.amount = 119.98;
            e.unitPrice = 19.99;
            e.currency = " eur ";
            e.items = new ArrayList<>(List.of(new LineItem("p1", "shoes", 2, 49.99), new LineItem("p2", null, 1, 20)));
            standardized(e);
            assertThat(e.currency).isEqualTo("EUR");
            assertThat(e.amount).isEqualTo(101.983); // 119.98 × 0.85
            assertThat(e.unitPrice).isEqualTo(16.9915);
            assertThat(e.items).extracting(li -> li.unitPrice).containsExactly(42.4915, 17.0);
            assertThat(e.items).extracting(li -> li.quantity).containsExactly(2, 1);
        }

        @Test
        void conversionsAreRoundedToFourDecimals() throws Exception {
            CustomerEvent e = event(EventType.PURCHASE);
            e.amount = 1234.0;
            e.currency = "JPY";
            assertThat(standardized(e).amount).isEqualTo(6.17);
            CustomerEvent f = event(EventType.REFUND);
            f.amount = 0.333333;
            f.currency = "USD";
            assertThat(standardized(f).amount).isEqualTo(0.25);
        }

        @Test
        void noCurrencyMeansTheBaseAndNothingChanges() throws Exception {
            CustomerEvent e = event(EventType.PURCHASE);
            e.amount = 10.5;
            standardized(e);
            assertThat(e.currency).isEqualTo("GBP");
            assertThat(e.amount).isEqualTo(10.5);
            CustomerEvent g = event(EventType.PURCHASE);
            g.amount = 10.5;
            g.currency = "gbp";
            assertThat(standardized(g).currency).isEqualTo("GBP");
            assertThat(g.amount).isEqualTo(10.5);
        }

        @Test
        void anUnknownCurrencyRejectsTheEvent() {
            CustomerEvent e = event(EventType.PURCHASE);
            e.amount = 10.0;
            e.currency = "XYZ";
            assertThatThrownBy(() -> standardized(e)).isInstanceOfSatisfying(InvalidEventException.class, ex -> {
                assertThat(ex.reason()).isEqualTo(RejectReason.UNKNOWN_CURRENCY);
                assertThat(ex.getMessage()).contains("'XYZ'").contains("GBP");
            });
        }

        @Test
        void anUnknownCurrencyOnItemsOnlyRejectsTooSinceTheirPricesCannotBeCounted() {
            CustomerEvent e = event(EventType.ADD_TO_CART);
            e.productId = "p";
            e.unitPrice = 3.0;
            e.currency = "ABC";
            assertThatThrownBy(() -> standardized(e)).isInstanceOfSatisfying(InvalidEventException.class,
                    ex -> assertThat(ex.reason()).isEqualTo(RejectReason.UNKNOWN_CURRENCY));
        }

        @Test
        void absurdAmountsAreRejectedBeforeTheyOverflowTheProfile() {
            CustomerEvent e = event(EventType.PURCHASE);
            e.amount = 1e300;
            assertThatThrownBy(() -> standardized(e)).isInstanceOfSatisfying(InvalidEventException.class, ex -> {
                assertThat(ex.reason()).isEqualTo(RejectReason.INVALID_VALUE);
                assertThat(ex.getMessage()).contains("amount");
            });
            CustomerEvent f = event(EventType.PURCHASE);
            f.amount = 1.0;
            f.items = new ArrayList<>(List.of(new LineItem("p", null, 1, 5e15)));
            assertThatThrownBy(() -> standardized(f)).isInstanceOfSatisfying(InvalidEventException.class,
                    ex -> assertThat(ex.getMessage()).contains("items[0]"));
        }
    }

    @Nested
    class BirthDates {
        @ParameterizedTest(name = "{0}")
        @CsvSource({"1990-02-03, 1990-02-03", "3/2/1990, 1990-02-03", "03/02/1990, 1990-02-03",
                "1990/2/3, 1990-02-03", "3.2.1990, 1990-02-03", "29/02/2000, 2000-02-29", "' 1985-12-31 ', 1985-12-31"})
        void acceptedFormatsBecomeIso(String raw, String iso) throws Exception {
            CustomerEvent e = profile();
            e.birthDate = raw;
            assertThat(standardized(e).birthDate).isEqualTo(iso);
            assertThat(e.warnings).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"31/02/1990", "1990/2/30", "29/02/2001", "1990-13-01", "1990-02-30", "tomorrow",
                "02-03-1990", "+12345-01-01", "1/1/12345", "2024-05-02", "2999-01-01", "1800-01-01"})
        void impossibleOrImplausibleDatesAreDroppedWithAWarning(String raw) throws Exception {
            CustomerEvent e = profile();
            e.birthDate = raw;
            assertThat(standardized(e).birthDate).as(raw).isNull();
            assertThat(e.warnings).singleElement().asString().startsWith("birthDate").contains(raw);
        }
    }

    @Nested
    class Strings {
        @Test
        void idsAreTrimmedCodesLowerCasedBlanksAbsent() throws Exception {
            CustomerEvent e = event(EventType.SUPPORT_TICKET);
            e.eventId = " e-9 ";
            e.customerId = "\tc-9 ";
            e.source = " CRM ";
            e.ticketId = " t-1 ";
            e.ticketStatus = "Closed";
            e.channel = "EMAIL";
            e.gender = " F ";
            e.subject = "  ";
            e.city = " Leeds ";
            e.name = " Ann  Smith ";
            standardized(e);
            assertThat(e).extracting("eventId", "customerId", "source", "ticketId", "ticketStatus", "channel", "gender",
                    "subject", "city", "name")
                    .containsExactly("e-9", "c-9", "crm", "t-1", "closed", "email", "f", null, "Leeds", "Ann  Smith");
        }

        @Test
        void attributesAreTrimmedAndBlankOnesDropped() throws Exception {
            CustomerEvent e = profile();
            Map<String, String> a = new LinkedHashMap<>();
            a.put(" tier ", " gold ");
            a.put("empty", "  ");
            a.put("  ", "orphan");
            e.attributes = a;
            assertThat(standardized(e).attributes).containsExactly(Map.entry("tier", "gold"));
            CustomerEvent f = profile();
            f.attributes = new LinkedHashMap<>(Map.of("x", " "));
            assertThat(standardized(f).attributes).isNull();
        }

        @Test
        void attributeKindsHaveTrimmedKeysAndLowerCaseKindsAndBlankOnesDropped() throws Exception {
            CustomerEvent e = profile();
            Map<String, String> k = new LinkedHashMap<>();
            k.put(" tenure ", " Numeric ");
            k.put("churned", "LABEL");
            k.put("  ", "categorical");
            k.put("note", " ");
            k.put("c".repeat(2_000), "text");
            e.attributeKinds = k;
            assertThat(standardized(e).attributeKinds)
                    .containsExactly(Map.entry("tenure", "numeric"), Map.entry("churned", "label"));
            assertThat(e.warnings).singleElement().asString().startsWith("attributeKinds.ccc").contains("longer than");
            CustomerEvent f = profile();
            f.attributeKinds = new LinkedHashMap<>(Map.of(" ", "text"));
            assertThat(standardized(f).attributeKinds).isNull();
        }

        @ParameterizedTest
        @CsvSource({"PRODUCT_VIEW, productId", "ADD_TO_CART, productId", "REMOVE_FROM_CART, productId",
                "SUPPORT_TICKET, ticketId", "EMAIL_OPEN, campaignId"})
        void aRequiredFieldThatIsBlankIsMissing(EventType type, String field) throws Exception {
            CustomerEvent e = event(type);
            CustomerEvent.class.getField(field).set(e, "   ");
            assertThatThrownBy(() -> standardized(e)).isInstanceOfSatisfying(InvalidEventException.class, ex -> {
                assertThat(ex.reason()).isEqualTo(RejectReason.MISSING_FIELD);
                assertThat(ex.getMessage()).contains("'" + field + "'");
            });
        }

        @Test
        void identifiersTooLongForAnElasticsearchIdAreRejected() throws Exception {
            CustomerEvent e = event(EventType.LOGIN);
            e.customerId = "c".repeat(513);
            assertThatThrownBy(() -> standardized(e)).isInstanceOfSatisfying(InvalidEventException.class, ex -> {
                assertThat(ex.reason()).isEqualTo(RejectReason.INVALID_VALUE);
                assertThat(ex.getMessage()).contains("'customerId'").contains("512");
            });
            CustomerEvent f = event(EventType.LOGIN);
            f.eventId = "é".repeat(300); // 600 bytes in UTF-8
            assertThatThrownBy(() -> standardized(f)).isInstanceOfSatisfying(InvalidEventException.class,
                    ex -> assertThat(ex.getMessage()).contains("'eventId'"));
            CustomerEvent ok = event(EventType.LOGIN);
            ok.customerId = "c".repeat(512);
            assertThat(standardized(ok).customerId).hasSize(512);
        }

        @ParameterizedTest
        @ValueSource(strings = {"productId", "sessionId", "category", "orderId", "city", "source"})
        void overlongKeywordValuesAreRejected(String field) throws Exception {
            CustomerEvent e = event(EventType.PRODUCT_VIEW);
            e.productId = "p";
            CustomerEvent.class.getField(field).set(e, "x".repeat(2_000));
            assertThatThrownBy(() -> standardized(e)).isInstanceOfSatisfying(InvalidEventException.class, ex -> {
                assertThat(ex.reason()).isEqualTo(RejectReason.INVALID_VALUE);
                assertThat(ex.getMessage()).contains("'" + field + "'");
            });
        }

        @Test
        void overlongItemFieldsAreRejectedByIndex() {
            CustomerEvent e = event(EventType.PURCHASE);
            e.amount = 1.0;
            e.items = new ArrayList<>(List.of(new LineItem("p", null, 1, 1), new LineItem("q", "c".repeat(5000), 1, 1)));
            assertThatThrownBy(() -> standardized(e)).isInstanceOfSatisfying(InvalidEventException.class,
                    ex -> assertThat(ex.getMessage()).contains("items[1].category"));
        }

        @Test
        void unusableConsentKeysAndOverlongAttributesAreDroppedWithWarnings() throws Exception {
            CustomerEvent e = profile();
            Map<String, Boolean> consent = new LinkedHashMap<>();
            consent.put("email", true);
            consent.put("", true);
            consent.put("..", false);
            consent.put(" Sms ", false);
            e.consent = consent;
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("tier", "gold");
            attributes.put("essay", "w".repeat(5_000));
            e.attributes = attributes;
            standardized(e);
            assertThat(e.consent).containsExactly(Map.entry("email", true), Map.entry("sms", false));
            assertThat(e.attributes).containsExactly(Map.entry("tier", "gold"));
            assertThat(e.warnings).hasSize(3).anyMatch(w -> w.startsWith("attributes.essay"));
        }

        @Test
        void warningsAccumulateAndTheEventIsStillAccepted() throws Exception {
            CustomerEvent e = profile();
            e.email = "nope";
            e.phone = "123";
            e.country = "Atlantis";
            e.birthDate = "someday";
            standardized(e);
            assertThat(e.warnings).hasSize(4);
            assertThat(e.warnings).extracting(w -> w.substring(0, w.indexOf(':')))
                    .containsExactly("email", "country", "phone", "birthDate");
        }
    }
}
