package org.tradeoffs.query.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.events.CycleScoped;
import org.tradeoffs.events.input.InputChannel;
import org.tradeoffs.events.input.InputContent;
import org.tradeoffs.events.input.InputLink;
import org.tradeoffs.events.input.StakeholderGroup;
import org.tradeoffs.events.input.StakeholderInputCorrected;
import org.tradeoffs.events.input.StakeholderInputRecorded;
import org.tradeoffs.events.input.Stance;
import org.tradeoffs.events.priority.PriorityApproved;
import org.tradeoffs.events.priority.PriorityRejected;
import org.tradeoffs.events.priority.PriorityReopened;
import org.tradeoffs.events.tradeoff.Funding;
import org.tradeoffs.events.tradeoff.Investment;
import org.tradeoffs.events.tradeoff.Outcome;
import org.tradeoffs.events.tradeoff.PackageContent;
import org.tradeoffs.events.tradeoff.Tally;
import org.tradeoffs.events.tradeoff.TradeoffClosed;
import org.tradeoffs.events.tradeoff.TradeoffDrafted;
import org.tradeoffs.query.audit.SealedEvents;
import org.tradeoffs.query.projection.InMemoryMongo;
import org.tradeoffs.query.provenance.IndexedItem.Entry;
import org.tradeoffs.query.provenance.IndexedItem.Ref;

/** The provenance index on its own: the event store's locations are given, the index is a real (fake) MongoDB. */
class ProvenanceProjectionTest {

    static final String CYCLE = "7d2c9e41-0f3a-4b6d-8e15-c4a7b9d2e6f8";
    static final String DISTRICT = "0b8e2f7c-51a4-4d8e-9c3f-6a1d2e4b7c90";
    static final String PRIORITY = "c1a7e3f9-2b4d-4e6a-8f0c-9d1b3e5a7c24";
    static final String OPPORTUNITY = "5e9a1c37-4b2d-4f8e-a6c1-3d7b9e2f4a68";
    static final String INPUT = "b7e3d9a1-5c2f-4a8e-8d6b-1f4c7e2a9d58";
    static final String TRADEOFF = "a4f2c8e6-1b3d-4e5f-9a7c-2d8b6e4f1c93";
    static final Instant TIME = Instant.parse("2027-03-01T16:20:00.123456Z");

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final ProvenanceRepository repository = new ProvenanceRepository(mongo.database());
    private final SealedEvents stored = mock(SealedEvents.class);
    private final ProvenanceProjection projection = new ProvenanceProjection(repository, stored);
    private final Map<String, SealedEvents.Location> locations = new HashMap<>();

    ProvenanceProjectionTest() {
        when(stored.locate(any())).thenAnswer(call ->
                Optional.ofNullable(locations.get(((EventMessage<?>) call.getArgument(0)).getIdentifier())));
    }

    @AfterEach
    void closeMongo() {
        mongo.close();
    }

    @Test
    void indexesAnEventOnceUnderItsOwnPositionAndCommitEvenWhenDeliveredAgain() {
        EventMessage<?> approved = message(new PriorityApproved(PRIORITY, CYCLE, DISTRICT, "Evidence", "steering"),
                12, 14);

        handle(approved);
        handle(approved);

        IndexedItem item = repository.item(PRIORITY).orElseThrow();
        assertThat(item.cycleId()).isEqualTo(CYCLE);
        assertThat(item.kind()).isEqualTo(ItemKind.PRIORITY);
        assertThat(item.events()).containsExactly(
                new Entry(12, 14, "PriorityApproved", TIME, "steering", List.of(), Outcome.APPROVED));
    }

