package uk.cpis.fhir.filesubmission;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** Posts a submission file to the server and returns its answer (an interface so the command's tests need no server). */
interface FileSender {

    /** The server's answer: its HTTP status and its body, as text. */
    record Answer(int status, String body) {}

    Answer send(URI endpoint, Path file, String token) throws IOException, InterruptedException;
}
