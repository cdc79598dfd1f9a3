package uk.cpis.fhir.filesubmission;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;

/**
 * A file's header row: which column is at which position, and what is wrong with it (an unknown, unnamed or
 * repeated column, a required one missing). A repeated column's first occurrence is the one read.
 */
final class FileHeader {

    private final Map<FileColumn, Integer> positions;
    private final int size;
    private final List<FileProblem> problems;

    private FileHeader(Map<FileColumn, Integer> positions, int size, List<FileProblem> problems) {
        this.positions = Collections.unmodifiableMap(positions);
        this.size = size;
        this.problems = problems;
    }

    static FileHeader read(List<String> names) {
        Map<FileColumn, Integer> positions = new EnumMap<>(FileColumn.class);
        Map<String, List<Integer>> seen = new LinkedHashMap<>();
        List<FileProblem> problems = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            int position = i + 1;
            if (name.isEmpty()) {
                problems.add(FileProblem.ofHeader(null, "Column " + position + " of the header has no name"
                        + " (remove the column, or any comma after the last name)"));
                continue;
            }
            seen.computeIfAbsent(name, n -> new ArrayList<>()).add(position);
            FileColumn column = FileColumn.byHeader(name).orElse(null);
            if (column == null) {
                problems.add(FileProblem.ofHeader(name, unknown(name)));
            } else {
                positions.putIfAbsent(column, i);
            }
        }
        seen.forEach((name, at) -> {
            if (at.size() > 1) {
                problems.add(FileProblem.ofHeader(name, "The column " + name + " appears " + at.size()
                        + " times in the header (columns " + joined(at) + "): give each column once"));
            }
        });
        for (FileColumn column : FileColumn.values()) {
            if (column.required() && !positions.containsKey(column)) {
                problems.add(FileProblem.ofHeader(column.header(), "The required column " + column.header()
                        + " is missing from the header"));
            }
        }
        return new FileHeader(positions, names.size(), List.copyOf(problems));
    }

    private static String unknown(String name) {
        String hint = FileColumn.byHeader(name.toLowerCase(Locale.ROOT).replace(' ', '_'))
                .map(c -> " (column names are lower case with underscores: did you mean " + c.header() + "?)")
                .orElse("; the columns are " + String.join(", ", FileColumn.headers()));
        return "Unknown column " + FileProblem.quoted(name) + hint;
    }

    private static String joined(List<Integer> positions) {
        return String.join(" and ", positions.stream().map(String::valueOf).toList());
    }

    List<FileProblem> problems() {
        return problems;
    }

    /** The columns the header has. */
    Set<FileColumn> columns() {
        return positions.keySet();
    }

    /** Whether every required column is there, so that rows can be made into plans. */
    boolean complete() {
        return Arrays.stream(FileColumn.values()).filter(FileColumn::required).allMatch(positions::containsKey);
    }

    /** How many cells the header has (a row with another number is ragged). */
    int size() {
        return size;
    }

    /** A data record as a row: its cells by column, trimmed (a cell is data, never read as anything else). */
    FileRow row(CSVRecord record) {
        Map<FileColumn, String> cells = new EnumMap<>(FileColumn.class);
        positions.forEach((column, position) -> {
            if (position < record.size()) {
                cells.put(column, record.get(position).strip());
            }
        });
        return new FileRow((int) record.getRecordNumber(), cells, record.size() != size);
    }
}
