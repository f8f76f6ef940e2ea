package org.tradeoffs.query.problem;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** The RFC 9457 problem documents of this service: a stable {@code code} and {@code type} for every status. */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:tradeoffs:problem:";
    public static final String VALIDATION_FAILED = "validation-failed";
    public static final String MALFORMED_REQUEST = "malformed-request";
    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not-found";
    public static final String INTERNAL_ERROR = "internal-error";
    public static final String NOT_READY = "not-ready";
    public static final String REBUILD_RUNNING = "rebuild-running";

    /** Codes for statuses that only the web framework produces here (no code of their own in the API). */
    private static final Map<Integer, String> CODES = Map.of(
            400, MALFORMED_REQUEST,
            401, UNAUTHENTICATED,
            403, FORBIDDEN,
            404, NOT_FOUND,
            405, "method-not-allowed",
            406, "not-acceptable",
            415, "unsupported-media-type",
            503, NOT_READY);

    private Problems() {
    }

    public static String codeFor(HttpStatusCode status) {
        return CODES.getOrDefault(status.value(), status.is5xxServerError() ? INTERNAL_ERROR : "request-rejected");
    }

    public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        return withCode(ProblemDetail.forStatusAndDetail(status, detail), code);
    }

    /** Sets our {@code type}, {@code code} and a title derived from the code ("not-found" -> "Not found"). */
    public static ProblemDetail withCode(ProblemDetail problem, String code) {
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(Character.toUpperCase(code.charAt(0)) + code.substring(1).replace('-', ' '));
        problem.setProperty("code", code);
        return problem;
    }
}
