package org.tradeoffs.query.readmodel;

import org.springframework.http.ResponseEntity;

/** A read of one item with its version as the entity tag, {@code "3"}: what the command side takes in {@code If-Match}. */
public final class ETags {

    private ETags() {
    }

    public static <T> ResponseEntity<T> ok(T view, long version) {
        return ResponseEntity.ok().eTag("\"" + version + "\"").body(view);
    }
}
