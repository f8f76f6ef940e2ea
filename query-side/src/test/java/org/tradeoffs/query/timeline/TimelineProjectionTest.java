package org.tradeoffs.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.ReplayStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.contract.Contract;
import org.tradeoffs.events.CycleScoped;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityApproved;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRejected;
import org.tradeoffs.events.priority.PriorityReopened;
import org.tradeoffs.events.priority.PriorityRevised;
import org.tradeoffs.events.priority.PriorityWithdrawn;
import org.tradeoffs.query.projection.InMemoryMongo;
import org.tradeoffs.query.projection.RecordingLiveUpdates;
import org.tradeoffs.query.projection.Tokens;
import org.tradeoffs.query.projection.WebJson;
import org.tradeoffs.query.timeline.TimelineEntry.ItemKind;

class TimelineProjectionTest {

    static final String DISTRICT = "0b8e2f7c-51a4-4d8e-9c3f-6a1d2e4b7c90";
    static final String CYCLE = "7d2c9e41-0f3a-4b6d-8e15-c4a7b9d2e6f8";
    static final String OTHER_CYCLE = "5f0e6a2b-8c3d-4e1f-9a7b-2d4c6e8f0a13";
    static final String LITERACY = "c1a7e3f9-2b4d-4e6a-8f0c-9d1b3e5a7c24";
    static final Instant EPOCH = Instant.parse("2027-03-01T16:20:00Z");

    static final PriorityDetails LITERACY_DETAILS = new PriorityDetails("K-5 early literacy coaches",
            "Coaches in every K-5 classroom.", "Weekly coaching raises grade-3 reading proficiency.",
            Fundability.ACTION, new BigDecimal("1250000.00"), null);

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final RecordingLiveUpdates live = new RecordingLiveUpdates();
    private TimelineRepository timeline;
    private TimelineProjection projection;

