package org.tradeoffs.query.problem;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.tradeoffs.query.rebuild.RebuildConflictException;

/**
 * Every error a controller or Spring MVC raises becomes an RFC 9457 problem with a {@code code}.
 * The base class already maps Spring MVC's own exceptions (unknown path, method not allowed,
 * type mismatch, ...) to {@link ProblemDetail}s; {@link #handleExceptionInternal} adds our codes.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(NotFoundException.class)
    public ResponseEntity<ProblemDetail> notFound(NotFoundException exception) {
        return respond(Problems.problem(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, exception.getMessage()));
    }

    @ExceptionHandler({ForbiddenException.class, AccessDeniedException.class})
    public ResponseEntity<ProblemDetail> forbidden(RuntimeException exception) {
        return respond(Problems.problem(HttpStatus.FORBIDDEN, Problems.FORBIDDEN, exception.getMessage()));
    }

    @ExceptionHandler(InvalidParameterException.class)
    public ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException exception) {
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, Problems.VALIDATION_FAILED,
                "The request has invalid fields");
        problem.setProperty("errors", List.of(error(exception.parameter(), exception.getMessage())));
        return respond(problem);
    }

    @ExceptionHandler(NotReadyException.class)
    public ResponseEntity<ProblemDetail> notReady(NotReadyException exception) {
        ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, Problems.NOT_READY,
                exception.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(exception.retryAfterSeconds()))
                .body(problem);
    }

    /** The running rebuild's status rides along, so the client can follow it instead. */
    @ExceptionHandler(RebuildConflictException.class)
    public ResponseEntity<ProblemDetail> rebuildRunning(RebuildConflictException exception) {
        ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, Problems.REBUILD_RUNNING, exception.getMessage());
        problem.setProperty("rebuild", exception.running());
        return respond(problem);
    }

    @ExceptionHandler(AuthenticationException.class)
    public ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException exception) {
        return respond(Problems.problem(HttpStatus.UNAUTHORIZED, Problems.UNAUTHENTICATED,
                "Authentication is required"));
    }

    /** The stack trace goes to the log, never to the client. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        log.error("Unexpected error", exception);
        return respond(Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL_ERROR,
                "An unexpected error occurred"));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception exception, @Nullable Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(status);
        List<Map<String, String>> errors = fieldErrors(exception);
        if (errors != null) {
            Problems.withCode(problem, Problems.VALIDATION_FAILED);
            problem.setDetail("The request has invalid fields");
            problem.setProperty("errors", errors);
        } else {
            Problems.withCode(problem, Problems.codeFor(status));
        }
        return super.handleExceptionInternal(exception, problem, headers, status, request);
    }

    /** The offending fields of a request that had the right syntax but wrong values; null otherwise. */
    @Nullable
    private static List<Map<String, String>> fieldErrors(Exception exception) {
        if (exception instanceof MethodArgumentNotValidException invalid) {
            return invalid.getBindingResult().getFieldErrors().stream()
                    .map(error -> error(error.getField(), error.getDefaultMessage()))
                    .toList();
        }
        if (exception instanceof HandlerMethodValidationException invalid) {
            return invalid.getParameterValidationResults().stream()
                    .flatMap(result -> result.getResolvableErrors().stream()
                            .map(error -> error(parameterName(result), error.getDefaultMessage())))
                    .toList();
        }
        if (exception instanceof TypeMismatchException mismatch) {
            Class<?> type = mismatch.getRequiredType();
            boolean whole = type != null && (type == long.class || type == int.class
                    || Long.class.equals(type) || Integer.class.equals(type));
            return List.of(error(mismatch.getPropertyName(), whole ? "must be a whole number" : "has an invalid value"));
        }
        if (exception instanceof MissingServletRequestParameterException missing) {
            return List.of(error(missing.getParameterName(), "is required"));
        }
        return null;
    }

    private static String parameterName(ParameterValidationResult result) {
        String name = result.getMethodParameter().getParameterName();
        return name == null ? "parameter" : name;
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field == null || field.isEmpty() ? "request" : field, "message", message == null ? "is invalid" : message);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
