package org.tradeoffs.query.presence;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.springframework.stereotype.Component;
import org.tradeoffs.events.CycleScoped;
import org.tradeoffs.events.priority.PriorityEvent;
import org.tradeoffs.events.savings.OpportunityEvent;
import org.tradeoffs.events.tradeoff.TradeoffEvent;
import org.tradeoffs.eventstore.OrderedMongoEventStorageEngine;

/**
 * Checks that the items a presence SEND names are items of its cycle: a priority, opportunity or tradeoff whose
 * first event is of that kind and that cycle. Read from the event store rather than the read models, so an item
 * a client has just created (its command answered, its views perhaps not yet projected) is found.
 */
@Component
public class PresenceItems {

    private final OrderedMongoEventStorageEngine events;

    public PresenceItems(OrderedMongoEventStorageEngine events) {
        this.events = events;
    }

    /** @throws InvalidPresence with code {@value PresenceError#UNKNOWN_ITEM} if an item is not one of the cycle's */
    public void check(String cycleId, PresenceUpdate update) {
        check(cycleId, update.viewing(), "viewing");
        check(cycleId, update.editing(), "editing");
    }

    private void check(String cycleId, PresenceItem item, String field) {
        if (item != null && !isOf(cycleId, item)) {
            throw InvalidPresence.unknownItem(field + ": this cycle has no " + item.kind() + " " + item.id());
        }
    }

    private boolean isOf(String cycleId, PresenceItem item) {
        DomainEventStream stream = events.readEvents(item.id(), 0);
        if (!stream.hasNext()) {
            return false;
        }
        Object first = stream.next().getPayload();
        return isKind(item.kind(), first) && cycleId.equals(((CycleScoped) first).cycleId());
    }

    private static boolean isKind(String kind, Object event) {
        return switch (kind) {
            case "priority" -> event instanceof PriorityEvent;
            case "opportunity" -> event instanceof OpportunityEvent;
            case "tradeoff" -> event instanceof TradeoffEvent;
            default -> false;
        };
    }
}
