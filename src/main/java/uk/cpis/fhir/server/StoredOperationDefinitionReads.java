package uk.cpis.fhir.server;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.OperationDefinition;

/**
 * HAPI's CapabilityStatement provider, but {@code GET /fhir/OperationDefinition/<id>} reads the stored
 * OperationDefinitions (the package's, which the CapabilityStatement names) rather than the ones HAPI generates
 * for its own operation bindings: HAPI's provider answers every OperationDefinition read by id, and so hid them.
 */
final class StoredOperationDefinitionReads extends JpaCapabilityStatementProvider {

    private final IFhirResourceDao<OperationDefinition> operationDefinitions;

    StoredOperationDefinitionReads(RestfulServer server, IFhirSystemDao<?, ?> systemDao, JpaStorageSettings settings,
            ISearchParamRegistry searchParameters, IValidationSupport validation,
            IFhirResourceDao<OperationDefinition> operationDefinitions) {
        super(server, systemDao, settings, searchParameters, validation);
        this.operationDefinitions = operationDefinitions;
    }

    @Override
    public IBaseResource readOperationDefinition(IIdType theId, RequestDetails theRequestDetails) {
        return operationDefinitions.read(theId, theRequestDetails);
    }
}
