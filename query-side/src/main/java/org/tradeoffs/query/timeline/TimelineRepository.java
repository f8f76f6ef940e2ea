package org.tradeoffs.query.timeline;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Repository;
import org.tradeoffs.events.input.InputChannel;
import org.tradeoffs.events.input.StakeholderGroup;
import org.tradeoffs.query.projection.ViewDocuments;

/**
 * The timelines, stored so that every read is by {@code _id} (range queries scan the whole
 * collection on mongo-java-server):
 * <ul>
 *   <li>{@code timeline_entries}: one {@link TimelineEntry} per event, {@code _id} = its global position
 *       (a position belongs to exactly one event, hence to one cycle);</li>
 *   <li>{@code timeline_cycles}: {@code {_id: cycleId, positions: [...]}}, the positions on the cycle's
 *       timeline; a page is "positions after X, first limit + 1" then {@code _id $in} those;</li>
 *   <li>{@code timeline_priority_titles}: {@code {_id: priorityId, title, position}}, the latest title,
 *       for summaries of events that do not repeat it;</li>
 *   <li>{@code timeline_opportunities}: {@code {_id: opportunityId, number, question}} and
 *       {@code timeline_milestones}: {@code {_id: milestoneId, title}}, likewise (neither ever changes);</li>
 *   <li>{@code timeline_inputs}: {@code {_id: inputId, group, channel, respondents, position}}, the input's
 *       latest content as its summaries name it ("survey input from 689 parents");</li>
 *   <li>{@code timeline_tradeoffs}: {@code {_id: tradeoffId, title, position}}, the package's latest title.</li>
 * </ul>
 * The position array grows by about 20 bytes per event: a cycle fits some hundred thousand events
 * in MongoDB's 16 MB document limit, far above a year of one district's planning work.
 */
@Repository
public class TimelineRepository {

    static final String ENTRIES = "timeline_entries";
    static final String CYCLES = "timeline_cycles";
    static final String TITLES = "timeline_priority_titles";
    static final String OPPORTUNITIES = "timeline_opportunities";
    static final String MILESTONES = "timeline_milestones";
    static final String INPUTS = "timeline_inputs";
    static final String TRADEOFFS = "timeline_tradeoffs";

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> cycles;
    private final MongoCollection<Document> titles;
    private final MongoCollection<Document> opportunities;
    private final MongoCollection<Document> milestones;
    private final MongoCollection<Document> inputs;
    private final MongoCollection<Document> tradeoffs;

    public TimelineRepository(MongoDatabase database) {
        this.entries = database.getCollection(ENTRIES);
        this.cycles = database.getCollection(CYCLES);
        this.titles = database.getCollection(TITLES);
        this.opportunities = database.getCollection(OPPORTUNITIES);
        this.milestones = database.getCollection(MILESTONES);
        this.inputs = database.getCollection(INPUTS);
        this.tradeoffs = database.getCollection(TRADEOFFS);
    }

    public TimelinePage page(String cycleId, long after, int limit) {
        Document timeline = cycles.find(eq("_id", cycleId)).first();
        List<Long> positions = timeline == null ? List.of() : timeline.getList("positions", Number.class).stream()
                .map(Number::longValue)
                .filter(position -> position > after)
                .sorted()
                .limit(limit + 1L)
                .toList();
        boolean hasMore = positions.size() > limit;
        List<Long> wanted = hasMore ? positions.subList(0, limit) : positions;
        if (wanted.isEmpty()) {
            return new TimelinePage(cycleId, List.of(), hasMore);
        }
        List<TimelineEntry> page = entries.find(in("_id", wanted))
                .map(document -> ViewDocuments.fromDocument(document, TimelineEntry.class))
                .into(new ArrayList<>());
        page.sort(Comparator.comparingLong(TimelineEntry::position));
        return new TimelinePage(cycleId, List.copyOf(page), hasMore);
    }

