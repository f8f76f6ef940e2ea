package org.tradeoffs.eventstore;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventVersionRevisionResolverTest {

    private final EventVersionRevisionResolver resolver = new EventVersionRevisionResolver();

    @Test
    void anAnnotatedEventHasTheRevisionOfItsVersion() {
        assertThat(resolver.revisionOf(VersionedDeposited.class)).isEqualTo("3");
    }

    @Test
    void anUnannotatedEventIsRevisionOne() {
        assertThat(resolver.revisionOf(Deposited.class)).isEqualTo("1");
    }

    @Test
    void aStoredEventCarriesTheRevisionOfItsPayloadAndReadsBack() {
        try (TestStore store = new TestStore()) {
            OrderedMongoEventStorageEngine engine = store.engine(100);
            engine.appendEvents(List.of(new GenericDomainEventMessage<>(TestStore.ACCOUNT, "a", 0, new VersionedDeposited("a"))));

            Document commit = store.database.getCollection("events").find().first();
            assertThat(commit.getList("events", Document.class).get(0).getString("payloadRevision")).isEqualTo("3");
            assertThat(engine.readEvents("a").next().getPayload()).isEqualTo(new VersionedDeposited("a"));
        }
    }
}
