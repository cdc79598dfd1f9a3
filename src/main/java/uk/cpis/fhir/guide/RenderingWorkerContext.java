package uk.cpis.fhir.guide;

import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.r5.model.NamingSystem;
import org.hl7.fhir.r5.model.Resource;

/**
 * HAPI's worker context for HL7's code (as its validator uses it), with the two questions the renderers ask
 * that the validator never does answered as "none": which NamingSystems (the package has none) and, beyond
 * StructureDefinitions, which resources of a type (a value set's page looks for ConceptMaps; the package has none).
 */
final class RenderingWorkerContext extends WorkerContextValidationSupportAdapter {

    RenderingWorkerContext(IValidationSupport validationSupport) {
        super(validationSupport);
    }

    @Override
    public Map<String, NamingSystem> getNSUrlMap() {
        return Map.of();
    }

    @Override
    public <T extends Resource> List<T> fetchResourcesByType(Class<T> type) {
        if (type.equals(org.hl7.fhir.r5.model.StructureDefinition.class)) {
            return super.fetchResourcesByType(type);
        }
        return List.of();
    }
}
