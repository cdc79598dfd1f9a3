package uk.cpis.fhir.submission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.cpis.fhir.contract.CpisContract.Identifiers;

/**
 * Which conditional URLs of an LA may go to HAPI unnarrowed (when no other LA holds the key): only the plain
 * one-identifier form of the type's own key system; anything else is narrowed to the LA as before.
 */
class PlanMatchScopingTest {

    private static final String PLAN = Identifiers.LOCAL_AUTHORITY_PLAN + "|";

    @Test
    void readsTheKeyOfAPlainOneIdentifierUrl() {
        assertThat(PlanMatchScopingInterceptor.singleKey("Flag?identifier=" + PLAN + "CPP-2024-001", "Flag"))
                .contains("CPP-2024-001");
        assertThat(PlanMatchScopingInterceptor.singleKey("Practitioner?identifier="
                + Identifiers.LOCAL_AUTHORITY_STAFF + "|SW1", "Practitioner")).contains("SW1");
    }

    @Test
    void leavesEveryOtherFormToBeNarrowed() {
        assertThat(PlanMatchScopingInterceptor.singleKey("Flag?identifier=" + PLAN + "P1&status=active", "Flag")).isEmpty();
        assertThat(PlanMatchScopingInterceptor.singleKey("Flag?identifier=" + PLAN + "P1," + PLAN + "P2", "Flag")).isEmpty();
        assertThat(PlanMatchScopingInterceptor.singleKey("Flag?identifier=" + PLAN + "P%261", "Flag")).isEmpty();
        assertThat(PlanMatchScopingInterceptor.singleKey("Flag?identifier=" + PLAN + "P\\,1", "Flag")).isEmpty();
        assertThat(PlanMatchScopingInterceptor.singleKey("Flag?identifier=" + PLAN, "Flag")).isEmpty();
        assertThat(PlanMatchScopingInterceptor.singleKey("Flag?identifier=https://example.org/other|P1", "Flag")).isEmpty();
        assertThat(PlanMatchScopingInterceptor.singleKey("Flag?identifier=" + Identifiers.LOCAL_AUTHORITY_STAFF + "|P1",
                "Flag")).isEmpty();
        assertThat(PlanMatchScopingInterceptor.singleKey("EpisodeOfCare?identifier=" + PLAN + "P1", "Flag")).isEmpty();
    }
}