    boolean contains(long position) {
        return entries.find(eq("_id", position)).first() != null;
    }

    /** Index first, entry last: the entry marks the event as applied (see {@link #contains}). */
    void append(String cycleId, TimelineEntry entry) {
        cycles.updateOne(eq("_id", cycleId), Updates.addToSet("positions", entry.position()),
                new UpdateOptions().upsert(true));
        Document document = ViewDocuments.toDocument(entry.position(), entry).append("cycleId", cycleId);
        entries.replaceOne(eq("_id", entry.position()), document, new ReplaceOptions().upsert(true));
    }

    Optional<String> title(String priorityId) {
        return Optional.ofNullable(titles.find(eq("_id", priorityId)).first())
                .map(document -> document.getString("title"));
    }

    void rememberTitle(String priorityId, String title, long position) {
        Document current = titles.find(eq("_id", priorityId)).first();
        if (current == null || current.get("position", Number.class).longValue() < position) {
            titles.replaceOne(eq("_id", priorityId),
                    new Document("_id", priorityId).append("title", title).append("position", position),
                    new ReplaceOptions().upsert(true));
        }
    }

    Optional<TimelineSummaries.OpportunityName> opportunity(String opportunityId) {
        return Optional.ofNullable(opportunities.find(eq("_id", opportunityId)).first())
                .map(document -> new TimelineSummaries.OpportunityName(
                        document.get("number", Number.class).intValue(), document.getString("question")));
    }

    void rememberOpportunity(String opportunityId, int number, String question) {
        opportunities.replaceOne(eq("_id", opportunityId),
                new Document("_id", opportunityId).append("number", number).append("question", question),
                new ReplaceOptions().upsert(true));
    }

    Optional<String> milestoneTitle(String milestoneId) {
        return Optional.ofNullable(milestones.find(eq("_id", milestoneId)).first())
                .map(document -> document.getString("title"));
    }

    void rememberMilestone(String milestoneId, String title) {
        milestones.replaceOne(eq("_id", milestoneId), new Document("_id", milestoneId).append("title", title),
                new ReplaceOptions().upsert(true));
    }

    Optional<TimelineSummaries.InputName> input(String inputId) {
        return Optional.ofNullable(inputs.find(eq("_id", inputId)).first())
                .map(document -> new TimelineSummaries.InputName(
                        StakeholderGroup.valueOf(document.getString("group")),
                        InputChannel.valueOf(document.getString("channel")),
                        document.get("respondents", Number.class).intValue()));
    }

    void rememberInput(String inputId, TimelineSummaries.InputName name, long position) {
        rememberLatest(inputs, new Document("_id", inputId).append("group", name.group().name())
                .append("channel", name.channel().name()).append("respondents", name.respondents()), position);
    }

    Optional<String> tradeoffTitle(String tradeoffId) {
        return Optional.ofNullable(tradeoffs.find(eq("_id", tradeoffId)).first())
                .map(document -> document.getString("title"));
    }

    void rememberTradeoffTitle(String tradeoffId, String title, long position) {
        rememberLatest(tradeoffs, new Document("_id", tradeoffId).append("title", title), position);
    }

    void clear() {
        entries.deleteMany(new Document());
        cycles.deleteMany(new Document());
        titles.deleteMany(new Document());
        opportunities.deleteMany(new Document());
        milestones.deleteMany(new Document());
        inputs.deleteMany(new Document());
        tradeoffs.deleteMany(new Document());
    }

    /** Stores the document unless what is stored came from a later position. */
    private static void rememberLatest(MongoCollection<Document> collection, Document document, long position) {
        Object id = document.get("_id");
        Document current = collection.find(eq("_id", id)).first();
        if (current == null || current.get("position", Number.class).longValue() < position) {
            collection.replaceOne(eq("_id", id), document.append("position", position),
                    new ReplaceOptions().upsert(true));
        }
    }
}
