package org.tradeoffs.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tradeoffs.contract.Contract;
import org.tradeoffs.events.cycle.PlanningCycleOpened;
import org.tradeoffs.events.district.DistrictRegistered;
import org.tradeoffs.events.district.MemberRoleGranted;
import org.tradeoffs.events.district.Role;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.query.QueryApplication;
import org.tradeoffs.query.TestMongo;
import org.tradeoffs.query.audit.AuditChainProjection;

/**
 * The whole query side on the real event store (in-memory MongoDB): a read with the position of a
 * write sees the write, waiting only for the views it reads; a position the views never reach is 503 not-ready,
 * quickly.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + QueryApplication.CONFIG_NAME, "tradeoffs.consistency.max-wait=300ms"})
class ReadYourWritesTest {

    @RegisterExtension
    static final TestMongo MONGO = new TestMongo();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        MONGO.register(properties);
    }


    @Autowired
    TestRestTemplate http;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;

    private final String district = UUID.randomUUID().toString();
    private final String cycle = UUID.randomUUID().toString();

    @BeforeEach
    void setUp() {
        append("District", district, 0, new DistrictRegistered(district, "Hayward USD", 22272, "admin"));
        append("District", district, 1, new MemberRoleGranted(district, "designer", Role.DESIGN_TEAM, "admin"));
    }

    @Test
    void readWithTheWritesPositionAlwaysSeesTheWrite() {
        long opened = append("Cycle", cycle, 0, new PlanningCycleOpened(cycle, district, "SY 2027-28", "steering"));
        // the very first read of a cycle just opened: without waiting it would be 404
        ResponseEntity<String> cycleRead = get("designer", "/api/cycles/" + cycle + "?minPosition=" + opened);
        assertThat(cycleRead.getStatusCode().value()).isEqualTo(200);

        for (int write = 0; write < 50; write++) {
            String priority = UUID.randomUUID().toString();
            long position = append("Priority", priority, 0,
                    new PriorityProposed(priority, cycle, district, details("Coaches " + write), "designer"));

            ResponseEntity<String> board = get("designer",
                    "/api/cycles/" + cycle + "/priorities?minPosition=" + position);

            assertThat(board.getStatusCode().value()).as("read %d", write).isEqualTo(200);
            assertThat(board.getBody()).as("read %d", write).contains("\"id\":\"" + priority + "\"");
        }
    }

    @Test
    void aReadWaitsOnlyForTheViewsItReads() {
        append("Cycle", cycle, 0, new PlanningCycleOpened(cycle, district, "SY 2027-28", "steering"));
        StreamingEventProcessor auditChain = processing
                .eventProcessor(AuditChainProjection.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        auditChain.shutDown();
        try {
            String priority = UUID.randomUUID().toString();
            long position = append("Priority", priority, 0,
                    new PriorityProposed(priority, cycle, district, details("Coaches"), "designer"));

            ResponseEntity<String> board = get("designer",
                    "/api/cycles/" + cycle + "/priorities?minPosition=" + position);
            ResponseEntity<String> audit = get("designer",
                    "/api/districts/" + district + "/audit/verify?minPosition=" + position);

            assertThat(board.getStatusCode().value()).as("the board does not wait for the audit chain").isEqualTo(200);
            assertThat(board.getBody()).contains("\"id\":\"" + priority + "\"");
            assertThat(audit.getStatusCode().value()).as("the audit chain has stopped").isEqualTo(503);
        } finally {
            auditChain.start();
        }
    }

    @Test
    void positionTheViewsNeverReachIsNotReadyWithRetryAfterAsAProblem() {
        append("Cycle", cycle, 0, new PlanningCycleOpened(cycle, district, "SY 2027-28", "steering"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                get("designer", "/api/cycles/" + cycle).getStatusCode().value() == 200);

        ResponseEntity<String> answer = get("designer",
                "/api/cycles/" + cycle + "/priorities?minPosition=" + Long.MAX_VALUE);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(answer.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(answer.getBody()).contains("\"code\":\"not-ready\"");
        assertThat(Contract.load().validateResponse("GET", "/api/cycles/{cycleId}/priorities", 503,
                answer.getHeaders().getContentType().toString(), answer.getBody())).isEmpty();
    }

    @Test
    void nonMemberIsForbiddenWhetherOrNotThePositionIsReached() {
        long opened = append("Cycle", cycle, 0, new PlanningCycleOpened(cycle, district, "SY 2027-28", "steering"));

        assertThat(get("outsider", "/api/cycles/" + cycle + "/priorities?minPosition=" + opened)
                .getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> unreached = get("outsider",
                "/api/cycles/" + cycle + "/priorities?minPosition=" + Long.MAX_VALUE);
        assertThat(unreached.getStatusCode().value()).isEqualTo(403);
        assertThat(unreached.getBody()).contains("\"code\":\"forbidden\"");
    }

    @Test
    void minPositionThatIsNoWholeNumberOfAtLeastZeroIsAValidationProblem() {
        for (String bad : new String[] {"-1", "soon", "1.5"}) {
            ResponseEntity<String> answer = get("designer", "/api/districts?minPosition=" + bad);

            assertThat(answer.getStatusCode().value()).as(bad).isEqualTo(400);
            assertThat(answer.getBody()).as(bad).contains("\"code\":\"validation-failed\"")
                    .contains("\"field\":\"minPosition\"");
            assertThat(Contract.load().validateResponse("GET", "/api/districts", 400,
                    answer.getHeaders().getContentType().toString(), answer.getBody())).isEmpty();
        }
    }

    private ResponseEntity<String> get(String username, String path) {
        return http.withBasicAuth(username, "demo").getForEntity(path, String.class);
    }

    /** Appends one event and answers its global position, as a write response would. */
    private long append(String type, String aggregateId, long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, event));
        return eventStore.createHeadToken().position().orElseThrow();
    }

    private static PriorityDetails details(String title) {
        return new PriorityDetails(title, "", "Coaching raises reading", Fundability.ACTION,
                CostSplit.allUnallocated(new BigDecimal("1250000.00")), null);
    }
}
