package uk.cpis.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import uk.cpis.fhir.support.ChildSubmission;
import uk.cpis.fhir.support.SharedFhirServer;
import uk.cpis.fhir.support.HttpCalls;
import uk.cpis.fhir.support.NhsNumbers;

/** The FHIR REST API a client of a HAPI JPA server expects: metadata, CRUD, search, transactions, errors. */
class FhirRestApiIT extends SharedFhirServer {

    private static final String NHS = "https://fhir.nhs.uk/Id/nhs-number";
    private static final String ODS = "https://fhir.nhs.uk/Id/ods-organization-code";

    @Test
    void servesCapabilityStatementForFhirR4() {
        CapabilityStatement metadata = client.capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(metadata.getFhirVersion()).isEqualTo(Enumerations.FHIRVersion._4_0_1);
        assertThat(metadata.getRestFirstRep().getResource())
                .extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                .contains("Flag", "EpisodeOfCare", "Patient", "Organization", "AuditEvent", "Communication");
    }

    @Test
    void advertisesOnlyTheResourceTypesItServes() {
        CapabilityStatement metadata = client.capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(metadata.getRestFirstRep().getResource())
                .extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                .containsExactlyInAnyOrderElementsOf(ServedResourceTypes.SERVED);
    }

    @Test
    void answersATypeItDoesNotServeInABatchEntryAndStoresNothingOfATransactionThatWritesOne() {
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Observation?code=1234");
        Bundle answered = client.transaction().withBundle(batch).execute();
        assertThat(answered.getEntryFirstRep().getResponse().getStatus()).startsWith("404");
        assertThat(answered.getEntryFirstRep().getResponse().getOutcome()).isInstanceOf(OperationOutcome.class);

        String nhsNumber = NhsNumbers.random();
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setResource(patient(nhsNumber)).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        transaction.addEntry().setResource(new org.hl7.fhir.r4.model.Observation())
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        assertThatThrownBy(() -> client.transaction().withBundle(transaction).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class,
                        e -> assertThat(e.getStatusCode()).isBetween(400, 499));
        assertThat(searchPatients(nhsNumber).getEntry()).isEmpty();
    }

    @Test
    void refusesASearchOfCodesByTheirDisplayTextWhichItDoesNotIndex() throws Exception {
        HttpResponse<String> response = HttpCalls.get(baseUrl() + "/fhir/EpisodeOfCare?type:text=protection", TOKENS.admin());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(FHIR.newJsonParser().parseResource(response.body())).isInstanceOf(OperationOutcome.class);
    }

    @Test
    void answersATypeItDoesNotServeWith404EvenForAnAdmin() throws Exception {
        HttpResponse<String> response = HttpCalls.get(baseUrl() + "/fhir/Observation?code=1234", TOKENS.admin());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(FHIR.newJsonParser().parseResource(response.body())).isInstanceOf(OperationOutcome.class);
    }

    @Test
    void createsReadsAndUpdatesAPatient() {
        Patient patient = patient(NhsNumbers.random());
        MethodOutcome created = client.create().resource(patient).execute();
        IIdType id = created.getId().toUnqualifiedVersionless();

        Patient read = client.read().resource(Patient.class).withId(id).execute();
        assertThat(read.getIdentifierFirstRep().getValue())
                .isEqualTo(patient.getIdentifierFirstRep().getValue());
        assertThat(read.getMeta().getVersionId()).isEqualTo("1");

        read.setGender(Enumerations.AdministrativeGender.FEMALE);
        MethodOutcome updated = client.update().resource(read).execute();

        assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");
        Patient reread = client.read().resource(Patient.class).withId(id).execute();
        assertThat(reread.getGender()).isEqualTo(Enumerations.AdministrativeGender.FEMALE);
    }

    @Test
    void findsAPatientByExactNhsNumberOnly() {
        String nhsNumber = NhsNumbers.random();
        client.create().resource(patient(nhsNumber)).execute();
        client.create().resource(patient(NhsNumbers.random())).execute();

        Bundle found = searchPatients(nhsNumber);

        assertThat(found.getEntry()).hasSize(1);
        assertThat(((Patient) found.getEntryFirstRep().getResource())
                        .getIdentifierFirstRep()
                        .getValue())
                .isEqualTo(nhsNumber);
    }

    @Test
    void storesATransactionWithUrnUuidReferencesAndDoesNotDuplicateOnResubmission() {
        ChildSubmission child = new ChildSubmission();

        Bundle first = client.transaction().withBundle(child.transaction()).execute();

        assertThat(first.getEntry()).extracting(e -> e.getResponse().getStatus()).allMatch(s -> s.startsWith("201"));
        IIdType patientId = new IdType(first.getEntry().get(1).getResponse().getLocation()).toUnqualifiedVersionless();
        Flag flag = client.read()
                .resource(Flag.class)
                .withUrl(new IdType(first.getEntry().get(3).getResponse().getLocation()).toUnqualifiedVersionless())
                .execute();
        assertThat(flag.getSubject().getReference()).isEqualTo(patientId.getValue());

        Bundle second = client.transaction().withBundle(child.transaction()).execute();

        assertThat(second.getEntry().get(0).getResponse().getStatus()).startsWith("200");
        assertThat(second.getEntry().get(1).getResponse().getStatus()).startsWith("200");
        assertThat(searchPatients(child.nhsNumber).getEntry()).hasSize(1);
        Bundle organizations = client.search()
                .forResource(Organization.class)
                .where(Organization.IDENTIFIER.exactly().systemAndCode(ODS, child.odsCode))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(organizations.getEntry()).hasSize(1);
    }

    @Test
    void storesNothingFromATransactionWithOneFailingEntry() {
        String nhsNumber = NhsNumbers.random();
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.randomUUID())
                .setResource(patient(nhsNumber))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        Flag orphan = new Flag().setStatus(Flag.FlagStatus.ACTIVE)
                .setSubject(new Reference("Patient/no-such-patient"));
        orphan.getCode().setText("flag about nobody");
        transaction.addEntry().setResource(orphan).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Flag");

        assertThatThrownBy(() -> client.transaction().withBundle(transaction).execute())
                .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isBetween(400, 499);
                    assertThat(e.getOperationOutcome()).isInstanceOf(OperationOutcome.class);
                });
        assertThat(searchPatients(nhsNumber).getEntry()).isEmpty();
    }

    @Test
    void answersAnUnknownResourceTypeWith404AndAnOperationOutcome() throws Exception {
        HttpResponse<String> response = get("/fhir/NotAResource");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(FHIR.newJsonParser().parseResource(response.body())).isInstanceOf(OperationOutcome.class);
    }

    @Test
    void answersAnUnparseableBodyWith400AndAnOperationOutcome() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(URI.create(baseUrl() + "/fhir/Patient"))
                .header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + TOKENS.admin())
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\",\"birthDate\":"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        OperationOutcome outcome = (OperationOutcome) FHIR.newJsonParser().parseResource(response.body());
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
    }

    @Test
    void reportsHealthUpWhileTheDatabaseAnswers() throws Exception {
        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                                .header("Authorization", "Bearer " + TOKENS.admin())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private Bundle searchPatients(String nhsNumber) {
        return client.search()
                .forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndCode(NHS, nhsNumber))
                .returnBundle(Bundle.class)
                .execute();
    }

    private static Patient patient(String nhsNumber) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(NHS).setValue(nhsNumber);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("2016-04-12"));
        return patient;
    }
}
