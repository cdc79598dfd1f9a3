package uk.cpis.fhir.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.io.ClassPathResource;
import uk.cpis.fhir.support.GuideExamples;

/**
 * A check of the package as an integrator gets it, independent of the server: HL7's instance validator
 * ({@code org.hl7.fhir.validation}, through HAPI's {@link FhirInstanceValidator}), offline, with only the R4 core
 * definitions and the published package (the {@code .tgz} the server offers for download) — no database, no
 * server code. Each definition and example in the package, and each of the guide's examples, gets the verdict the
 * guide promises, the same as the server's {@code $validate} gives ({@code GuideExamplesValidationIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandaloneValidatorIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private FhirValidator validator;
    private NpmPackage published;

    @BeforeAll
    void loadThePublishedPackage() throws IOException {
        String tgz = "classpath:/" + ProfilePackage.CLASSPATH_LOCATION;
        NpmPackageValidationSupport cpis = new NpmPackageValidationSupport(FHIR);
        cpis.loadPackageFromClasspath(tgz);
        ValidationSupportChain chain = new ValidationSupportChain(cpis, new DefaultProfileValidationSupport(FHIR),
                new CommonCodeSystemsTerminologyService(FHIR), new InMemoryTerminologyServerValidationSupport(FHIR),
                new SnapshotGeneratingValidationSupport(FHIR));
        validator = FHIR.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(chain));
        try (InputStream in = new ClassPathResource(ProfilePackage.CLASSPATH_LOCATION).getInputStream()) {
            published = NpmPackage.fromPackage(in);
        }
    }

    private List<String> errors(String json) {
        return validator.validateWithResult(json).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(SingleValidationMessage::getMessage)
                .toList();
    }

    private List<String[]> filesOf(String folder) throws IOException {
        List<String[]> files = new ArrayList<>();
        for (String name : published.list(folder)) {
            if (name.endsWith(".json") && !name.startsWith(".") && !name.equals("package.json")) {
                try (InputStream in = published.load(folder, name)) {
                    files.add(new String[] {folder + "/" + name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)});
                }
            }
        }
        return files;
    }

    @TestFactory
    Stream<DynamicTest> everyDefinitionAndExampleOfThePublishedPackageIsValid() throws IOException {
        List<String[]> files = new ArrayList<>(filesOf("package"));
        files.addAll(filesOf("example"));
        assertThat(files).hasSizeGreaterThanOrEqualTo(30);
        return files.stream().map(file -> DynamicTest.dynamicTest(file[0],
                () -> assertThat(errors(file[1])).as(file[0]).isEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> theGuidesExamplesGetTheVerdictTheGuidePromises() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (GuideExamples.Example example : GuideExamples.valid()) {
            tests.add(DynamicTest.dynamicTest(example.file(),
                    () -> assertThat(errors(example.json())).as(example.file()).isEmpty()));
        }
        JsonNode expected = new ObjectMapper().readTree(GuideExamples.read("invalid/expected.json")).get("examples");
        StreamSupport.stream(expected.spliterator(), false).forEach(entry -> tests.add(DynamicTest.dynamicTest(
                "invalid/" + entry.get("file").asText(), () -> assertThat(errors(GuideExamples.read("invalid/"
                        + entry.get("file").asText()))).anyMatch(m -> m.contains(entry.get("error").asText())))));
        assertThat(tests).hasSizeGreaterThanOrEqualTo(30);
        return tests.stream();
    }
}