    @BeforeEach
    void setUp() {
        timeline = new TimelineRepository(mongo.database());
        projection = new TimelineProjection(timeline, live);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void openingACycleStartsItsTimeline() {
        apply(new PlanningCycleOpened(CYCLE, DISTRICT, "SY 2027-28", "steering"), 7);

        assertThat(timeline.page(CYCLE, 0, 100).entries()).containsExactly(new TimelineEntry(7,
                EPOCH.plusSeconds(7), "steering", "PlanningCycleOpened", "steering opened planning cycle \"SY 2027-28\"",
                CYCLE, ItemKind.CYCLE));
    }

    @Test
    void proposalSummaryNamesTheActorTheTitleAndTheYearlyCost() {
        apply(new PriorityProposed(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"), 12);

        TimelineEntry entry = timeline.page(CYCLE, 0, 100).entries().get(0);
        assertThat(entry.summary())
                .isEqualTo("designer proposed priority \"K-5 early literacy coaches\" ($1,250,000.00/yr)");
        assertThat(entry.type()).isEqualTo("PriorityProposed");
        assertThat(entry.actor()).isEqualTo("designer");
        assertThat(entry.itemId()).isEqualTo(LITERACY);
        assertThat(entry.itemKind()).isEqualTo(ItemKind.PRIORITY);
    }

    @Test
    void laterEventsNameThePriorityByItsLatestTitle() {
        apply(new PriorityProposed(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"), 12);
        PriorityDetails narrower = new PriorityDetails("K-3 literacy coaches", "", "Theory", Fundability.ACTION,
                new BigDecimal("900000"), null);
        apply(new PriorityRevised(LITERACY, CYCLE, DISTRICT, narrower, "designer"), 13);
        apply(new PriorityRejected(LITERACY, CYCLE, DISTRICT, "Too costly\nfor now.", "steering"), 14);
        apply(new PriorityReopened(LITERACY, CYCLE, DISTRICT, "Funding found.", "steering"), 15);
        apply(new PriorityApproved(LITERACY, CYCLE, DISTRICT, "Best evidence.", "steering"), 16);
        apply(new PriorityWithdrawn(LITERACY, CYCLE, DISTRICT, "Merged.", "designer"), 17);

        assertThat(timeline.page(CYCLE, 0, 100).entries()).extracting(TimelineEntry::summary).containsExactly(
                "designer proposed priority \"K-5 early literacy coaches\" ($1,250,000.00/yr)",
                "designer revised priority \"K-3 literacy coaches\" ($900,000.00/yr)",
                "steering rejected priority \"K-3 literacy coaches\": Too costly for now.",
                "steering reopened priority \"K-3 literacy coaches\": Funding found.",
                "steering approved priority \"K-3 literacy coaches\": Best evidence.",
                "designer withdrew priority \"K-3 literacy coaches\": Merged.");
    }

    @Test
    void longReasonsAreShortenedToOneLine() {
        apply(new PriorityProposed(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"), 12);
        apply(new PriorityWithdrawn(LITERACY, CYCLE, DISTRICT, "word\n".repeat(500), "designer"), 13);

        String summary = timeline.page(CYCLE, 0, 100).entries().get(1).summary();
        assertThat(summary).doesNotContain("\n").endsWith("…").hasSizeLessThan(250);
    }

    @Test
    void pageHoldsOnlyEntriesAfterTheGivenPositionAndTellsWhetherMoreFollow() {
        apply(new PlanningCycleOpened(CYCLE, DISTRICT, "SY 2027-28", "steering"), 7);
        apply(new PriorityProposed(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"), 12);
        apply(new PriorityApproved(LITERACY, CYCLE, DISTRICT, "Best evidence.", "steering"), 19);

        TimelinePage first = timeline.page(CYCLE, 0, 2);
        assertThat(first.entries()).extracting(TimelineEntry::position).containsExactly(7L, 12L);
        assertThat(first.hasMore()).isTrue();
        TimelinePage second = timeline.page(CYCLE, 12, 2);
        assertThat(second.entries()).extracting(TimelineEntry::position).containsExactly(19L);
        assertThat(second.hasMore()).isFalse();
        assertThat(timeline.page(CYCLE, 19, 2).entries()).isEmpty();
    }

    @Test
    void aCyclesTimelineShowsNoOtherCyclesEvents() {
        apply(new PlanningCycleOpened(CYCLE, DISTRICT, "SY 2027-28", "steering"), 7);
        apply(new PlanningCycleOpened(OTHER_CYCLE, DISTRICT, "SY 2028-29", "steering"), 8);

        assertThat(timeline.page(CYCLE, 0, 100).entries()).extracting(TimelineEntry::itemId).containsExactly(CYCLE);
        assertThat(timeline.page("no-such-cycle", 0, 100).entries()).isEmpty();
    }

    @Test
    void everyLiveEntryIsPushedToItsCyclesTimelineTopicAsTheContractDescribes() throws Exception {
        apply(new PlanningCycleOpened(CYCLE, DISTRICT, "SY 2027-28", "steering"), 7);
        apply(new PriorityProposed(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"), 12);

        assertThat(live.sent()).extracting(RecordingLiveUpdates.Sent::destination)
                .containsOnly("/topic/cycles/" + CYCLE + "/timeline");
        assertThat(live.sent()).extracting(sent -> (Object) sent.frame().view())
                .containsExactlyElementsOf(timeline.page(CYCLE, 0, 100).entries());
        ObjectMapper webJson = WebJson.mapper();
        for (RecordingLiveUpdates.Sent sent : live.sent()) {
            assertThat(Contract.load().validateFrame("/topic/cycles/{cycleId}/timeline",
                    webJson.writeValueAsString(sent.frame()))).isEmpty();
        }
        assertThat(Contract.load().validate("timeline-page",
                webJson.writeValueAsString(timeline.page(CYCLE, 0, 100)))).isEmpty();
    }

    @Test
    void reapplyingAnAlreadyAppliedPositionAddsNoEntryAndPushesNothing() {
        apply(new PriorityProposed(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"), 12);
        TimelinePage before = timeline.page(CYCLE, 0, 100);
        live.clear();

        apply(new PriorityProposed(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"), 12);

        assertThat(timeline.page(CYCLE, 0, 100)).isEqualTo(before);
        assertThat(live.sent()).isEmpty();
    }

    @Test
    void resetAndReplayRebuildTheSameTimelinesWithoutPushing() {
        List<CycleScoped> history = List.of(
                new PlanningCycleOpened(CYCLE, DISTRICT, "SY 2027-28", "steering"),
                new PlanningCycleOpened(OTHER_CYCLE, DISTRICT, "SY 2028-29", "steering"),
                new PriorityProposed(LITERACY, CYCLE, DISTRICT, LITERACY_DETAILS, "designer"),
                new PriorityApproved(LITERACY, CYCLE, DISTRICT, "Best evidence.", "steering"));
        for (int i = 0; i < history.size(); i++) {
            apply(history.get(i), 10 + i);
        }
        TimelinePage cycle = timeline.page(CYCLE, 0, 100);
        TimelinePage otherCycle = timeline.page(OTHER_CYCLE, 0, 100);
        live.clear();

        projection.reset();
        assertThat(timeline.page(CYCLE, 0, 100).entries()).isEmpty();
        for (int i = 0; i < history.size(); i++) {
            projection.on(history.get(i), Tokens.at(10 + i), EPOCH.plusSeconds(10 + i), ReplayStatus.REPLAY);
        }

        assertThat(timeline.page(CYCLE, 0, 100)).isEqualTo(cycle);
        assertThat(timeline.page(OTHER_CYCLE, 0, 100)).isEqualTo(otherCycle);
        assertThat(live.sent()).isEmpty();
    }

    private void apply(CycleScoped event, long position) {
        projection.on(event, Tokens.at(position), EPOCH.plusSeconds(position), ReplayStatus.REGULAR);
    }
}
