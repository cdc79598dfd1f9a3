package uk.cpis.fhir.filesubmission;

import java.util.Map;

/**
 * One data row as read: its row number as a spreadsheet shows it, its cells by column (trimmed; only the columns
 * the header has), and whether it has a different number of cells than the header (then its cells may be shifted,
 * and nothing else is checked on it).
 */
record FileRow(int row, Map<FileColumn, String> cells, boolean ragged) {

    FileRow {
        cells = Map.copyOf(cells);
    }

    /** The cell, empty when the row leaves it empty or the header has no such column. */
    String value(FileColumn column) {
        return cells.getOrDefault(column, "");
    }

    boolean has(FileColumn column) {
        return !value(column).isEmpty();
    }

    RowKey key() {
        return new RowKey(row, value(FileColumn.PLAN_REFERENCE), value(FileColumn.NHS_NUMBER));
    }
}
