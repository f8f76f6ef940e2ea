package org.tradeoffs.query.provenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.bson.Document;
import org.tradeoffs.events.tradeoff.Outcome;

/**
 * What the provenance index knows of one item of a cycle (a priority, a savings opportunity, a stakeholder input
 * or a tradeoff package): where each of its events is stored, and which inputs ever linked to it. Stored as
 * {@code provenance_items {_id: itemId, cycleId, kind, events: [Entry...], linkedBy: [inputId...]}}.
 *
 * @param events   one per event of the item, in no particular order (see {@link #upTo})
 * @param linkedBy the inputs whose recorded or corrected content linked to this item at some time
 */
record IndexedItem(String id, String cycleId, ItemKind kind, List<Entry> events, List<String> linkedBy) {

    /** The event types that decide an item: the steering committee's decision or the package's vote. */
    static final Set<String> DECISIONS = Set.of("PriorityApproved", "PriorityRejected", "TradeoffDecided",
            "TradeoffClosed");

    /** An event type that states an input's or a package's content in full, with the items it names. */
    static final Set<String> CONTENT = Set.of("StakeholderInputRecorded", "StakeholderInputCorrected",
            "TradeoffDrafted", "TradeoffRevised");

    /**
     * One event of the item.
     *
     * @param position its own global position
     * @param commit   its commit document's {@code _id}
     * @param type     the event's simple class name
     * @param time     when it was stored
     * @param actor    who caused it
     * @param refs     for a content event, the items the content names (links, investments, funding, considered
     *                 inputs); empty otherwise
     * @param outcome  for a decision, how it ended; null otherwise
     */
    record Entry(long position, long commit, String type, Instant time, String actor, List<Ref> refs,
                 Outcome outcome) {

        Document toDocument() {
            List<Document> refDocuments = refs.stream()
                    .map(ref -> new Document("kind", ref.kind().name()).append("id", ref.id()))
                    .toList();
            return new Document("position", position).append("commit", commit).append("type", type)
                    .append("time", time == null ? null : time.toString()).append("actor", actor)
                    .append("refs", refDocuments).append("outcome", outcome == null ? null : outcome.name());
        }

        static Entry of(Document document) {
            List<Ref> refs = new ArrayList<>();
            for (Document ref : document.getList("refs", Document.class, List.of())) {
                refs.add(new Ref(ItemKind.valueOf(ref.getString("kind")), ref.getString("id")));
            }
            String time = document.getString("time");
            String outcome = document.getString("outcome");
            return new Entry(document.get("position", Number.class).longValue(),
                    document.get("commit", Number.class).longValue(), document.getString("type"),
                    time == null ? null : Instant.parse(time), document.getString("actor"), List.copyOf(refs),
                    outcome == null ? null : Outcome.valueOf(outcome));
        }

        boolean isDecision() {
            return DECISIONS.contains(type) && outcome != null;
        }
    }

    /** An item a content event names. */
    record Ref(ItemKind kind, String id) {
    }

    static IndexedItem of(Document document) {
        List<Entry> entries = new ArrayList<>();
        for (Document entry : document.getList("events", Document.class, List.of())) {
            entries.add(Entry.of(entry));
        }
        return new IndexedItem(document.getString("_id"), document.getString("cycleId"),
                ItemKind.valueOf(document.getString("kind")), List.copyOf(entries),
                List.copyOf(document.getList("linkedBy", String.class, List.of())));
    }

    /** The item's events at or before the position, by position, each position once. */
    List<Entry> upTo(long position) {
        List<Entry> result = new ArrayList<>();
        events.stream()
                .filter(entry -> entry.position() <= position)
                .sorted(Comparator.comparingLong(Entry::position))
                .forEach(entry -> {
                    if (result.isEmpty() || result.get(result.size() - 1).position() != entry.position()) {
                        result.add(entry);
                    }
                });
        return result;
    }

    /** The latest decision of the item, if it was ever decided. */
    Optional<Entry> latestDecision() {
        return latest(Long.MAX_VALUE, Entry::isDecision);
    }

    /** The content as it stood at the position: what the latest content event at or before it names. */
    List<Ref> refsAt(long position) {
        return latest(position, entry -> CONTENT.contains(entry.type())).map(Entry::refs).orElse(List.of());
    }

    private Optional<Entry> latest(long position, Predicate<Entry> which) {
        return events.stream()
                .filter(entry -> entry.position() <= position)
                .filter(which)
                .max(Comparator.comparingLong(Entry::position));
    }
}
