package org.tradeoffs.command.followup;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.command.followup.FollowUps.FollowUp;
import org.tradeoffs.command.followup.FollowUps.Kind;
import org.tradeoffs.eventstore.EmbeddedMongo;
import org.tradeoffs.events.savings.ConstraintKind;
import org.tradeoffs.events.savings.ConstraintRecorded;
import org.tradeoffs.events.savings.MilestoneAdded;
import org.tradeoffs.events.savings.MilestoneCompleted;
import org.tradeoffs.events.savings.MilestoneOverdue;
import org.tradeoffs.events.savings.RenegotiationWindowOpened;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class FollowUpsTest {

    private static final LocalDate JULY_1 = LocalDate.parse("2027-07-01");

    private EmbeddedMongo mongo;
    private MongoClient client;
    private FollowUps followUps;

    @BeforeEach
    void setUp() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.connectionString("tradeoffs"));
        followUps = new FollowUps(client.getDatabase("tradeoffs"));
    }

    @AfterEach
    void tearDown() {
        client.close();
        mongo.close();
    }

    private static ConstraintRecorded constraint(String id, ConstraintKind kind, LocalDate renegotiationDate) {
        return new ConstraintRecorded("o-1", "c-1", "d-1", id, kind, true, "Bus operator contract", renegotiationDate,
                "analyst");
    }

    private static MilestoneAdded milestone(String id, LocalDate dueDate) {
        return new MilestoneAdded("o-1", "c-1", "d-1", id, "Routes approved", dueDate, "designer");
    }

    @Test
    void aContractIsDueOnItsRenegotiationDate() {
        followUps.on(constraint("k-1", ConstraintKind.CONTRACT, JULY_1));

        assertThat(followUps.dueBy(JULY_1.minusDays(1), 10)).isEmpty();
        assertThat(followUps.dueBy(JULY_1, 10)).containsExactly(
                new FollowUp("renegotiation:k-1", Kind.RENEGOTIATION, "k-1", "o-1", "c-1", JULY_1));
    }

    @Test
    void constraintsWithoutARenegotiationDateNeedNoFollowUp() {
        followUps.on(constraint("k-1", ConstraintKind.CONTRACT, null));
        followUps.on(constraint("k-2", ConstraintKind.STATE_POLICY, null));

        assertThat(followUps.dueBy(JULY_1.plusYears(10), 10)).isEmpty();
    }

    @Test
    void aMilestoneIsDueTheDayAfterItsDueDateUntilItIsDone() {
        followUps.on(milestone("m-1", JULY_1));
        followUps.on(milestone("m-2", JULY_1));
        followUps.on(new MilestoneCompleted("o-1", "c-1", "d-1", "m-2", "designer"));

        assertThat(followUps.dueBy(JULY_1, 10)).isEmpty();
        assertThat(followUps.dueBy(JULY_1.plusDays(1), 10)).extracting(FollowUp::id).containsExactly("milestone:m-1");
    }

    @Test
    void handledFollowUpsAreForgotten() {
        followUps.on(constraint("k-1", ConstraintKind.CONTRACT, JULY_1));
        followUps.on(milestone("m-1", JULY_1));
        followUps.on(new RenegotiationWindowOpened("o-1", "c-1", "d-1", "k-1", JULY_1, "system"));
        followUps.on(new MilestoneOverdue("o-1", "c-1", "d-1", "m-1", JULY_1, "system"));

        assertThat(followUps.dueBy(JULY_1.plusYears(1), 10)).isEmpty();
    }

    @Test
    void handlingAnEventAgainChangesNothing() {
        followUps.on(milestone("m-1", JULY_1));
        followUps.on(milestone("m-1", JULY_1));

        assertThat(followUps.dueBy(JULY_1.plusDays(1), 10)).hasSize(1);
    }

    @Test
    void aResetForgetsEverything() {
        followUps.on(milestone("m-1", JULY_1));

        followUps.reset();

        assertThat(followUps.dueBy(JULY_1.plusYears(1), 10)).isEmpty();
    }

    @Test
    void theEarliestComeFirst() {
        followUps.on(milestone("m-late", JULY_1.plusDays(5)));
        followUps.on(constraint("k-early", ConstraintKind.CONTRACT, JULY_1));

        assertThat(followUps.dueBy(JULY_1.plusMonths(1), 1)).extracting(FollowUp::id)
                .containsExactly("renegotiation:k-early");
    }
}
