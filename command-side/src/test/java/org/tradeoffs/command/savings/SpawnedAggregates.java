package org.tradeoffs.command.savings;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositoryProvider;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * For fixture tests of an aggregate that creates others ({@code AggregateLifecycle.createNew}): the
 * fixture's own store accepts the events of one aggregate only, so the created ones publish to this
 * separate bus, which keeps what was committed.
 */
public final class SpawnedAggregates implements RepositoryProvider {

    private final SimpleEventBus bus = SimpleEventBus.builder().build();
    private final List<Object> committed = new ArrayList<>();

    public SpawnedAggregates() {
        bus.subscribe(events -> events.stream().map(EventMessage::getPayload).forEach(committed::add));
    }

    /** The payloads of the created aggregates' committed events of a type, in order. */
    public <T> List<T> events(Class<T> type) {
        return committed.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public <T> Repository<T> repositoryFor(Class<T> aggregateType) {
        return new Repository<>() {
            @Override
            public Aggregate<T> newInstance(Callable<T> factoryMethod) throws Exception {
                return EventSourcedAggregate.initialize(factoryMethod,
                        AnnotatedAggregateMetaModelFactory.inspectAggregate(aggregateType), bus,
                        SpawnedAggregates.this);
            }

            @Override
            public Aggregate<T> load(String aggregateIdentifier) {
                throw new UnsupportedOperationException("only creates aggregates");
            }

            @Override
            public Aggregate<T> load(String aggregateIdentifier, Long expectedVersion) {
                throw new UnsupportedOperationException("only creates aggregates");
            }

            @Override
            public void send(Message<?> message, ScopeDescriptor scopeDescription) {
                throw new UnsupportedOperationException("only creates aggregates");
            }

            @Override
            public boolean canResolve(ScopeDescriptor scopeDescription) {
                return false;
            }
        };
    }
}
