package uk.cpis.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import uk.cpis.fhir.access.AccessPolicy;

/** No parameter any role may search is retired from the index of the audit records. */
class UnsearchedParameterRetirementTest {

    private static final FhirContext R4 = FhirContext.forR4Cached();

    @Test
    void keepsEveryBuiltInParameterTheAccessPolicyGrants() {
        AccessPolicy policy = AccessPolicy.cpis();
        for (String type : UnsearchedParameterRetirement.SEARCHED.keySet()) {
            Set<String> builtIn = new TreeSet<>();
            R4.getResourceDefinition(type).getSearchParams().stream().map(RuntimeSearchParam::getName).forEach(builtIn::add);
            Set<String> granted = new TreeSet<>();
            for (AccessPolicy.Caller caller : AccessPolicy.Caller.values()) {
                AccessPolicy.Grant grant = policy.of(caller).grants().get(type);
                if (grant != null) {
                    // "subject.identifier" and "patient:Patient.identifier" search the index of "subject", "patient".
                    grant.parameters().keySet().forEach(name -> granted.add(name.split("[.:]")[0]));
                }
            }
            granted.retainAll(builtIn);
            granted.removeIf(name -> name.startsWith("_"));

            assertThat(granted).as(type).isNotEmpty();
            assertThat(UnsearchedParameterRetirement.SEARCHED.get(type)).as(type).containsAll(granted);
        }
    }
}
