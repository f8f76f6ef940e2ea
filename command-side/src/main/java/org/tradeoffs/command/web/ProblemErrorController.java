package org.tradeoffs.command.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * Replaces Boot's JSON error endpoint, so that requests refused before any controller sees them (by Spring Security's
 * firewall, by the container) are answered with problem documents too.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                && HttpStatus.resolve(code) != null ? HttpStatus.valueOf(code) : HttpStatus.NOT_FOUND;
        String detail = status.is5xxServerError() ? "Something went wrong on our side" : status.getReasonPhrase();
        ProblemDetail problem = ProblemHandling.problem(status, ProblemHandling.codeFor(status), detail);
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            problem.setInstance(URI.create(uri));
        }
        return ResponseEntity.status(status).body(problem);
    }
}
