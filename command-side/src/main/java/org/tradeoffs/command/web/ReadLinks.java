package org.tradeoffs.command.web;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where a created resource can be read: on the query side, whose address clients use is
 * {@code tradeoffs.query-side.url}. The command side serves no reads, so a {@code Location} relative to it would lead
 * a client that follows it to a 405.
 */
@Component
public class ReadLinks {

    private final String base;

    public ReadLinks(@Value("${tradeoffs.query-side.url:http://localhost:8082}") String base) {
        URI parsed = URI.create(base);
        if (!parsed.isAbsolute() || !(parsed.getScheme().equals("http") || parsed.getScheme().equals("https"))
                || parsed.getHost() == null || parsed.getQuery() != null || parsed.getFragment() != null) {
            throw new IllegalArgumentException(
                    "tradeoffs.query-side.url must be an http or https URL without query or fragment, not " + base);
        }
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The query side's URL of a path such as {@code /api/cycles/{cycleId}}. */
    public URI to(String path) {
        return URI.create(base + path);
    }
}
