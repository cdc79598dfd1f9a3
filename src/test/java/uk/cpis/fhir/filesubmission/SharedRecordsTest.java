package uk.cpis.fhir.filesubmission;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.cpis.fhir.filesubmission.SubmissionFiles.file;
import static uk.cpis.fhir.filesubmission.SubmissionFiles.row;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** A social worker, team or child named on several rows is one record of the bundle, naming every row it came from. */
class SharedRecordsTest {

    @Test
    void socialWorkerOnTwoRowsIsOneWorkerAndOnePostNamingBothRows() {
        FileConversion conversion = SubmissionFiles.convert(file(
                row(0).socialWorker("SW1", "Sam Okafor", "0113 378 0000", ""),
                row(1).socialWorker("SW1", "Sam Okafor", "0113 378 0000", "")));
        assertThat(conversion.problems()).isEmpty();
        Bundle bundle = conversion.bundle();
        assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType()).containsExactly(
                "Practitioner", "PractitionerRole", "Patient", "Patient", "EpisodeOfCare", "Flag", "EpisodeOfCare", "Flag");
        assertThat(conversion.locator().rowsOf(0)).containsExactly(2, 3);
        assertThat(conversion.locator().rowsOf(1)).containsExactly(2, 3);
        EpisodeOfCare first = (EpisodeOfCare) bundle.getEntry().get(4).getResource();
        EpisodeOfCare second = (EpisodeOfCare) bundle.getEntry().get(6).getResource();
        assertThat(first.getCareManager().getReference()).isEqualTo(second.getCareManager().getReference())
                .isEqualTo(bundle.getEntry().get(0).getFullUrl());
    }

    @Test
    void motherWithAnUnbornPlanAndHerOwnPlanIsOneFemalePatient() {
        String mother = SubmissionFiles.NHS_NUMBERS.get(0);
        FileConversion conversion = SubmissionFiles.convert(file(
                row(0).set(FileColumn.PLAN_TYPE, "LAC"),
                row(1).set(FileColumn.NHS_NUMBER, mother).set(FileColumn.DATE_OF_BIRTH, "2018-04-10")
                        .set(FileColumn.PLAN_TYPE, "UNBORN").set(FileColumn.EXPECTED_DELIVERY_DATE, "2027-02-10")));
        assertThat(conversion.problems()).isEmpty();
        List<Bundle.BundleEntryComponent> patients = conversion.bundle().getEntry().stream()
                .filter(e -> e.getResource() instanceof Patient).toList();
        assertThat(patients).hasSize(1);
        assertThat(((Patient) patients.get(0).getResource()).getGender()).isEqualTo(AdministrativeGender.FEMALE);
        assertThat(conversion.locator().rowsOf(0)).containsExactly(2, 3);
    }
}
