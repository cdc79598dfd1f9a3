package uk.cpis.fhir.filesubmission;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import uk.cpis.fhir.contract.CpisContract.Operations;

/**
 * The {@code submit} command's arguments: {@code FILE --base URL --token-file F [--report PATH]}.
 *
 * @param file the LA's submission file
 * @param base the server's FHIR base ({@code https://…/fhir})
 * @param tokenFile the file holding the LA's bearer token
 * @param report where the report goes ({@code <file>.report.csv} beside the file unless {@code --report} says)
 */
record SubmitArguments(Path file, URI base, Path tokenFile, Path report) {

    static final String USAGE =
            "usage: java -jar cpis-fhir-server.jar submit FILE --base URL --token-file F [--report PATH]";
    private static final Set<String> OPTIONS = Set.of("--base", "--token-file", "--report");
    /** Hosts a token may be sent to over plain HTTP: the machine itself (trying a development server). */
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    static SubmitArguments parse(String[] args) throws UsageException {
        Map<String, String> options = new HashMap<>();
        String file = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                if (!OPTIONS.contains(arg)) {
                    throw new UsageException("Unknown option " + arg);
                }
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException(arg + " needs a value");
                }
                if (options.put(arg, args[++i]) != null) {
                    throw new UsageException(arg + " is given twice");
                }
            } else if (file == null) {
                file = arg;
            } else {
                throw new UsageException("One file at a time: " + file + " and " + arg + " given");
            }
        }
        if (file == null) {
            throw new UsageException("No file given");
        }
        if (!options.containsKey("--base")) {
            throw new UsageException("--base is missing: the CP-IS server's FHIR base, e.g. https://cpis.example/fhir");
        }
        if (!options.containsKey("--token-file")) {
            throw new UsageException("--token-file is missing: the file holding the token your CP-IS onboarding gave you");
        }
        Path filePath = Path.of(file);
        Path tokenFile = Path.of(options.get("--token-file"));
        if (!Files.isRegularFile(filePath) || !Files.isReadable(filePath)) {
            throw new UsageException("Cannot read the file " + filePath);
        }
        if (!Files.isRegularFile(tokenFile) || !Files.isReadable(tokenFile)) {
            throw new UsageException("Cannot read the token file " + tokenFile);
        }
        Path report = options.containsKey("--report")
                ? Path.of(options.get("--report"))
                : filePath.resolveSibling(filePath.getFileName() + ".report.csv");
        return new SubmitArguments(filePath, base(options.get("--base")), tokenFile, report);
    }

    /** An absolute HTTPS URL; plain HTTP only to this machine, since the token and the children's data travel in it. */
    private static URI base(String value) throws UsageException {
        URI base;
        try {
            base = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (URISyntaxException e) {
            throw new UsageException("--base is not a URL: " + value);
        }
        if (base.getHost() == null || base.getQuery() != null || base.getFragment() != null) {
            throw new UsageException("--base is not a server's FHIR base URL: " + value);
        }
        boolean https = "https".equalsIgnoreCase(base.getScheme());
        boolean localHttp = "http".equalsIgnoreCase(base.getScheme()) && LOCAL_HOSTS.contains(base.getHost());
        if (!https && !localHttp) {
            throw new UsageException("--base must be an https:// URL (plain http only to localhost): " + value);
        }
        return base;
    }

    /** Where the file is posted: the base's {@code $cpis-submit-file} operation. */
    URI endpoint() {
        return URI.create(base + "/" + Operations.SUBMIT_FILE);
    }
}
