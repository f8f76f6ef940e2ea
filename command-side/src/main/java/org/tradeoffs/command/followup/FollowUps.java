package org.tradeoffs.command.followup;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;
import org.tradeoffs.events.savings.ConstraintKind;
import org.tradeoffs.events.savings.ConstraintRecorded;
import org.tradeoffs.events.savings.MilestoneAdded;
import org.tradeoffs.events.savings.MilestoneCompleted;
import org.tradeoffs.events.savings.MilestoneOverdue;
import org.tradeoffs.events.savings.RenegotiationWindowOpened;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The time-triggered follow-ups still to come, kept in the {@code followups} collection by the tracking
 * processor {@code follow-ups}: a contract's renegotiation date ({@code renegotiation:<constraintId>}, due on
 * that date) and an open milestone ({@code milestone:<milestoneId>}, due the day after its due date).
 * Writes are upserts and deletes by {@code _id}, so handling an event again changes nothing.
 */
@Component
@ProcessingGroup("follow-ups")
public class FollowUps {

    /** One follow-up: which command it needs, on which opportunity, from which day. */
    public record FollowUp(String id, Kind kind, String itemId, String opportunityId, String cycleId, LocalDate dueOn) {
    }

    public enum Kind { RENEGOTIATION, MILESTONE }

    private final MongoCollection<Document> followups;

    public FollowUps(MongoDatabase database) {
        this.followups = database.getCollection("followups");
        // only a real MongoDB uses it (mongo-java-server ignores non-unique indexes and scans the small collection)
        followups.createIndex(Indexes.ascending("dueOn"));
    }

    @EventHandler
    void on(ConstraintRecorded event) {
        if (event.kind() == ConstraintKind.CONTRACT && event.renegotiationDate() != null) {
            save(Kind.RENEGOTIATION, event.constraintId(), event.opportunityId(), event.cycleId(),
                    event.renegotiationDate());
        }
    }

    @EventHandler
    void on(RenegotiationWindowOpened event) {
        delete(Kind.RENEGOTIATION, event.constraintId());
    }

    @EventHandler
    void on(MilestoneAdded event) {
        save(Kind.MILESTONE, event.milestoneId(), event.opportunityId(), event.cycleId(), event.dueDate().plusDays(1));
    }

    @EventHandler
    void on(MilestoneCompleted event) {
        delete(Kind.MILESTONE, event.milestoneId());
    }

    @EventHandler
    void on(MilestoneOverdue event) {
        delete(Kind.MILESTONE, event.milestoneId());
    }

    @ResetHandler
    void reset() {
        followups.deleteMany(new Document());
    }

    /** The follow-ups due on or before {@code today}, earliest first, at most {@code limit}. */
    public List<FollowUp> dueBy(LocalDate today, int limit) {
        List<FollowUp> due = new ArrayList<>();
        // ISO dates compare as text in date order
        for (Document document : followups.find(Filters.lte("dueOn", today.toString()))
                .sort(Sorts.ascending("dueOn")).limit(limit)) {
            String id = document.getString("_id");
            Kind kind = Kind.valueOf(document.getString("kind"));
            due.add(new FollowUp(id, kind, id.substring(id.indexOf(':') + 1), document.getString("opportunityId"),
                    document.getString("cycleId"), LocalDate.parse(document.getString("dueOn"))));
        }
        return due;
    }

    /** Forgets a follow-up once its command was handled. */
    public void done(FollowUp followUp) {
        followups.deleteOne(Filters.eq("_id", followUp.id()));
    }

    private void save(Kind kind, String itemId, String opportunityId, String cycleId, LocalDate dueOn) {
        String id = idOf(kind, itemId);
        followups.replaceOne(Filters.eq("_id", id), new Document("_id", id)
                        .append("kind", kind.name())
                        .append("opportunityId", opportunityId)
                        .append("cycleId", cycleId)
                        .append("dueOn", dueOn.toString()),
                new ReplaceOptions().upsert(true));
    }

    private void delete(Kind kind, String itemId) {
        followups.deleteOne(Filters.eq("_id", idOf(kind, itemId)));
    }

    static String idOf(Kind kind, String itemId) {
        return (kind == Kind.RENEGOTIATION ? "renegotiation:" : "milestone:") + itemId;
    }
}
