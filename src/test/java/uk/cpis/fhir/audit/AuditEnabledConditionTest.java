package uk.cpis.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The audit is on unless cpis.audit.enabled is false as Spring reads a boolean setting, whatever its spelling. */
class AuditEnabledConditionTest {

    private static boolean enabledWith(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        return AuditEnabledCondition.enabled(environment);
    }

    @Test
    void isOnWithoutTheSetting() {
        assertThat(enabledWith(Map.of())).isTrue();
    }

    @Test
    void isOnForEverySpellingSpringReadsAsTrue() {
        for (String on : new String[] {"true", "TRUE", "on", "yes", "1"}) {
            assertThat(enabledWith(Map.of("cpis.audit.enabled", on))).as(on).isTrue();
        }
    }

    @Test
    void isOffOnlyWhenSetToFalse() {
        for (String off : new String[] {"false", "off", "no", "0"}) {
            assertThat(enabledWith(Map.of("cpis.audit.enabled", off))).as(off).isFalse();
        }
    }
}
