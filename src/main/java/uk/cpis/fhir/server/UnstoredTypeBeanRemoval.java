package uk.cpis.fhir.server;

import ca.uhn.fhir.jpa.config.GeneratedDaoAndResourceProviderConfigR4;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;

/**
 * Removes, before any bean is made, HAPI's generated DAO and resource provider beans ({@code myObservationDaoR4},
 * {@code myObservationRpR4}, ...) of every resource type {@link ServedResourceTypes} does not keep. HAPI's DAO
 * registry collects every DAO bean there is, so without this it builds all 146, one for each R4 type: about a
 * quarter of a start's CPU, and memory for types CP-IS never stores.
 */
public final class UnstoredTypeBeanRemoval implements BeanDefinitionRegistryPostProcessor {

    private static final Pattern GENERATED = Pattern.compile("my([A-Z][A-Za-z]+)(Dao|Rp)R4");

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        // Only the generated configuration's beans: others share the naming (mySystemDaoR4 is HAPI's system DAO).
        Set<String> generatedConfig = Arrays.stream(registry.getBeanDefinitionNames())
                .filter(name -> GeneratedDaoAndResourceProviderConfigR4.class.getName()
                        .equals(registry.getBeanDefinition(name).getBeanClassName()))
                .collect(Collectors.toSet());
        if (generatedConfig.isEmpty()) {
            throw new IllegalStateException("HAPI's generated R4 DAO configuration is not registered: "
                    + "UnstoredTypeBeanRemoval no longer matches this HAPI version");
        }
        Arrays.stream(registry.getBeanDefinitionNames())
                .filter(name -> generatedConfig.contains(registry.getBeanDefinition(name).getFactoryBeanName()))
                .filter(UnstoredTypeBeanRemoval::isUnstoredTypeBean)
                .forEach(registry::removeBeanDefinition);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // all done on the registry
    }

    /** A generated DAO or provider bean of a type this server does not store (e.g. {@code myObservationDaoR4}). */
    static boolean isUnstoredTypeBean(String beanName) {
        Matcher generated = GENERATED.matcher(beanName);
        if (!generated.matches()) {
            return false;
        }
        // HAPI names the List resource's beans "ListResource" (List would clash with java.util.List).
        String type = generated.group(1).equals("ListResource") ? "List" : generated.group(1);
        return !ServedResourceTypes.STORED.contains(type);
    }
}
