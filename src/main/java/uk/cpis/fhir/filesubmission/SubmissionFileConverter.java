package uk.cpis.fhir.filesubmission;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an LA's submission file into the {@code cpis-submission} transaction its rows stand for, finding every
 * problem of the file on the way: the file's (size, encoding, rows), the header's, each row's, and those between
 * rows. The server gives the LA's ODS code from the caller's token; the limits from its settings (see
 * {@link SubmissionFileLimits#forBundleEntryLimit}).
 */
public final class SubmissionFileConverter {

    private static final Pattern ODS_CODE = Pattern.compile("[A-Za-z0-9]+");

    private final SubmissionFileLimits limits;
    private final SubmissionFileReader reader;

    public SubmissionFileConverter(SubmissionFileLimits limits) {
        this.limits = limits;
        this.reader = new SubmissionFileReader(limits);
    }

    /** Reads at most one byte more than the size limit from {@code csv}. */
    public FileConversion convert(InputStream csv, String odsCode) throws IOException {
        checkOdsCode(odsCode);
        return convert(reader.read(csv), odsCode);
    }

    public FileConversion convert(byte[] csv, String odsCode) {
        checkOdsCode(odsCode);
        return convert(reader.read(csv), odsCode);
    }

    private FileConversion convert(FileReading reading, String odsCode) {
        List<FileProblem> problems = new ArrayList<>(reading.problems());
        List<PlanRow> plans = new ArrayList<>();
        if (reading.header() != null) {
            PlanRowParser parser = new PlanRowParser(reading.header());
            for (FileRow row : reading.rows()) {
                if (!row.ragged()) {
                    PlanRowParser.Parsed parsed = parser.parse(row);
                    problems.addAll(parsed.problems());
                    parsed.plan().ifPresent(plans::add);
                }
            }
        }
        problems.addAll(FileConsistency.check(reading.rows()));
        for (FileRow row : reading.rows()) {
            String authority = row.ragged() ? "" : row.value(FileColumn.LOCAL_AUTHORITY);
            if (authority != null && !authority.isEmpty() && !authority.equals(odsCode)) {
                problems.add(FileProblem.rejected(row.row(), FileColumn.LOCAL_AUTHORITY, "The row is for the local"
                        + " authority " + FileProblem.quoted(authority) + ", but the file is sent with the token of "
                        + odsCode + ": each LA sends its own plans only"));
            }
        }
        Set<Integer> rowsWithProblems = new HashSet<>();
        problems.forEach(p -> rowsWithProblems.add(p.row()));
        List<PlanRow> clean = plans.stream().filter(p -> !rowsWithProblems.contains(p.row())).toList();
        SubmissionBundleBuilder.Built built = SubmissionBundleBuilder.build(clean, odsCode);
        int entries = built.bundle().getEntry().size();
        if (entries > limits.maxEntries()) {
            problems.add(FileProblem.ofFile("The file's rows make " + entries + " records (each row a plan and a"
                    + " flag, each child, team and social worker more), more than the " + limits.maxEntries()
                    + " one submission may hold: split it into several files (each is stored whole or not at all)"));
        }
        return new FileConversion(problems, reading.keys(), built.bundle(), built.locator());
    }

    private static void checkOdsCode(String odsCode) {
        if (odsCode == null || !ODS_CODE.matcher(odsCode).matches()) {
            throw new IllegalArgumentException("An LA's ODS code is letters and digits: " + odsCode);
        }
    }
}
