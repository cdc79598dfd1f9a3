package uk.cpis.fhir.retention;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import uk.cpis.fhir.contract.CpisContract.Identifiers;
import uk.cpis.fhir.support.SharedFhirServer;
import uk.cpis.fhir.support.HttpCalls;
import uk.cpis.fhir.support.NhsNumbers;

/**
 * With {@code cpis.retention.audit-event-retention} set, AuditEvents older than that are removed and the removal
 * is itself recorded. Its own Spring context, because the setting is off in every other test (and by default);
 * seven years keeps the other tests' AuditEvents, all recorded today, out of its reach. The context is closed after
 * the class: a second server on the shared database would also run HAPI's subscription loader, and activate the
 * subscription another test creates before that test's own server has loaded it.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = "cpis.retention.audit-event-retention=P7Y")
class AuditEventRetentionIT extends SharedFhirServer {

    private static final String LIFECYCLE = "http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle";

    @Autowired
    private IFhirResourceDao<AuditEvent> auditEventDao;

    @Test
    void removesAuditEventsOlderThanTheirRetentionAndRecordsTheRemoval() throws Exception {
        String nhsNumber = NhsNumbers.random();
        Instant eightYearsAgo = ZonedDateTime.now().minusYears(8).toInstant().truncatedTo(ChronoUnit.SECONDS);
        // Written as the server wrote them at the time (no client may write an AuditEvent).
        String oldest = recordedAccess(nhsNumber, eightYearsAgo);
        String older = recordedAccess(nhsNumber, eightYearsAgo.plus(1, ChronoUnit.DAYS));
        String recent = recordedAccess(nhsNumber, Instant.now().minus(400, ChronoUnit.DAYS));
        Instant started = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);

        HttpResponse<String> response = HttpCalls.postFhirJson(baseUrl() + "/fhir/$cpis-apply-retention",
                TOKENS.admin(), "{\"resourceType\":\"Parameters\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Parameters removed = FHIR.newJsonParser().parseResource(Parameters.class, response.body());
        assertThat(((IntegerType) removed.getParameter("auditEvents").getValue()).getValue()).isGreaterThanOrEqualTo(2);
        for (String gone : List.of(oldest, older)) {
            assertThat(HttpCalls.get(baseUrl() + "/fhir/" + gone, TOKENS.admin()).statusCode()).as(gone).isIn(404, 410);
        }
        assertThat(HttpCalls.get(baseUrl() + "/fhir/" + recent, TOKENS.admin()).statusCode()).isEqualTo(200);

        Bundle removals = clientWithToken(TOKENS.token("auditor", "X26", null)).search()
                .byUrl("AuditEvent?type=" + LIFECYCLE + "|destroy&date=ge" + started).returnBundle(Bundle.class).execute();
        assertThat(removals.getEntry()).map(e -> (AuditEvent) e.getResource()).anySatisfy(removal -> {
            assertThat(removal.getAction()).isEqualTo(AuditEvent.AuditEventAction.D);
            assertThat(removal.getPeriod().getStart()).isEqualTo(Date.from(eightYearsAgo));
            assertThat(removal.getEntityFirstRep().getDescription()).startsWith("2 AuditEvents recorded from");
        });
    }

    private String recordedAccess(String nhsNumber, Instant recorded) {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
        event.setAction(AuditEvent.AuditEventAction.R);
        event.setRecorded(Date.from(recorded));
        event.addAgent().setWho(new Reference().setIdentifier(new Identifier().setValue("clinician-user"))).setRequestor(true);
        event.getSource().setObserver(new Reference().setDisplay("CP-IS FHIR server"));
        event.addEntity().setWhat(new Reference().setIdentifier(
                new Identifier().setSystem(Identifiers.NHS_NUMBER).setValue(nhsNumber)));
        return auditEventDao.create(event, new SystemRequestDetails()).getId().toUnqualifiedVersionless().getValue();
    }
}
