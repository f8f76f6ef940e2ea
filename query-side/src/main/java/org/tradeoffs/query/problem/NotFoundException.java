package org.tradeoffs.query.problem;

/** An id in the request names nothing this side knows (yet). Answered with 404 {@code not-found}. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
