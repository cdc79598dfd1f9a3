package uk.cpis.fhir.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The firewall's character rule, without a regex, decides exactly as Spring Security's regex does. */
class PrintableCharactersTest {

    /** Spring Security's own rule (StrictHttpFirewall's default for header names and values). */
    private static final Pattern SPRING = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    private final PrintableCharacters rule = new PrintableCharacters();

    @Test
    void decidesEveryCodePointAsSpringSecuritysRegex() {
        List<Integer> disagreements = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String value = "a" + new String(Character.toChars(codePoint)) + "b";
            if (rule.test(value) != SPRING.matcher(value).matches()) {
                disagreements.add(codePoint);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void refusesControlCharactersAndAcceptsABearerToken() {
        assertThat(rule.test("Bearer eyJhbGciOiJFUzI1NiJ9.e30.c2ln")).isTrue();
        assertThat(rule.test("value\r\nX-Injected: 1")).isFalse();
        assertThat(rule.test("nul\u0000")).isFalse();
        assertThat(rule.test("")).isTrue();
    }
}
