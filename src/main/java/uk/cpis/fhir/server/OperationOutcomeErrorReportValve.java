package uk.cpis.fhir.server;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error page, for what Tomcat refuses before any servlet sees it (a malformed URL, an encoded
 * slash, TRACE): an OperationOutcome in JSON instead of Tomcat's HTML report.
 */
public class OperationOutcomeErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/fhir+json");
            response.setCharacterEncoding("UTF-8");
            response.getReporter().write(OperationOutcomeWriter.json(
                    OperationOutcomeWriter.codeFor(status), OperationOutcomeWriter.reasonFor(status)));
        } catch (IOException | IllegalStateException e) {
            // The response is already committed: nothing more can be said.
        }
    }
}
