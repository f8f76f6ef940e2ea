package org.tradeoffs.query.problem;

/** The caller may not read what the request names. Answered with 403 {@code forbidden}. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String detail) {
        super(detail);
    }
}
