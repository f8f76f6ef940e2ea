package org.tradeoffs.command;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.tradeoffs.command.input.CycleItems;
import org.tradeoffs.command.input.RepositoryCycleItems;
import org.tradeoffs.command.input.StakeholderInput;
import org.tradeoffs.command.priority.Priority;
import org.tradeoffs.command.savings.Opportunity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * For fixture tests of commands that load other aggregates through their repositories: those aggregates live
 * in this separate in-memory event store (the fixture's own store takes the events of one aggregate only).
 * Their events join the fixture's unit of work, so they are stored only when the command succeeds.
 */
public final class OtherAggregates {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();

    /**
     * A repository of this store; {@code resources} are what the aggregate's command handlers take as
     * parameters besides the command.
     */
    public <T> Repository<T> repository(Class<T> type, Object... resources) {
        return EventSourcingRepository.builder(type)
                .eventStore(store)
                .parameterResolverFactory(MultiParameterResolverFactory.ordered(
                        ClasspathParameterResolverFactory.forClass(type),
                        new SimpleResourceParameterResolverFactory(Set.of(resources))))
                .build();
    }

    /** The real {@link CycleItems}, looking items up in this store. */
    public CycleItems cycleItems() {
        CycleItems[] items = new CycleItems[1];
        // the input aggregate's command handlers take CycleItems themselves, so its repository needs one to exist
        CycleItems forwarding = new CycleItems() {
            @Override
            public boolean isPriority(String cycleId, String priorityId) {
                return items[0].isPriority(cycleId, priorityId);
            }

            @Override
            public boolean isOpportunity(String cycleId, String opportunityId) {
                return items[0].isOpportunity(cycleId, opportunityId);
            }

            @Override
            public boolean isInput(String cycleId, String inputId) {
                return items[0].isInput(cycleId, inputId);
            }
        };
        items[0] = new RepositoryCycleItems(repository(Priority.class), repository(Opportunity.class),
                repository(StakeholderInput.class, forwarding));
        return items[0];
    }

    /** Stores the aggregate's history; its type is the aggregate class's simple name, as Axon names it. */
    public OtherAggregates given(Class<?> type, String aggregateId, Object... payloads) {
        long sequence = lastSequence(aggregateId) + 1;
        for (Object payload : payloads) {
            store.publish(new GenericDomainEventMessage<>(type.getSimpleName(), aggregateId, sequence++, payload));
        }
        return this;
    }

    /** The payloads the aggregate has stored, oldest first. */
    public List<Object> events(String aggregateId) {
        List<Object> payloads = new ArrayList<>();
        store.readEvents(aggregateId).forEachRemaining(event -> payloads.add(event.getPayload()));
        return payloads;
    }

    private long lastSequence(String aggregateId) {
        DomainEventStream events = store.readEvents(aggregateId);
        long last = -1;
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            last = event.getSequenceNumber();
        }
        return last;
    }
}
