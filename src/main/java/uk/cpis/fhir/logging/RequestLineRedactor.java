package uk.cpis.fhir.logging;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a request's path and query into a form safe to log: query values are masked unless the parameter is
 * known not to identify anyone, and any 10-digit run in the path (an NHS number used as an id) is masked.
 */
public final class RequestLineRedactor {

    static final String MASK = "***";

    /** Parameters whose values say how to page or shape a result, never who it is about. */
    private static final Set<String> NON_IDENTIFYING = Set.of(
            "_count", "_format", "_pretty", "_summary", "_elements", "_sort", "_total", "_include",
            "_revinclude", "_getpagesoffset", "_bundletype", "_getpages", "_offset", "_mode", "profile");

    private static final Pattern TEN_DIGITS = Pattern.compile("(?<!\\d)\\d{10}(?!\\d)");

    private RequestLineRedactor() {}

    /** The path with NHS-number-shaped runs masked, plus the query with identifying values masked. */
    public static String redact(String path, String query) {
        String safePath = TEN_DIGITS.matcher(path == null ? "" : path).replaceAll(MASK);
        if (query == null || query.isEmpty()) {
            return safePath;
        }
        StringBuilder line = new StringBuilder(safePath).append('?');
        String[] pairs = query.split("&");
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                line.append('&');
            }
            line.append(redactPair(pairs[i]));
        }
        return line.toString();
    }

    private static String redactPair(String pair) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String safeName = TEN_DIGITS.matcher(name).replaceAll(MASK);
        if (eq < 0) {
            return safeName;
        }
        String value = pair.substring(eq + 1);
        return safeName + '=' + (NON_IDENTIFYING.contains(name) ? TEN_DIGITS.matcher(value).replaceAll(MASK) : MASK);
    }
}
