package org.tradeoffs.command.web;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.tradeoffs.command.common.InvalidField;
import org.tradeoffs.command.common.NotPermitted;
import org.tradeoffs.command.common.RuleViolation;
import org.tradeoffs.command.common.StaleVersion;
import org.tradeoffs.command.common.UnknownItem;
import org.tradeoffs.command.savings.OverCommitted;
import org.tradeoffs.eventstore.AppendTooLate;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every error leaves as RFC 9457 problem+json with a stable {@code type} and {@code code}; a client
 * mistake is never a 500, and no stack trace is ever sent.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    /**
     * A problem of our {@code type} and {@code code}, titled after the code ("priority-decided" -> "Priority decided"),
     * as the query side titles its problems: one title per type, whichever service answers.
     */
    public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:tradeoffs:problem:" + code));
        problem.setTitle(Character.toUpperCase(code.charAt(0)) + code.substring(1).replace('-', ' '));
        problem.setProperty("code", code);
        return problem;
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolated(RuleViolation violation) {
        HttpStatus status = statusOf(violation);
        ProblemDetail problem = problem(status, violation.code(), violation.getMessage());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (violation instanceof StaleVersion stale) {
            problem.setProperty("currentVersion", stale.currentVersion());
            response.header(HttpHeaders.ETAG, ETags.of(stale.currentVersion()));
        } else if (violation instanceof InvalidField invalid) {
            problem.setDetail("The request has invalid fields");
            problem.setProperty("errors", List.of(fieldError(invalid.field(), invalid.reason())));
        } else if (violation instanceof OverCommitted overCommitted) {
            overCommitted.numbers().forEach(problem::setProperty);
        }
        return response.body(problem);
    }

    private static HttpStatus statusOf(RuleViolation violation) {
        if (violation instanceof NotPermitted) {
            return HttpStatus.FORBIDDEN;
        } else if (violation instanceof UnknownItem) {
            return HttpStatus.NOT_FOUND;
        } else if (violation instanceof StaleVersion) {
            return HttpStatus.PRECONDITION_FAILED;
        } else if (violation instanceof PreconditionRequired) {
            return HttpStatus.PRECONDITION_REQUIRED;
        } else if (violation instanceof InvalidField) {
            return HttpStatus.BAD_REQUEST;
        }
        return HttpStatus.CONFLICT;
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "No item " + e.getAggregateIdentifier());
    }

    /** The id is another kind of item's (a cycle's or an opportunity's where a priority's belongs, say). */
    @ExceptionHandler(IncompatibleAggregateException.class)
    ProblemDetail notFound(IncompatibleAggregateException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "No such item: the id is another kind of item's");
    }

    /**
     * Another write to the same aggregate won, in the store or in this process (a lock wait that timed out,
     * or two commands locking the same aggregates in opposite order, which Axon breaks as a deadlock), or another
     * instance created the same aggregate at the same moment (a cycle's next opportunity number, taken twice).
     */
    @ExceptionHandler({ConcurrencyException.class, LockAcquisitionFailedException.class,
            AggregateStreamCreationException.class})
    ProblemDetail concurrentWrite(Exception e) {
        return problem(HttpStatus.CONFLICT, "concurrent-modification",
                "Someone changed this item at the same moment; reload it and try again");
    }

    /**
     * The store took the write too late: its place in the log was given up (see the event store's hole timeout).
     * Nothing was stored; the same request can be sent again.
     */
    @ExceptionHandler(AppendTooLate.class)
    ResponseEntity<ProblemDetail> tooLate(AppendTooLate e) {
        log.warn("A write was not stored: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "not-stored",
                        "The store took too long to take this change and gave its place up; nothing was stored. "
                                + "Send it again."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation-failed", "A parameter has the wrong form");
        problem.setProperty("errors", List.of(fieldError(e.getName(), allowedValues(e.getRequiredType()))));
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Something went wrong on our side; read the item before sending the change again, it may have been "
                        + "stored");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation-failed", "The request has invalid fields");
        problem.setProperty("errors", e.getBindingResult().getFieldErrors().stream()
                .map(error -> fieldError(error.getField(), error.getDefaultMessage()))
                .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                            : String.valueOf(reference.getIndex()))
                    .collect(Collectors.joining("."));
            String message = mismatch instanceof InvalidFormatException invalid
                    ? allowedValues(invalid.getTargetType()) : "has the wrong type";
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation-failed", "The request has invalid fields");
            problem.setProperty("errors", List.of(fieldError(field, message)));
            return ResponseEntity.badRequest().body(problem);
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "The request body is not valid JSON of the expected shape"));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        // Spring MVC's own errors (unknown path, wrong method, unsupported media type, ...)
        String detail = body instanceof ProblemDetail given && given.getDetail() != null ? given.getDetail()
                : status.is5xxServerError() ? "Something went wrong on our side" : e.getMessage();
        return ResponseEntity.status(status).headers(headers).body(problem(status, codeFor(status), detail));
    }

    /** The code of a status that only the web framework or the container produces (no code of its own in the API). */
    static String codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "malformed-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> status.is5xxServerError() ? "internal-error" : "request-rejected";
        };
    }

    static Map<String, String> fieldError(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    private static String allowedValues(Class<?> type) {
        if (type != null && type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        return "has the wrong form";
    }
}
