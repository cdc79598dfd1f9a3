package uk.cpis.fhir.filesubmission;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Posts a submission file with Java's own HTTP client: {@code text/csv; charset=utf-8}, the LA's bearer token, and
 * FHIR JSON asked for in return. Redirects are not followed (the token would go along); a large file may take the
 * server minutes to check and store, hence the long request timeout.
 */
final class HttpFileSender implements FileSender {

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Override
    public Answer send(URI endpoint, Path file, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", "text/csv; charset=utf-8")
                .header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofFile(file))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.body());
    }
}
