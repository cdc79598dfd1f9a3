package uk.cpis.fhir.filesubmission;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code submit} command, against a stand-in for the server (no HTTP): its arguments, its exit codes (0 stored,
 * 1 refused with a report, 2 when it cannot send or the answer is not the file's judgement), its report beside the
 * file, its one-line summary, and that the token is never printed.
 */
class SubmitFileCommandTest {

    private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.secret-claims.signature";

    @TempDir
    Path dir;

    private Path file;
    private Path tokenFile;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<URI> sentTo = new ArrayList<>();
    private final List<String> sentTokens = new ArrayList<>();

    @BeforeEach
    void files() throws IOException {
        file = Files.writeString(dir.resolve("plans.csv"),
                SubmissionFiles.file(SubmissionFiles.row(0), SubmissionFiles.row(1)));
        tokenFile = Files.writeString(dir.resolve("cpis.token"), "  " + TOKEN + "\n");
    }

    private int run(FileSender.Answer answer, String... args) {
        FileSender sender = (endpoint, sent, token) -> {
            sentTo.add(endpoint);
            sentTokens.add(token);
            return answer;
        };
        return run(sender, args);
    }

    private int run(FileSender sender, String... args) {
        return new SubmitFileCommand(sender, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String[] arguments() {
        return new String[] {file.toString(), "--base", "https://cpis.example/fhir/", "--token-file", tokenFile.toString()};
    }

    private static String json(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(resource);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private Path report() {
        return dir.resolve("plans.csv.report.csv");
    }

    @Test
    void refusesMissingBaseWithExitCode2() {
        int exit = run(new FileSender.Answer(200, ""), file.toString(), "--token-file", tokenFile.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--base is missing", "usage:");
        assertThat(sentTo).isEmpty();
    }

    @Test
    void refusesMissingTokenFileOptionWithExitCode2() {
        int exit = run(new FileSender.Answer(200, ""), file.toString(), "--base", "https://cpis.example/fhir");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--token-file is missing");
    }

    @Test
    void refusesTokenFileThatDoesNotExistWithExitCode2() {
        int exit = run(new FileSender.Answer(200, ""), file.toString(), "--base", "https://cpis.example/fhir",
                "--token-file", dir.resolve("nowhere.token").toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Cannot read the token file");
        assertThat(sentTo).isEmpty();
    }

    @Test
    void refusesMissingFileUnknownOptionAndOptionWithoutValue() {
        assertThat(run(new FileSender.Answer(200, ""), "--base", "https://cpis.example/fhir", "--token-file",
                tokenFile.toString())).isEqualTo(2);
        assertThat(run(new FileSender.Answer(200, ""), file.toString(), "--base", "https://x/fhir", "--token-file",
                tokenFile.toString(), "--verbose", "yes")).isEqualTo(2);
        assertThat(run(new FileSender.Answer(200, ""), file.toString(), "--token-file", tokenFile.toString(), "--base"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No file given", "Unknown option --verbose", "--base needs a value");
        assertThat(sentTo).isEmpty();
    }

    @Test
    void refusesPlainHttpExceptToThisMachine() {
        assertThat(run(new FileSender.Answer(200, ""), file.toString(), "--base", "http://cpis.example/fhir",
                "--token-file", tokenFile.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("https://");
        assertThat(sentTo).isEmpty();
        run(new FileSender.Answer(200, json(FileOutcomeBuilder.accepted(List.of(2, 3)))), file.toString(), "--base",
                "http://localhost:8080/fhir", "--token-file", tokenFile.toString());
        assertThat(sentTo).containsExactly(URI.create("http://localhost:8080/fhir/$cpis-submit-file"));
    }

    @Test
    void refusesEmptyTokenFile() throws IOException {
        Files.writeString(tokenFile, " \n");
        assertThat(run(new FileSender.Answer(200, ""), arguments())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is empty");
    }

    @Test
    void refusesTokenFileHoldingMoreThanTheTokenWithoutPrintingIt() throws IOException {
        Files.writeString(tokenFile, TOKEN + "\nsecond line\n");
        assertThat(run(new FileSender.Answer(200, ""), arguments())).isEqualTo(2);
        assertThat(printed()).contains("must hold the token alone").doesNotContain(TOKEN);
    }

    @Test
    void storedFileExitsZeroWithAnAcceptedReportBesideTheFile() throws IOException {
        int exit = run(new FileSender.Answer(200, json(FileOutcomeBuilder.accepted(List.of(2, 3)))), arguments());
        assertThat(exit).isEqualTo(0);
        assertThat(sentTo).containsExactly(URI.create("https://cpis.example/fhir/$cpis-submit-file"));
        assertThat(sentTokens).containsExactly(TOKEN);
        assertThat(Files.readAllLines(report())).containsExactly(
                "row,plan_reference,nhs_number,result,column,problem",
                "2,CPP-0,9434765005,accepted,,",
                "3,CPP-1,9434765013,accepted,,");
        String summary = out.toString(StandardCharsets.UTF_8);
        assertThat(summary.lines()).hasSize(1);
        assertThat(summary).contains("Stored: 2 row(s) accepted", report().toAbsolutePath().toString());
        assertThat(printed()).doesNotContain(TOKEN);
    }

    @Test
    void storedFileAnsweredWithABundleReportsEveryRowAccepted() throws IOException {
        int exit = run(new FileSender.Answer(200, json(new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE))), arguments());
        assertThat(exit).isEqualTo(0);
        assertThat(Files.readAllLines(report())).hasSize(3).allSatisfy(l -> assertThat(l).doesNotContain("not-stored"));
    }

    @Test
    void refusedFileExitsOneWithEveryProblemAndTheOtherRowsNotStored() throws IOException {
        OperationOutcome refusal = FileOutcomeBuilder.refused(List.of(
                new FileProblem(3, "plan_start", FileResult.REJECTED, "plan_start is in the future",
                        "Bundle.entry[4].resource.period.start")));
        Path custom = dir.resolve("out").resolve("report.csv");
        Files.createDirectories(custom.getParent());
        String[] args = List.of(file.toString(), "--report", custom.toString(), "--base", "https://cpis.example/fhir",
                "--token-file", tokenFile.toString()).toArray(String[]::new);
        int exit = run(new FileSender.Answer(422, json(refusal)), args);
        assertThat(exit).isEqualTo(1);
        assertThat(Files.readAllLines(custom)).containsExactly(
                "row,plan_reference,nhs_number,result,column,problem",
                "2,CPP-0,9434765005,not-stored,,the file was refused as a whole: nothing was stored",
                "3,CPP-1,9434765013,rejected,plan_start,plan_start is in the future");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Refused, nothing stored: 1 of 2 row(s) refused", custom.toAbsolutePath().toString());
    }

    @Test
    void requestRefusedForAnotherReasonExitsTwoWithTheServersMessage() {
        OperationOutcome expired = new OperationOutcome();
        expired.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.LOGIN).setDiagnostics("The token has expired");
        int exit = run(new FileSender.Answer(401, json(expired)), arguments());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTTP 401", "The token has expired");
        assertThat(report()).doesNotExist();
        assertThat(printed()).doesNotContain(TOKEN);
    }

    @Test
    void answerThatIsNotFhirExitsTwo() {
        int exit = run(new FileSender.Answer(404, "<html><body>Not Found</body></html>"), arguments());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTTP 404", "not FHIR");
        assertThat(report()).doesNotExist();
    }

    @Test
    void serverOutOfReachExitsTwo() {
        int exit = run((endpoint, sent, token) -> {
            throw new ConnectException("Connection refused");
        }, arguments());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Cannot send the file", "Connection refused");
        assertThat(printed()).doesNotContain(TOKEN);
    }
}
