package uk.cpis.fhir.audit;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True unless {@code cpis.audit.enabled} is false, read with the same conversion as {@link AuditProperties}
 * ("on", "yes", "TRUE" are true there too): the audit's interceptors and its settings can never disagree.
 */
final class AuditEnabledCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return enabled(context.getEnvironment());
    }

    static boolean enabled(Environment environment) {
        return Binder.get(environment).bind("cpis.audit.enabled", Boolean.class).orElse(true);
    }
}
