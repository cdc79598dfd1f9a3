package uk.cpis.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.config.GeneratedDaoAndResourceProviderConfigR4;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import uk.cpis.fhir.access.AccessPolicy;

/** Which resource types the server holds, and that HAPI builds DAOs for those alone. */
class ServedResourceTypesTest {

    private static final FhirContext R4 = FhirContext.forR4Cached();

    @Test
    void servesEveryTypeSomeRoleIsGranted() {
        AccessPolicy policy = AccessPolicy.cpis();
        Set<String> granted = new TreeSet<>();
        for (AccessPolicy.Caller caller : AccessPolicy.Caller.values()) {
            granted.addAll(policy.of(caller).grants().keySet());
        }

        assertThat(granted).isNotEmpty();
        assertThat(ServedResourceTypes.SERVED).containsAll(granted);
    }

    @Test
    void keepsADaoForEveryTargetOfAGrantedUnqualifiedChain() {
        AccessPolicy policy = AccessPolicy.cpis();
        Set<String> missing = new TreeSet<>();
        for (AccessPolicy.Caller caller : AccessPolicy.Caller.values()) {
            for (AccessPolicy.Grant grant : policy.of(caller).grants().values()) {
                for (String parameter : grant.parameters().keySet()) {
                    String reference = parameter.split("\\.")[0];
                    if (parameter.contains(".") && !reference.contains(":")) {
                        targets(grant.type(), reference).stream()
                                .filter(target -> !ServedResourceTypes.STORED.contains(target))
                                .forEach(target -> missing.add(grant.type() + "?" + parameter + " → " + target));
                    }
                }
            }
        }

        assertThat(missing).isEmpty();
    }

    @Test
    void namesOnlyRealR4ResourceTypes() {
        assertThat(R4.getResourceTypes()).containsAll(ServedResourceTypes.STORED);
    }

    @Test
    void removesGeneratedBeansOfUnstoredTypesOnly() {
        DefaultListableBeanFactory registry = new DefaultListableBeanFactory();
        registry.registerBeanDefinition("generatedConfig",
                new RootBeanDefinition(GeneratedDaoAndResourceProviderConfigR4.class));
        for (String name : Set.of("myObservationDaoR4", "myObservationRpR4", "myListDaoR4", "myListResourceRpR4",
                "myFlagDaoR4", "myFlagRpR4", "myBinaryDaoR4", "myTaskDaoR4")) {
            registry.registerBeanDefinition(name, generated(name));
        }
        // Named like a generated bean, but HAPI's system DAO from another configuration: kept.
        registry.registerBeanDefinition("mySystemDaoR4", new RootBeanDefinition(Object.class));

        new UnstoredTypeBeanRemoval().postProcessBeanDefinitionRegistry(registry);

        assertThat(registry.getBeanDefinitionNames()).containsExactlyInAnyOrder(
                "generatedConfig", "myFlagDaoR4", "myFlagRpR4", "myBinaryDaoR4", "myTaskDaoR4", "mySystemDaoR4");
    }

    @Test
    void refusesToStartWhenHapiNoLongerRegistersItsGeneratedConfiguration() {
        DefaultListableBeanFactory registry = new DefaultListableBeanFactory();
        registry.registerBeanDefinition("myObservationDaoR4", new RootBeanDefinition(Object.class));

        assertThatThrownBy(() -> new UnstoredTypeBeanRemoval().postProcessBeanDefinitionRegistry(registry))
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * The target types of a built-in reference parameter as HAPI's search parameter registry has them: from the R4
     * core SearchParameter definitions (which name more targets than the model classes do: Flag's patient → Group).
     */
    private static Set<String> targets(String type, String code) {
        Set<String> targets = new TreeSet<>();
        for (IBaseResource resource : R4.getValidationSupport().<IBaseResource>fetchAllSearchParameters()) {
            SearchParameter parameter = (SearchParameter) resource;
            if (code.equals(parameter.getCode()) && parameter.getBase().stream().anyMatch(b -> type.equals(b.getValue()))) {
                parameter.getTarget().forEach(target -> targets.add(target.getValue()));
            }
        }
        targets.addAll(R4.getResourceDefinition(type).getSearchParam(code).getTargets());
        assertThat(targets).as(type + "." + code).isNotEmpty();
        return targets;
    }

    private static RootBeanDefinition generated(String name) {
        RootBeanDefinition definition = new RootBeanDefinition();
        definition.setFactoryBeanName("generatedConfig");
        definition.setFactoryMethodName(name);
        return definition;
    }
}
