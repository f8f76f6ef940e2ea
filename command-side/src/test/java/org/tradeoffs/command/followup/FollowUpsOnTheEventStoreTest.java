package org.tradeoffs.command.followup;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.CommandSide;
import org.tradeoffs.command.savings.OpportunityNumbers;
import org.tradeoffs.eventstore.EmbeddedMongo;
import org.tradeoffs.events.savings.MilestoneOverdue;
import org.tradeoffs.events.savings.RenegotiationWindowOpened;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Follow-ups with the real event store, tracking processor and poller, on a clock the test moves. */
class FollowUpsOnTheEventStoreTest {

    /** Stored due dates are ISO text, which sorts by date for four-digit years. */
    private static final LocalDate FAR_FUTURE = LocalDate.of(9999, 12, 31);
    private static final String POLL_OFTEN = "tradeoffs.followups.poll-interval=50ms";

    /** 2027-01-15, noon in Los Angeles. */
    private final MutableClock clock = new MutableClock(Instant.parse("2027-01-15T20:00:00Z"));

    /** An opportunity in a deep dive; answers its path. */
    private static String opportunityInAnalysis(CommandSide app) {
        String district = app.demoDistrict();
        String cycle = app.post("steering", "/api/districts/" + district + "/cycles", "{\"name\":\"SY 2027-28\"}").id();
        String path = "/api/cycles/" + cycle + "/opportunities/" + OpportunityNumbers.idOf(cycle, 1);
        assertThat(app.post("designer", path + "/screening", "{\"decision\":\"DEEP_DIVE\",\"reason\":\"Big\"}")
                .status()).isEqualTo(200);
        return path;
    }

    private static <T> List<T> events(CommandSide app, String opportunityPath, Class<T> type) {
        String opportunityId = opportunityPath.substring(opportunityPath.lastIndexOf('/') + 1);
        return app.bean(EventStore.class).readEvents(opportunityId).asStream()
                .map(DomainEventMessage::getPayload).filter(type::isInstance).map(type::cast).toList();
    }

    private static String add(CommandSide app, String path, String json) {
        CommandSide.Response created = app.post("analyst", path, json);
        assertThat(created.status()).isEqualTo(201);
        return created.id();
    }

    @Test
    void followUpsThatCameDueWhileTheServiceWasDownFireOnceAfterRestart() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory()) {
            String opportunity;
            String contract;
            String openMilestone;
            try (CommandSide app = CommandSide.start(mongo, clock, POLL_OFTEN)) {
                opportunity = opportunityInAnalysis(app);
                contract = add(app, opportunity + "/constraints", """
                        {"kind":"CONTRACT","rigid":true,"description":"Bus operator contract","renegotiationDate":"2027-02-01"}""");
                openMilestone = add(app, opportunity + "/milestones", "{\"title\":\"Routes approved\",\"dueDate\":\"2027-01-20\"}");
                String doneMilestone = add(app, opportunity + "/milestones",
                        "{\"title\":\"Ridership counted\",\"dueDate\":\"2027-01-18\"}");
                assertThat(app.post("designer", opportunity + "/milestones/" + doneMilestone + "/completion", "")
                        .status()).isEqualTo(200);
                FollowUps followUps = app.bean(FollowUps.class);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(followUps.dueBy(FAR_FUTURE, 10)).extracting(FollowUps.FollowUp::id)
                                .containsExactlyInAnyOrder("renegotiation:" + contract, "milestone:" + openMilestone));
                assertThat(events(app, opportunity, RenegotiationWindowOpened.class)).isEmpty();
                assertThat(events(app, opportunity, MilestoneOverdue.class)).isEmpty();
            }

            clock.advance(Duration.ofDays(30));   // 2027-02-14, while the service is down

            try (CommandSide app = CommandSide.start(mongo, clock, POLL_OFTEN)) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    assertThat(events(app, opportunity, RenegotiationWindowOpened.class)).hasSize(1);
                    assertThat(events(app, opportunity, MilestoneOverdue.class)).hasSize(1);
                });
                app.bean(FollowUpPoller.class).poll();
                // the scheduled poller keeps running every 50 ms meanwhile: still exactly one of each
                await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    assertThat(events(app, opportunity, RenegotiationWindowOpened.class)).containsExactly(
                            new RenegotiationWindowOpened(opportunity.substring(opportunity.lastIndexOf('/') + 1),
                                    events(app, opportunity, RenegotiationWindowOpened.class).get(0).cycleId(),
                                    events(app, opportunity, RenegotiationWindowOpened.class).get(0).districtId(),
                                    contract, LocalDate.parse("2027-02-01"), "system"));
                    assertThat(events(app, opportunity, MilestoneOverdue.class)).singleElement()
                            .satisfies(overdue -> assertThat(overdue.milestoneId()).isEqualTo(openMilestone));
                });
                assertThat(app.bean(FollowUps.class).dueBy(FAR_FUTURE, 10)).isEmpty();
            }
        }
    }

    @Test
    void whileRunningAMilestoneBecomesOverdueTheDayAfterItsDueDateAndADoneOneNever() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
             CommandSide app = CommandSide.start(mongo, clock, POLL_OFTEN)) {
            String opportunity = opportunityInAnalysis(app);
            String open = add(app, opportunity + "/milestones", "{\"title\":\"Routes approved\",\"dueDate\":\"2027-01-16\"}");
            String done = add(app, opportunity + "/milestones", "{\"title\":\"Ridership counted\",\"dueDate\":\"2027-01-16\"}");
            assertThat(app.post("designer", opportunity + "/milestones/" + done + "/completion", "").status())
                    .isEqualTo(200);
            add(app, opportunity + "/constraints", """
                    {"kind":"CONTRACT","rigid":false,"description":"Fuel contract","renegotiationDate":"2027-03-01"}""");
            FollowUps followUps = app.bean(FollowUps.class);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(followUps.dueBy(FAR_FUTURE, 10)).hasSize(2));

            clock.advance(Duration.ofDays(1));   // 2027-01-16: the due date itself, not overdue yet
            app.bean(FollowUpPoller.class).poll();
            assertThat(events(app, opportunity, MilestoneOverdue.class)).isEmpty();

            clock.advance(Duration.ofDays(1));   // 2027-01-17
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(events(app, opportunity, MilestoneOverdue.class)).singleElement()
                            .satisfies(overdue -> assertThat(overdue.milestoneId()).isEqualTo(open)));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(events(app, opportunity, MilestoneOverdue.class)).hasSize(1);
                assertThat(events(app, opportunity, RenegotiationWindowOpened.class)).isEmpty();
            });
        }
    }
}
