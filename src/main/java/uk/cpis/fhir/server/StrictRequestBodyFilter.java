package uk.cpis.fhir.server;

import uk.cpis.fhir.contract.CpisContract.Operations;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the FHIR endpoint from input it must not half-understand, before HAPI parses it: a body in a media type
 * the server does not take ({@code 415}; {@code text/csv} only for an LA's file, {@code $cpis-submit-file}), a FHIR version other than R4 asked for in {@code Content-Type}
 * ({@code 415}) or {@code Accept} ({@code 406}), a body that is not valid UTF-8 ({@code 400}: HAPI would store
 * replacement characters), and JSON nested deeper than any FHIR resource needs ({@code 400}: Jackson's own limit,
 * checked before HAPI's parser meets it as an internal error). Each refusal is an OperationOutcome.
 */
public final class StrictRequestBodyFilter extends OncePerRequestFilter {

    /** Media types a FHIR request body may have here (the form type is a POST {@code _search}). */
    private static final Set<String> BODY_TYPES = Set.of("application/fhir+json", "application/json",
            "application/fhir+xml", "application/xml", "text/xml", "application/x-www-form-urlencoded",
            "application/json-patch+json", "application/xml-patch+xml");
    /** An LA's CSV file, taken by one operation only (its body is read by the operation, not by HAPI's parsers). */
    private static final String FILE_TYPE = "text/csv";
    private static final String FILE_PATH = "/" + Operations.SUBMIT_FILE;
    /** Deeper than any CP-IS resource or bundle (about 15 levels), far below what would stress a parser. */
    private static final int MAX_JSON_DEPTH = 100;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_JSON_DEPTH).build())
            .build();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refusal = acceptRefusal(request.getHeader("Accept"));
        if (refusal != null) {
            OperationOutcomeWriter.write(response, 406, "not-supported", refusal);
            return;
        }
        String method = request.getMethod();
        if (!"POST".equals(method) && !"PUT".equals(method) && !"PATCH".equals(method)) {
            chain.doFilter(request, response);
            return;
        }
        MediaType type;
        try {
            type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (InvalidMediaTypeException malformed) {
            OperationOutcomeWriter.write(response, 415, "not-supported", "The Content-Type header is malformed");
            return;
        }
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        // A declared type is checked even without a body (an operation or _search may have none).
        refusal = type == null && !hasBody ? null : contentTypeRefusal(type, request.getPathInfo());
        if (refusal != null) {
            OperationOutcomeWriter.write(response, 415, "not-supported", refusal);
            return;
        }
        if (!hasBody) {
            chain.doFilter(request, response);
            return;
        }
        if (type.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            chain.doFilter(request, response); // a POST _search: its parameters are read by the container
            return;
        }
        if (isFile(type, request.getPathInfo())) {
            chain.doFilter(request, response); // an LA's file: its reader checks the encoding and names the line
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (PayloadTooLargeException tooLarge) {
            // A body without a declared length, read past the size limit (the limit's own wrapper stops it).
            OperationOutcomeWriter.write(response, 413, "too-long", tooLarge.getMessage());
            return;
        }
        refusal = bodyRefusal(body, type);
        if (refusal != null) {
            OperationOutcomeWriter.write(response, 400, "invalid", refusal);
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    static String acceptRefusal(String accept) {
        if (accept == null || !accept.toLowerCase(Locale.ROOT).contains("fhirversion")) {
            return null;
        }
        try {
            for (MediaType type : MediaType.parseMediaTypes(accept)) {
                String version = type.getParameter("fhirVersion");
                if (version != null && !isR4(version)) {
                    return "This server speaks FHIR R4 (4.0) only; Accept asks for fhirVersion=" + version;
                }
            }
        } catch (InvalidMediaTypeException malformed) {
            return "The Accept header is malformed";
        }
        return null;
    }

    static String contentTypeRefusal(MediaType type, String path) {
        if (type == null) {
            return "A request body needs a Content-Type: application/fhir+json (or application/fhir+xml)";
        }
        String essence = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        if (!BODY_TYPES.contains(essence) && !isFile(type, path)) {
            return "Content-Type " + essence + " is not supported: send application/fhir+json or application/fhir+xml";
        }
        String version = type.getParameter("fhirVersion");
        if (version != null && !isR4(version)) {
            return "This server speaks FHIR R4 (4.0) only; the body declares fhirVersion=" + version;
        }
        String charset = type.getParameter("charset");
        if (charset != null && !charset.replace("\"", "").equalsIgnoreCase("utf-8")) {
            return "Request bodies are UTF-8; charset=" + charset + " is not supported";
        }
        return null;
    }

    private static boolean isFile(MediaType type, String path) {
        return FILE_PATH.equals(path) && FILE_TYPE.equalsIgnoreCase(type.getType() + "/" + type.getSubtype());
    }

    static String bodyRefusal(byte[] body, MediaType type) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException malformed) {
            return "The request body is not valid UTF-8";
        }
        if (type != null && type.getSubtype().toLowerCase(Locale.ROOT).endsWith("json")) {
            try (JsonParser parser = JSON.createParser(body)) {
                while (parser.nextToken() != null) {
                    // Reading every token is what applies the limits; HAPI parses the body again.
                }
            } catch (StreamConstraintsException tooDeep) {
                return "The JSON body is nested deeper than " + MAX_JSON_DEPTH + " levels";
            } catch (JsonProcessingException malformed) {
                return "The request body is not well-formed JSON: " + malformed.getOriginalMessage();
            } catch (IOException unreadable) {
                return "The request body could not be read";
            }
        }
        return null;
    }

    private static boolean isR4(String version) {
        return version.equals("4.0") || version.startsWith("4.0.");
    }

    /** The request with its body already read (and checked), served again to whoever reads it next. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
