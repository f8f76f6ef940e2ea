package org.tradeoffs.command.savings;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Looks a number up in the event store, by the opportunity's aggregate key (a cheap read by key). */
@Component
public class StoredOpportunityNumbers implements OpportunityNumbers {

    private final EventStore eventStore;

    public StoredOpportunityNumbers(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public boolean isTaken(String cycleId, int number) {
        return eventStore.readEvents(OpportunityNumbers.idOf(cycleId, number)).hasNext();
    }
}
