package uk.cpis.fhir.access;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleTester;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import uk.cpis.fhir.contract.CpisContract.AuditCodes;

/**
 * Whether a clinician has found a child, as the clinician lookup requires before records are read by id, paged
 * through or fetched in a bundle: the access audit trail holds a search by that user (issuer and {@code sub}), as a
 * clinician, that showed the child within the configured window. The audit trail is the proof because every lookup writes it before its
 * answer is sent; nothing else needs to remember who found whom.
 */
public final class ClinicianFoundPatients {

    private static final String REQUEST_CACHE = ClinicianFoundPatients.class.getName();

    private final IFhirResourceDao<AuditEvent> auditEvents;
    private final Duration window;

    public ClinicianFoundPatients(IFhirResourceDao<AuditEvent> auditEvents, Duration window) {
        this.auditEvents = auditEvents;
        this.window = window;
    }

    /**
     * A rule tester passing a Flag, plan or Patient shown to a clinician: in an NHS-number search (the lookup guard
     * admitted only those), or of a child this clinician found recently.
     */
    IAuthRuleTester tester() {
        return new IAuthRuleTester() {
            @Override
            public boolean matchesOutput(RuleTestRequest request) {
                if (request.resource == null || request.operation == RestOperationTypeEnum.SEARCH_TYPE
                        || isBundleOfReads(request.requestDetails)) {
                    return true;
                }
                String patient = patientOf(request.resource);
                CallerClaims caller = CurrentCaller.of(request.requestDetails)
                        .filter(c -> c.role() == CallerClaims.Role.CLINICIAN && c.issuer() != null && c.subject() != null)
                        .orElse(null);
                return patient != null && caller != null && foundBy(caller, patient, request.requestDetails);
            }
        };
    }

    /**
     * The answer of a transaction or batch of GET entries, checked again as a whole: each entry was already
     * checked as a request of its own (a search, or a read of a child found), so its records need no second proof.
     */
    private static boolean isBundleOfReads(RequestDetails request) {
        // HAPI's REST layer reports a posted batch as a TRANSACTION too.
        return request.getRestOperationType() == RestOperationTypeEnum.TRANSACTION;
    }

    private boolean foundBy(CallerClaims caller, String patient, RequestDetails request) {
        @SuppressWarnings("unchecked")
        Map<String, Boolean> answers = (Map<String, Boolean>) request.getUserData()
                .computeIfAbsent(REQUEST_CACHE, k -> new HashMap<String, Boolean>());
        return answers.computeIfAbsent(patient, p -> searchedFor(caller, p));
    }

    /**
     * The proof: an access AuditEvent whose user is this one (issuer as the identifier's system, so an ODS code or
     * another issuer's user of the same {@code sub} never matches), acting as a clinician, that showed this
     * patient in a search (a clinician searches by exact NHS number only), within the window.
     */
    private boolean searchedFor(CallerClaims caller, String patient) {
        SearchParameterMap query = SearchParameterMap.newSynchronous();
        query.add(AuditCodes.AGENT_IDENTIFIER_PARAMETER, new TokenParam(caller.issuer(), caller.subject()));
        query.add(AuditEvent.SP_AGENT_ROLE, new TokenParam(AuditCodes.ROLE, CallerClaims.Role.CLINICIAN.claim()));
        query.add(AuditEvent.SP_ENTITY, new ReferenceParam(patient));
        query.add(AuditEvent.SP_SUBTYPE, new TokenOrListParam()
                .add(AuditCodes.RESTFUL_INTERACTION, "search-type")
                .add(AuditCodes.RESTFUL_INTERACTION, "transaction"));
        query.add(AuditEvent.SP_DATE, new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS,
                Date.from(Instant.now().minus(window))));
        query.setLoadSynchronousUpTo(1);
        return !auditEvents.searchForResourceIds(query, new SystemRequestDetails()).isEmpty();
    }

    /** "Patient/123" for a Flag's subject, a plan's patient or a Patient; null otherwise. */
    private static String patientOf(IBaseResource resource) {
        Reference reference = null;
        if (resource instanceof Patient patient) {
            return "Patient/" + patient.getIdElement().getIdPart();
        } else if (resource instanceof Flag flag) {
            reference = flag.getSubject();
        } else if (resource instanceof EpisodeOfCare plan) {
            reference = plan.getPatient();
        }
        if (reference == null || !"Patient".equals(reference.getReferenceElement().getResourceType())) {
            return null;
        }
        return "Patient/" + reference.getReferenceElement().getIdPart();
    }
}
