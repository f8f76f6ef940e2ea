package org.tradeoffs.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.tradeoffs.query.problem.Problems;

/** 401 and 403 raised by the security filters, written as the same problem documents as the controllers'. */
class ProblemSecurityResponses {

    private final ObjectMapper objectMapper;
    private final String authenticateChallenge;

    /** @param authenticateChallenge the {@code WWW-Authenticate} value sent with every 401 */
    ProblemSecurityResponses(ObjectMapper objectMapper, String authenticateChallenge) {
        this.objectMapper = objectMapper;
        this.authenticateChallenge = authenticateChallenge;
    }

    AuthenticationEntryPoint entryPoint() {
        return (request, response, exception) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, authenticateChallenge);
            write(request, response, HttpStatus.UNAUTHORIZED, Problems.UNAUTHENTICATED,
                    "Authentication is required");
        };
    }

    AccessDeniedHandler accessDeniedHandler() {
        return (request, response, exception) -> write(request, response, HttpStatus.FORBIDDEN, Problems.FORBIDDEN,
                "You may not access this resource");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
            String detail) throws IOException {
        ProblemDetail problem = Problems.problem(status, code, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
