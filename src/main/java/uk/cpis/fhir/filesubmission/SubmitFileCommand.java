package uk.cpis.fhir.filesubmission;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * {@code java -jar cpis-fhir-server.jar submit FILE --base URL --token-file F [--report PATH]}: an LA's scheduled
 * job sends its submission file to CP-IS and gets the per-row report beside it. Exit code 0 when the file was
 * stored, 1 when it was refused (the report says why), 2 when it could not be sent or the answer is not the file's
 * judgement (the message is on stderr). One summary line on stdout. The token is never printed.
 */
public final class SubmitFileCommand {

    static final int STORED = 0;
    static final int REFUSED = 1;
    static final int FAILED = 2;

    private final FileSender sender;
    private final PrintStream out;
    private final PrintStream err;

    SubmitFileCommand(FileSender sender, PrintStream out, PrintStream err) {
        this.sender = sender;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new SubmitFileCommand(new HttpFileSender(), System.out, System.err).run(args));
    }

    int run(String[] args) {
        try {
            SubmitArguments arguments = SubmitArguments.parse(args);
            return submit(arguments, token(arguments.tokenFile()));
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println(SubmitArguments.USAGE);
            return FAILED;
        }
    }

    private int submit(SubmitArguments arguments, String token) {
        FileSender.Answer answer;
        try {
            answer = sender.send(arguments.endpoint(), arguments.file(), token);
        } catch (IOException e) {
            // Java's HTTP client often gives no message (a refused connection): the class says enough with a hint.
            err.println("Cannot send the file to " + arguments.endpoint() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()) + " (check --base, the network and any proxy)");
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted while sending the file");
            return FAILED;
        }
        boolean success = answer.status() >= 200 && answer.status() < 300;
        IBaseResource resource = parse(answer.body());
        OperationOutcome outcome;
        if (resource instanceof OperationOutcome answered) {
            FileOutcomeParser.ParsedOutcome parsed = FileOutcomeParser.parse(answered);
            if (!parsed.judged() && !success) {
                err.println("HTTP " + answer.status() + " from " + arguments.endpoint() + ": " + diagnostics(answered));
                return FAILED;
            }
            outcome = answered;
        } else if (success && (resource instanceof Bundle || answer.body().isBlank())) {
            outcome = new OperationOutcome(); // stored, with no per-row detail: every row of the file was
        } else {
            String body = answer.body().replaceAll("\\s+", " ").strip();
            err.println("HTTP " + answer.status() + " from " + arguments.endpoint() + ": the answer is not FHIR"
                    + " (is --base the server's FHIR base?)" + (body.isEmpty() ? "" : ": "
                    + body.substring(0, Math.min(200, body.length()))));
            return FAILED;
        }
        return report(arguments, outcome, success);
    }

    private int report(SubmitArguments arguments, OperationOutcome outcome, boolean success) {
        List<RowKey> rows;
        try {
            // The LA's own copy names each row in the report by its plan reference and NHS number.
            rows = new SubmissionFileReader(SubmissionFileLimits.NONE).read(Files.readAllBytes(arguments.file())).keys();
        } catch (IOException e) {
            err.println("Cannot read the file " + arguments.file() + " again for the report: " + e.getMessage());
            return FAILED;
        }
        List<ReportLine> lines = FileOutcomeParser.reportLines(outcome, rows, success);
        try {
            ReportWriter.write(lines, arguments.report());
        } catch (IOException e) {
            err.println("Cannot write the report " + arguments.report() + ": " + e.getMessage());
            return FAILED;
        }
        boolean stored = lines.stream().noneMatch(l -> l.result() != FileResult.ACCEPTED);
        out.println(stored ? storedSummary(lines, arguments.report()) : refusedSummary(lines, arguments.report()));
        return stored ? STORED : REFUSED;
    }

    private static String storedSummary(List<ReportLine> lines, Path report) {
        return "Stored: " + lines.size() + " row(s) accepted. Report: " + report.toAbsolutePath();
    }

    private static String refusedSummary(List<ReportLine> lines, Path report) {
        long rows = lines.stream().map(ReportLine::row).filter(r -> r > FileProblem.HEADER).distinct().count();
        long refused = lines.stream()
                .filter(l -> l.row() > FileProblem.HEADER && l.result() != FileResult.NOT_STORED)
                .map(ReportLine::row).distinct().count();
        long ofTheFile = lines.stream().filter(l -> l.row() <= FileProblem.HEADER).count();
        return "Refused, nothing stored: " + refused + " of " + rows + " row(s) refused"
                + (ofTheFile == 0 ? "" : ", " + ofTheFile + " problem(s) with the file as a whole")
                + ". Report: " + report.toAbsolutePath();
    }

    /** The token alone: surrounding spaces and line ends trimmed; anything else is refused, and never echoed. */
    private static String token(Path tokenFile) throws UsageException {
        String token;
        try {
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UsageException("Cannot read the token file " + tokenFile);
        }
        if (token.isEmpty()) {
            throw new UsageException("The token file " + tokenFile + " is empty");
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new UsageException("The token file " + tokenFile + " must hold the token alone, on one line");
        }
        return token;
    }

    private static IBaseResource parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return FhirContext.forR4Cached().newJsonParser().parseResource(body);
        } catch (DataFormatException e) {
            return null;
        }
    }

    private static String diagnostics(OperationOutcome outcome) {
        String text = outcome.getIssue().stream()
                .map(i -> i.hasDiagnostics() ? i.getDiagnostics() : i.getCode() == null ? "" : i.getCode().toCode())
                .filter(s -> !s.isBlank())
                .collect(Collectors.joining("; "));
        return text.isEmpty() ? "(no detail)" : text;
    }
}
