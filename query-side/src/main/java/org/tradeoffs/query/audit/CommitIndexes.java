package org.tradeoffs.query.audit;

import java.util.List;
import org.bson.Document;
import org.tradeoffs.auditchain.Filing;

/**
 * The fields of a commit document that repeat what its events hold, and by which the event store finds them: its
 * positions ({@code first} up to its id, the last), {@code streams} (an {@code aggregateId:sequence} per event, by
 * which an aggregate is loaded) and {@code tags} (every tag of its events, by which an as-of replay finds a cycle's
 * events). The chain seals the events, not these; checked against each sealed event, a change to them that would
 * hide the event from a load or a replay shows all the same.
 */
final class CommitIndexes {

    private CommitIndexes() {
    }

    /** What of the commit's index fields no longer leads to the event stored in it; null when all do. */
    static String mismatch(Document commit, StoredEvent event) {
        long position = event.position();
        if (!(commit.get("first") instanceof Long first) || first > position
                || !(commit.get("_id") instanceof Long last) || last < position) {
            return "its commit's first or last position no longer spans it";
        }
        Filing filing = event.filing();
        String stream = filing.aggregateType() == null ? null : filing.aggregateId() + ":" + filing.sequence();
        if (stream != null && !(commit.get("streams") instanceof List<?> streams && streams.contains(stream))) {
            return "its commit's streams no longer name it (" + stream + ")";
        }
        if (!filing.tags().isEmpty()
                && !(commit.get("tags") instanceof List<?> commitTags && commitTags.containsAll(filing.tags()))) {
            return "its commit's tags no longer hold its tags";
        }
        return null;
    }
}
