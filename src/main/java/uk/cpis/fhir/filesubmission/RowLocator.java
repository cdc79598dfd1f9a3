package uk.cpis.fhir.filesubmission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.cpis.fhir.contract.CpisContract.Extensions;

/**
 * Names the rows (and the column, when it can tell) behind a place in the bundle made from a file, so that a
 * problem the server's validation finds at a FHIRPath ({@code Bundle.entry[5].resource.period.start},
 * {@code Bundle.entry[5].request.url}, {@code Bundle.entry[5]}) is reported to the LA as row 7, column plan_start.
 * A Patient, social worker or team made from several rows names them all.
 */
public final class RowLocator {

    /** What an entry of the bundle is, for the LA's columns. */
    enum EntryKind { SOCIAL_WORKER, SOCIAL_WORKER_ROLE, TEAM, PATIENT, PLAN, FLAG }

    /**
     * Where an entry came from: its kind, its rows and, for the elements the builder repeats (a post's telecoms, a
     * plan's extensions), the column each repetition holds, by index.
     */
    record EntrySource(EntryKind kind, List<Integer> rows, List<FileColumn> repeated) {
        EntrySource {
            rows = List.copyOf(rows);
            repeated = List.copyOf(repeated);
        }
    }

    /** The rows a location names and the column it is in (null when no one column is meant). */
    public record RowLocation(List<Integer> rows, String column) {}

    private static final Pattern ENTRY = Pattern.compile("^Bundle\\.entry\\[(\\d+)](.*)$");
    /** Validator decorations that say nothing of the element: {@code /*EpisodeOfCare/null*\/}, {@code .ofType(X)}. */
    private static final Pattern NOISE = Pattern.compile("/\\*.*?\\*/|\\.ofType\\([^)]*\\)");
    private static final Pattern FIRST = Pattern.compile("^([A-Za-z]+)(?:\\[(\\d+)])?(.*)$");

    private final Map<Integer, EntrySource> entries;

    RowLocator(Map<Integer, EntrySource> entries) {
        this.entries = Map.copyOf(entries);
    }

    /** Each entry's index in the bundle, and the rows it came from. */
    public Map<Integer, List<Integer>> entryRows() {
        Map<Integer, List<Integer>> rows = new LinkedHashMap<>();
        entries.keySet().stream().sorted().forEach(i -> rows.put(i, entries.get(i).rows()));
        return rows;
    }

    /** The rows an entry came from; none for an index the bundle does not have. */
    public List<Integer> rowsOf(int entryIndex) {
        EntrySource source = entries.get(entryIndex);
        return source == null ? List.of() : source.rows();
    }

    /** The rows and column a FHIRPath location names; empty when it names no entry (the bundle as a whole). */
    public Optional<RowLocation> locate(String fhirPath) {
        if (fhirPath == null) {
            return Optional.empty();
        }
        Matcher entry = ENTRY.matcher(NOISE.matcher(fhirPath.strip()).replaceAll(""));
        if (!entry.matches()) {
            return Optional.empty();
        }
        EntrySource source = entries.get(Integer.parseInt(entry.group(1)));
        if (source == null) {
            return Optional.empty();
        }
        String rest = entry.group(2);
        FileColumn column = null;
        if (rest.startsWith(".request")) {
            column = key(source.kind());
        } else if (rest.startsWith(".resource.")) {
            column = column(source, rest.substring(".resource.".length()));
        }
        return Optional.of(new RowLocation(source.rows(), column == null ? null : column.header()));
    }

    /**
     * A server problem at a location, as the file's problems: one per row it names (the whole file, row
     * {@value FileProblem#FILE}, when it names none), each keeping the FHIRPath.
     */
    public List<FileProblem> problemsAt(String fhirPath, String message) {
        Optional<RowLocation> location = locate(fhirPath);
        if (location.isEmpty()) {
            return List.of(new FileProblem(FileProblem.FILE, null, FileResult.REJECTED, message, fhirPath));
        }
        List<FileProblem> problems = new ArrayList<>();
        for (int row : location.get().rows()) {
            problems.add(new FileProblem(row, location.get().column(), FileResult.REJECTED, message, fhirPath));
        }
        return problems;
    }

