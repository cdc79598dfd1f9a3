package uk.cpis.fhir.server;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Spring's error page ({@code /error}), reached when a servlet or filter ends a request with an error status
 * outside HAPI: answered as an OperationOutcome in JSON with the same status, instead of Spring's JSON or HTML.
 */
@Controller
public class OperationOutcomeErrorController implements ErrorController {

    @RequestMapping("/error")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object attribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = attribute instanceof Integer code && code >= 400 ? code : 500;
        OperationOutcomeWriter.write(response, status, OperationOutcomeWriter.codeFor(status), OperationOutcomeWriter.reasonFor(status));
    }
}
