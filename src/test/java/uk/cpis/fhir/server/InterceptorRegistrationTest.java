package uk.cpis.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.Hook;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;

/**
 * Every class of the server with a HAPI hook says where it is registered (REST server or storage), and only one
 * of the two: {@link InterceptorRegistration} registers exactly the beans so marked, so an interceptor without
 * a mark would never run. (The one exception takes the place of a HAPI bean that HAPI registers.)
 */
class InterceptorRegistrationTest {

    private static List<Class<?>> classesWithHooks() throws IOException, ClassNotFoundException {
        List<Class<?>> found = new ArrayList<>();
        CachingMetadataReaderFactory readers = new CachingMetadataReaderFactory();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:uk/cpis/fhir/**/*.class")) {
            if (resource.getURL().toString().contains("/test-classes/")) {
                continue; // the server's own classes only
            }
            String name = readers.getMetadataReader(resource).getClassMetadata().getClassName();
            Class<?> type = Class.forName(name, false, InterceptorRegistrationTest.class.getClassLoader());
            // Public methods, inherited ones too: CpisAuthorizationInterceptor's hooks are HAPI's.
            if (Arrays.stream(type.getMethods()).anyMatch(m -> m.isAnnotationPresent(Hook.class))) {
                found.add(type);
            }
        }
        return found;
    }

    /** CP-IS subclasses that take the place of a HAPI bean, which HAPI registers itself. */
    private static final List<String> REGISTERED_BY_HAPI =
            List.of("uk.cpis.fhir.notification.UnsubscribedChangeSkippingMatcher");

    @Test
    void everyInterceptorIsMarkedForExactlyOneService() throws Exception {
        List<Class<?>> interceptors = classesWithHooks();
        interceptors.removeIf(type -> REGISTERED_BY_HAPI.contains(type.getName()));

        assertThat(interceptors).hasSizeGreaterThanOrEqualTo(20);
        assertThat(interceptors).allSatisfy(type -> assertThat(
                RestServerInterceptor.class.isAssignableFrom(type) ^ StorageInterceptor.class.isAssignableFrom(type))
                .as(type.getName()).isTrue());
    }
}