    /** The column a request (a conditional URL) is keyed on. */
    private static FileColumn key(EntryKind kind) {
        return switch (kind) {
            case PLAN, FLAG -> FileColumn.PLAN_REFERENCE;
            case PATIENT -> FileColumn.NHS_NUMBER;
            case SOCIAL_WORKER, SOCIAL_WORKER_ROLE -> FileColumn.SOCIAL_WORKER_ID;
            case TEAM -> FileColumn.TEAM_ID;
        };
    }

    private static FileColumn column(EntrySource source, String path) {
        Matcher first = FIRST.matcher(path);
        if (!first.matches()) {
            return null;
        }
        String element = first.group(1);
        Integer index = first.group(2) == null ? null : Integer.valueOf(first.group(2));
        String after = first.group(3);
        return switch (source.kind()) {
            case PLAN -> switch (element) {
                case "period" -> period(after);
                case "status" -> FileColumn.PLAN_STATUS;
                case "identifier" -> FileColumn.PLAN_REFERENCE;
                case "type" -> FileColumn.PLAN_TYPE;
                case "patient" -> FileColumn.NHS_NUMBER;
                case "careManager" -> FileColumn.SOCIAL_WORKER_ID;
                case "team" -> FileColumn.TEAM_ID;
                case "extension" -> extension(source, index, after);
                default -> null;
            };
            case FLAG -> switch (element) {
                case "period" -> period(after);
                case "status" -> FileColumn.PLAN_STATUS;
                case "identifier" -> FileColumn.PLAN_REFERENCE;
                case "code" -> FileColumn.PLAN_TYPE;
                case "subject" -> FileColumn.NHS_NUMBER;
                default -> null;
            };
            case PATIENT -> switch (element) {
                case "identifier" -> FileColumn.NHS_NUMBER;
                case "birthDate" -> FileColumn.DATE_OF_BIRTH;
                default -> null;
            };
            case SOCIAL_WORKER -> switch (element) {
                case "name" -> FileColumn.SOCIAL_WORKER_NAME;
                // The identifier's assigner is the LA, not a column.
                case "identifier" -> after.contains("assigner") ? null : FileColumn.SOCIAL_WORKER_ID;
                default -> null;
            };
            case SOCIAL_WORKER_ROLE -> switch (element) {
                case "telecom" -> repeated(source, index);
                case "identifier", "practitioner" -> FileColumn.SOCIAL_WORKER_ID;
                default -> null;
            };
            case TEAM -> switch (element) {
                case "name" -> FileColumn.TEAM_NAME;
                case "identifier" -> FileColumn.TEAM_ID;
                default -> null;
            };
        };
    }

    private static FileColumn period(String after) {
        if (after.startsWith(".start")) {
            return FileColumn.PLAN_START;
        }
        return after.startsWith(".end") ? FileColumn.PLAN_END : null;
    }

    /** A plan's extension, by its URL or slice name when the location gives one, else by its index. */
    private static FileColumn extension(EntrySource source, Integer index, String after) {
        if (after.contains(Extensions.EXPECTED_DELIVERY_DATE) || after.contains("expectedDeliveryDate")) {
            return FileColumn.EXPECTED_DELIVERY_DATE;
        }
        if (after.contains(Extensions.CARE_MANAGER_ROLE) || after.contains("careManagerRole")) {
            return FileColumn.SOCIAL_WORKER_ID;
        }
        return repeated(source, index);
    }

    /** The column of a repeated element by index; the only one when there is one and no index is given. */
    private static FileColumn repeated(EntrySource source, Integer index) {
        if (index == null) {
            return source.repeated().size() == 1 ? source.repeated().get(0) : null;
        }
        return index < source.repeated().size() ? source.repeated().get(index) : null;
    }
}