    @Test
    void theLatestDecisionOfAReopenedPriorityIsItsLastOneAndAReopeningDecidesNothing() {
        handle(message(new PriorityApproved(PRIORITY, CYCLE, DISTRICT, "Evidence", "steering"), 12, 12));
        handle(message(new PriorityReopened(PRIORITY, CYCLE, DISTRICT, "Costs changed", "steering"), 20, 20));
        IndexedItem reopened = repository.item(PRIORITY).orElseThrow();
        handle(message(new PriorityRejected(PRIORITY, CYCLE, DISTRICT, "Too expensive", "chair"), 25, 25));

        assertThat(reopened.latestDecision()).map(Entry::position).contains(12L);
        Entry latest = repository.item(PRIORITY).orElseThrow().latestDecision().orElseThrow();
        assertThat(latest.position()).isEqualTo(25);
        assertThat(latest.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(latest.actor()).isEqualTo("chair");
    }

    @Test
    void aPackageClosedByASteeringMemberIsDecidedWithTheClosingsOutcome() {
        handle(message(new TradeoffClosed(TRADEOFF, CYCLE, DISTRICT, Outcome.REJECTED, new Tally(0, 1, 0),
                "No quorum", "chair"), 40, 40));

        assertThat(repository.item(TRADEOFF).orElseThrow().latestDecision())
                .map(Entry::outcome).contains(Outcome.REJECTED);
    }

    @Test
    void anInputNotesWhatItLinksAndTheLinkedItemsNoteTheInputForGood() {
        handle(message(new StakeholderInputRecorded(INPUT, CYCLE, DISTRICT, content(
                new InputLink(InputLink.Kind.PRIORITY, PRIORITY, Stance.SUPPORT)), List.of(), "designer"), 30, 30));
        handle(message(new StakeholderInputCorrected(INPUT, CYCLE, DISTRICT, content(
                new InputLink(InputLink.Kind.OPPORTUNITY, OPPORTUNITY, Stance.CONCERN)), "Recounted", "designer"),
                33, 33));

        IndexedItem input = repository.item(INPUT).orElseThrow();
        assertThat(input.refsAt(31)).containsExactly(new Ref(ItemKind.PRIORITY, PRIORITY));
        assertThat(input.refsAt(33)).containsExactly(new Ref(ItemKind.OPPORTUNITY, OPPORTUNITY));
        assertThat(input.refsAt(29)).isEmpty();
        assertThat(repository.item(PRIORITY).orElseThrow().linkedBy()).containsExactly(INPUT);
        assertThat(repository.item(OPPORTUNITY).orElseThrow().kind()).isEqualTo(ItemKind.OPPORTUNITY);
        assertThat(repository.item(OPPORTUNITY).orElseThrow().linkedBy()).containsExactly(INPUT);
    }

    @Test
    void aDraftNotesItsPrioritiesOpportunitiesAndConsideredInputsButNotOtherRevenue() {
        handle(message(new TradeoffDrafted(TRADEOFF, CYCLE, DISTRICT, new PackageContent("Coaches", "",
                List.of(new Investment(PRIORITY, new BigDecimal("300000.00"))),
                List.of(new Funding(OPPORTUNITY, null, new BigDecimal("250000.00")),
                        new Funding(null, "Title I carryover", new BigDecimal("50000.00"))),
                List.of(INPUT)), "designer"), 50, 50));

        assertThat(repository.item(TRADEOFF).orElseThrow().refsAt(50)).containsExactly(
                new Ref(ItemKind.PRIORITY, PRIORITY), new Ref(ItemKind.OPPORTUNITY, OPPORTUNITY),
                new Ref(ItemKind.INPUT, INPUT));
    }

    @Test
    void resettingClearsTheIndex() {
        handle(message(new PriorityApproved(PRIORITY, CYCLE, DISTRICT, "Evidence", "steering"), 12, 12));

        projection.reset();

        assertThat(repository.item(PRIORITY)).isEmpty();
    }

    private void handle(EventMessage<?> message) {
        projection.on((CycleScoped) message.getPayload(), message, message.getTimestamp());
    }

    /** A delivered event stored at {@code position} in the commit {@code commit}. */
    private EventMessage<?> message(CycleScoped event, long position, long commit) {
        EventMessage<?> message = new GenericDomainEventMessage<>("Aggregate", "id", position, event,
                MetaData.emptyInstance(), UUID.randomUUID().toString(), TIME);
        locations.put(message.getIdentifier(), new SealedEvents.Location(position, commit));
        return message;
    }

    private static InputContent content(InputLink link) {
        return new InputContent(StakeholderGroup.PARENTS, InputChannel.SURVEY, LocalDate.parse("2027-04-01"),
                "Parents want earlier reading support", 120, List.of(link));
    }
}
