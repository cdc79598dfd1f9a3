package uk.cpis.fhir.filesubmission;

/**
 * How big a submission file may be: its size in bytes, its number of data rows, and the number of entries the
 * bundle made from it may hold (the server's {@code cpis.submission.max-entries}: a file is one transaction).
 *
 * @param maxBytes the largest file accepted, in bytes
 * @param maxRows the most data rows (empty rows are not counted)
 * @param maxEntries the most entries of the bundle the rows make (each row makes a plan and a flag; each distinct
 *     child, social worker and team adds one entry, a social worker two)
 */
public record SubmissionFileLimits(long maxBytes, int maxRows, int maxEntries) {

    /** 5 MiB: some 30,000 rows of typical width, more than any one LA's plans. */
    public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;

    /** The defaults against the server's default entry limit (2,000): 5 MiB and 1,000 rows. */
    public static final SubmissionFileLimits DEFAULT = forBundleEntryLimit(DEFAULT_MAX_BYTES, 2_000);

    /** No limit that matters: for reading a file the LA already has (the command's own report). */
    static final SubmissionFileLimits NONE = new SubmissionFileLimits(Integer.MAX_VALUE - 16, Integer.MAX_VALUE, Integer.MAX_VALUE);

    public SubmissionFileLimits {
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxBytes must be between 1 and " + (Integer.MAX_VALUE - 16) + ": " + maxBytes);
        }
        if (maxRows < 1 || maxEntries < 2) {
            throw new IllegalArgumentException("maxRows must be at least 1 and maxEntries at least 2");
        }
    }

    /**
     * Limits for a server whose bundles may hold {@code maxEntries} entries: since every row makes at least two
     * entries (its plan and its flag), a file of more than half that many rows can never fit, and is refused on
     * its row count before any row is read; a smaller file is refused if its rows make too many entries.
     */
    public static SubmissionFileLimits forBundleEntryLimit(long maxBytes, int maxEntries) {
        return new SubmissionFileLimits(maxBytes, Math.max(1, maxEntries / 2), maxEntries);
    }
}
