package io.smartcrm.job.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smartcrm.job.SmartcrmOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CurrencyRatesTest {

    @Test
    void parsesCodesAndRatesAndTheBaseIsAlwaysOne() {
        CurrencyRates r = CurrencyRates.parse(" gbp ", " eur = 0.85 , USD=0.75,,JPY=0.005 ");
        assertThat(r.base()).isEqualTo("GBP");
        assertThat(r.rate("EUR")).isEqualTo(0.85);
        assertThat(r.rate("eur")).isEqualTo(0.85);
        assertThat(r.rate(" usd ")).isEqualTo(0.75);
        assertThat(r.rate("JPY")).isEqualTo(0.005);
        assertThat(r.rate("GBP")).isEqualTo(1.0);
    }

    @Test
    void noCurrencyMeansTheBase() {
        CurrencyRates r = CurrencyRates.parse("EUR", "GBP=1.17");
        assertThat(r.rate(null)).isEqualTo(1.0);
        assertThat(r.rate("  ")).isEqualTo(1.0);
    }

    @Test
    void unknownCurrenciesHaveNoRate() {
        CurrencyRates r = CurrencyRates.parse("GBP", "EUR=0.85");
        assertThat(r.rate("XYZ")).isNull();
        assertThat(r.rate("USD")).isNull();
    }

    @Test
    void anEmptyOrMissingTableKnowsOnlyTheBase() {
        assertThat(CurrencyRates.parse("GBP", null).rate("GBP")).isEqualTo(1.0);
        assertThat(CurrencyRates.parse("GBP", "").rate("EUR")).isNull();
    }

    @Test
    void theBaseCannotBeRepriced() {
        assertThat(CurrencyRates.parse("GBP", "GBP=2,EUR=0.85").rate("GBP")).isEqualTo(1.0);
    }

    @Test
    void theShippedDefaultTableParses() {
        CurrencyRates r = CurrencyRates.parse(SmartcrmOptions.BASE_CURRENCY.defaultValue(),
                SmartcrmOptions.CURRENCY_RATES.defaultValue());
        assertThat(r.base()).isEqualTo("GBP");
        for (String code : new String[] {"EUR", "USD", "CHF", "SEK", "NOK", "DKK", "PLN", "JPY", "AUD", "CAD"}) {
            assertThat(r.rate(code)).as(code).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"EUR", "EUR=", "=0.8", "EURO=0.8", "E1R=0.8", "EUR=0.8=0.9", "EUR:0.8"})
    void malformedEntriesAreRefusedNamingTheEntry(String entry) {
        assertThatThrownBy(() -> CurrencyRates.parse("GBP", "USD=0.75," + entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("currency rate");
    }

    @Test
    void nonNumericRatesAreRefused() {
        assertThatThrownBy(() -> CurrencyRates.parse("GBP", "EUR=abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EUR=abc").hasMessageContaining("number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0.85", "NaN", "Infinity", "1e400"})
    void nonPositiveOrNonFiniteRatesAreRefused(String rate) {
        assertThatThrownBy(() -> CurrencyRates.parse("GBP", "EUR=" + rate))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EUR");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GB", "POUND", "G8P"})
    void theBaseMustBeAnIsoCode(String base) {
        assertThatThrownBy(() -> CurrencyRates.parse(base, "EUR=0.85"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base currency");
    }
}
