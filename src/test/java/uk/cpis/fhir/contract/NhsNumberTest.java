package uk.cpis.fhir.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The NHS number's modulus-11 rule, and reading one from a search token. */
class NhsNumberTest {

    @Test
    void acceptsNumbersWhoseLastDigitIsTheirModulus11CheckDigit() {
        // 943 476 591 9: 9x10 + 4x9 + 3x8 + 4x7 + 7x6 + 6x5 + 5x4 + 9x3 + 1x2 = 299; 299 mod 11 = 2; 11 - 2 = 9.
        assertThat(NhsNumber.isValid("9434765919")).isTrue();
        assertThat(NhsNumber.isValid("4010232137")).isTrue();
    }

    @Test
    void acceptsACheckDigitOfZeroWhenTheRemainderIsZero() {
        // A sum of 0 gives a check of 11, which is written 0.
        assertThat(NhsNumber.isValid("0000000000")).isTrue();
    }

    @Test
    void refusesAWrongCheckDigit() {
        assertThat(NhsNumber.isValid("9434765918")).isFalse();
        assertThat(NhsNumber.isValid("9434765910")).isFalse();
    }

    @Test
    void refusesNumbersWhoseCheckWouldBeTen() {
        // 123 456 789: 1x10 + 2x9 + 3x8 + 4x7 + 5x6 + 6x5 + 7x4 + 8x3 + 9x2 = 210; 210 mod 11 = 1; 11 - 1 = 10.
        for (int last = 0; last <= 9; last++) {
            assertThat(NhsNumber.isValid("123456789" + last)).isFalse();
        }
    }

    @Test
    void refusesAnythingButTenDigits() {
        assertThat(NhsNumber.isValid(null)).isFalse();
        assertThat(NhsNumber.isValid("")).isFalse();
        assertThat(NhsNumber.isValid("943476591")).isFalse();
        assertThat(NhsNumber.isValid("94347659190")).isFalse();
        assertThat(NhsNumber.isValid("943 476 5919")).isFalse();
        assertThat(NhsNumber.isValid("943476591a")).isFalse();
        // Non-ASCII digits are digits to Unicode but not to the NHS.
        assertThat(NhsNumber.isValid("943476591\u0669")).isFalse();
    }

    @Test
    void readsTheNumberOfAnNhsNumberTokenOnly() {
        assertThat(NhsNumber.fromToken("https://fhir.nhs.uk/Id/nhs-number|9434765919")).contains("9434765919");
        assertThat(NhsNumber.fromToken("https://fhir.nhs.uk/Id/nhs-number|9434765918")).isEmpty();
        assertThat(NhsNumber.fromToken("9434765919")).isEmpty();
        assertThat(NhsNumber.fromToken("|9434765919")).isEmpty();
        assertThat(NhsNumber.fromToken("https://example.org/other|9434765919")).isEmpty();
        assertThat(NhsNumber.fromToken(null)).isEmpty();
    }
}
