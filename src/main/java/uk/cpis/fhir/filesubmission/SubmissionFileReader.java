package uk.cpis.fhir.filesubmission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an LA's submission file into rows: UTF-8 (a byte order mark is dropped), RFC 4180 CSV with CRLF or LF line
 * ends, a header row first. Refuses the file as a whole when it is too large, not UTF-8, empty, has no data rows or
 * too many; reports a row with more or fewer cells than the header. Cells are kept as text and never interpreted.
 */
final class SubmissionFileReader {

    /**
     * RFC 4180 with empty lines kept as records: Commons CSV numbers records as it returns them, and skipping empty
     * lines there would shift every later row number away from the one a spreadsheet shows.
     */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private final SubmissionFileLimits limits;

    SubmissionFileReader(SubmissionFileLimits limits) {
        this.limits = limits;
    }

    /** Reads at most one byte more than the size limit: a larger file is refused without being read whole. */
    FileReading read(InputStream in) throws IOException {
        return read(in.readNBytes((int) limits.maxBytes() + 1));
    }

    FileReading read(byte[] bytes) {
        if (bytes.length > limits.maxBytes()) {
            return refused(FileProblem.ofFile("The file is larger than the " + limits.maxBytes()
                    + " bytes allowed: split it into several files (each is stored whole or not at all)"));
        }
        Optional<Integer> badLine = firstLineNotUtf8(bytes);
        if (badLine.isPresent()) {
            return refused(FileProblem.ofFile("The file is not UTF-8 text (line " + badLine.get() + " holds bytes"
                    + " of another encoding): save it as \"CSV UTF-8\""));
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            return refused(FileProblem.ofFile("The file is empty: it needs a header row and one row per plan"));
        }
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            return parse(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a file already in memory", e);
        }
    }

    private FileReading parse(CSVParser parser) {
        List<FileProblem> problems = new ArrayList<>();
        List<FileRow> rows = new ArrayList<>();
        FileHeader header = null;
        Iterator<CSVRecord> records = parser.iterator();
        try {
            while (records.hasNext()) {
                CSVRecord record = records.next();
                if (header == null) {
                    if (blank(record)) {
                        return refused(FileProblem.ofHeader(null, "The first row is empty: it must be the header,"
                                + " the column names"));
                    }
                    header = FileHeader.read(record.toList());
                    problems.addAll(header.problems());
                } else if (!blank(record)) {
                    if (rows.size() == limits.maxRows()) {
                        problems.add(FileProblem.ofFile("The file has more than " + limits.maxRows()
                                + " rows, the most one file may hold: split it into several files"
                                + " (each is stored whole or not at all)"));
                        return new FileReading(header, List.of(), problems);
                    }
                    FileRow row = header.row(record);
                    if (row.ragged()) {
                        problems.add(FileProblem.rejected(row.row(), null, "The row has " + record.size()
                                + " cells but the header has " + header.size() + ": a cell is missing or extra"
                                + " (a comma inside a cell needs the cell in double quotes)"));
                    }
                    rows.add(row);
                }
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            // Commons CSV stops at a malformed quoted cell; the rows before it are still checked.
            problems.add(FileProblem.rejected((int) parser.getRecordNumber() + 1, null, "The row cannot be read: a"
                    + " quoted cell is not closed, or has text after its closing quote (a double quote inside a"
                    + " quoted cell is written twice: \"\"). Nothing after it was read"));
            return new FileReading(header, rows, problems);
        }
        if (header != null && rows.isEmpty()) {
            problems.add(FileProblem.ofFile("The file has a header but no data rows"));
        }
        return new FileReading(header, rows, problems);
    }

    private static FileReading refused(FileProblem problem) {
        return new FileReading(null, List.of(), List.of(problem));
    }

    private static boolean blank(CSVRecord record) {
        return record.stream().allMatch(String::isBlank);
    }

    /** The line (1-based) of the first byte sequence that is not UTF-8, if any. */
    private static Optional<Integer> firstLineNotUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length + 1), true);
        if (!result.isError()) {
            return Optional.empty();
        }
        int line = 1;
        for (int i = 0; i < in.position(); i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return Optional.of(line);
    }
}
