package org.tradeoffs.query.problem;

/**
 * The read models have not reached what the request waits for (a {@code minPosition}) in time.
 * Answered with 503 {@code not-ready} and {@code Retry-After}.
 */
public class NotReadyException extends RuntimeException {

    private final long retryAfterSeconds;

    public NotReadyException(String detail, long retryAfterSeconds) {
        super(detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
