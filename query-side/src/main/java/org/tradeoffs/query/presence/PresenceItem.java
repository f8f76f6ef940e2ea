package org.tradeoffs.query.presence;

import java.util.List;

/**
 * An item of a cycle that someone views or edits.
 *
 * @param kind {@code priority}, {@code opportunity} or {@code tradeoff}
 * @param id the item's id as the REST API names it (checked against the cycle's items by {@link PresenceItems})
 */
public record PresenceItem(String kind, String id) {

    /** Every {@code kind}, as clients spell it. */
    public static final List<String> KINDS = List.of("priority", "opportunity", "tradeoff");
}
