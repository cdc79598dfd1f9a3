package uk.cpis.fhir.metadata;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Date;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceInteractionComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;
import uk.cpis.fhir.contract.CpisContract;
import uk.cpis.fhir.server.RestServerInterceptor;

/**
 * Makes the CapabilityStatement HAPI generates say what this server is and does: CP-IS's name and version, the
 * implementation guide it implements (the package's ImplementationGuide), only
 * the interactions, search parameters, includes and operations some caller is granted
 * ({@link AdvertisedCapabilities}), CP-IS's own operations by the canonical URLs of the package's
 * OperationDefinitions, and how a client authenticates (SMART on FHIR; the identity provider's token endpoint
 * when one is configured). HAPI builds one statement for every caller and caches it, so it holds nothing that
 * depends on who asks (and no resource counts: {@code FhirEndpointConfig} turns them off).
 */
@Interceptor
public final class PublishedCapabilityStatement implements RestServerInterceptor {

    static final String SERVER_NAME = "CP-IS FHIR server";
    private static final String SECURITY_SERVICE = "http://terminology.hl7.org/CodeSystem/restful-security-service";
    /** SMART App Launch's extension for the OAuth endpoints of the server's identity provider. */
    static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
    private static final String VALIDATE_DEFINITION = "http://hl7.org/fhir/OperationDefinition/Resource-validate";

    private final AdvertisedCapabilities advertised;
    private final String version;
    private final String tokenEndpoint;
    private final String securityDescription;

    PublishedCapabilityStatement(AdvertisedCapabilities advertised, String version, String tokenEndpoint,
            String securityDescription) {
        this.advertised = advertised;
        this.version = version;
        this.tokenEndpoint = tokenEndpoint;
        this.securityDescription = securityDescription;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void capabilityStatementGenerated(IBaseConformance generated) {
        CapabilityStatement statement = (CapabilityStatement) generated;
        describeServer(statement);
        // No caller but an administrator may patch (and the administrator's blanket grant is not advertised).
        statement.getPatchFormat().clear();
        for (CapabilityStatementRestComponent rest : statement.getRest()) {
            rest.getResource().removeIf(resource -> !advertised.types().containsKey(resource.getType()));
            rest.getResource().forEach(this::narrow);
            rest.getInteraction().removeIf(i -> !advertised.serverInteractions().contains(i.getCode().toCode()));
            // HAPI lists a transaction only; its one bundle endpoint takes batches too.
            for (String interaction : advertised.serverInteractions()) {
                if (rest.getInteraction().stream().noneMatch(i -> i.getCode().toCode().equals(interaction))) {
                    rest.addInteraction().setCode(CapabilityStatement.SystemRestfulInteraction.fromCode(interaction));
                }
            }
            rest.getOperation().removeIf(o -> !advertised.serverOperations().contains(o.getName()));
            rest.getOperation().forEach(PublishedCapabilityStatement::pointAtCanonicalDefinition);
            rest.setSecurity(security());
        }
    }

    private void describeServer(CapabilityStatement statement) {
        statement.setName("CPISFHIRServer");
        statement.setTitle(SERVER_NAME);
        statement.setStatus(PublicationStatus.ACTIVE);
        statement.setPublisher("CP-IS FHIR server project");
        statement.setDescription("Child Protection Information Sharing (England): local authorities submit which"
                + " children are on a protection plan or looked after; unscheduled care looks them up by NHS number,"
                + " and the child's local authority is told of the visit.");
        statement.getSoftware().setName(SERVER_NAME).setVersion(version);
        statement.getImplementation().setDescription(SERVER_NAME);
        statement.getImplementationGuide().clear();
        statement.addImplementationGuide(CpisContract.IMPLEMENTATION_GUIDE);
        statement.setDate(new Date());
    }

    private void narrow(CapabilityStatementRestResourceComponent resource) {
        AdvertisedCapabilities.TypeCapabilities granted = advertised.types().get(resource.getType());
        resource.getInteraction().removeIf(i -> !granted.interactions().contains(i.getCode().toCode()));
        for (String interaction : granted.interactions()) {
            boolean listed = resource.getInteraction().stream().anyMatch(i -> i.getCode().toCode().equals(interaction));
            if (!listed) {
                resource.addInteraction(new ResourceInteractionComponent()
                        .setCode(CapabilityStatement.TypeRestfulInteraction.fromCode(interaction)));
            }
        }
        resource.setReadHistory(false); // history is an administrator's
        resource.getSearchParam().removeIf(p -> !granted.searchParameters().contains(p.getName()));
        resource.getSearchInclude().removeIf(i -> !granted.includes().contains(i.getValue()));
        resource.getSearchRevInclude().clear();
        resource.getOperation().removeIf(o -> !granted.operations().contains(o.getName()));
        resource.getOperation().forEach(PublishedCapabilityStatement::pointAtCanonicalDefinition);
    }

    /** CP-IS's operations by the package's OperationDefinitions, $validate by FHIR's own, not HAPI's generated. */
    private static void pointAtCanonicalDefinition(CapabilityStatementRestResourceOperationComponent operation) {
        String name = operation.getName();
        if (name.startsWith("cpis-")) {
            operation.setDefinition(CpisContract.CANONICAL_BASE + "/OperationDefinition/" + name);
        } else if (name.equals("validate")) {
            operation.setDefinition(VALIDATE_DEFINITION);
        }
    }

    private CapabilityStatementRestSecurityComponent security() {
        CapabilityStatementRestSecurityComponent security = new CapabilityStatementRestSecurityComponent();
        security.setCors(false);
        security.addService(new CodeableConcept(new Coding(SECURITY_SERVICE, "SMART-on-FHIR", "SMART-on-FHIR")));
        security.setDescription(securityDescription);
        if (!tokenEndpoint.isBlank()) {
            Extension oauth = security.addExtension().setUrl(OAUTH_URIS);
            oauth.addExtension("token", new UriType(tokenEndpoint));
        }
        return security;
    }
}
