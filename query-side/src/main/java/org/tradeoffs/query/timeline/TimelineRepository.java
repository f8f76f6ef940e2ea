package org.tradeoffs.query.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.tradeoffs.events.CycleScoped;
import org.tradeoffs.events.input.InputChannel;
import org.tradeoffs.events.input.StakeholderGroup;
import org.tradeoffs.events.priority.PriorityEvent;
import org.tradeoffs.query.projection.BatchReadAhead;
import org.tradeoffs.query.projection.BucketedIndex;
import org.tradeoffs.query.projection.ViewCollection;
import org.tradeoffs.query.projection.ViewStore;

/**
 * The timelines, stored so that every read is by {@code _id} (range queries scan the whole
 * collection on mongo-java-server):
 * <ul>
 *   <li>{@code timeline_entries}: one {@link TimelineEntry} per event, {@code _id} = its global position
 *       (a position belongs to exactly one event, hence to one cycle);</li>
 *   <li>{@code timeline_cycles}: the positions on the cycle's timeline, in buckets of bounded size
 *       ({@link BucketedIndex}, field {@code positions}); a page is "positions after X, first limit + 1" from the
 *       buckets that may hold them, then {@code _id $in} those;</li>
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
public class TimelineRepository {

    static final String ENTRIES = "timeline_entries";
    static final String CYCLES = "timeline_cycles";
    static final String TITLES = "timeline_priority_titles";
    static final String OPPORTUNITIES = "timeline_opportunities";
    static final String MILESTONES = "timeline_milestones";
    static final String INPUTS = "timeline_inputs";
    static final String TRADEOFFS = "timeline_tradeoffs";

    private final ViewCollection entries;
    private final ViewCollection cycles;
    private final BucketedIndex index;
    private final ViewCollection titles;
    private final ViewCollection opportunities;
    private final ViewCollection milestones;
    private final ViewCollection inputs;
    private final ViewCollection tradeoffs;

    public TimelineRepository(ViewStore store) {
        // in the order a batch writes them: the entries, which the projection checks, last
        this.cycles = store.collection(CYCLES);
        this.index = new BucketedIndex(cycles, "positions");
        this.titles = store.collection(TITLES);
        this.opportunities = store.collection(OPPORTUNITIES);
        this.milestones = store.collection(MILESTONES);
        this.inputs = store.collection(INPUTS);
        this.tradeoffs = store.collection(TRADEOFFS);
        this.entries = store.collection(ENTRIES);
    }

    public TimelinePage page(String cycleId, long after, int limit) {
        List<Long> positions = index.valuesAfter(cycleId, after, Number.class).stream()
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
        List<TimelineEntry> page = new ArrayList<>(entries.getAll(wanted, TimelineEntry.class).values());
        page.sort(Comparator.comparingLong(TimelineEntry::position));
        return new TimelinePage(cycleId, List.copyOf(page), hasMore);
    }

    boolean contains(long position) {
        BatchReadAhead.views(entries, CycleScoped.class, (event, eventPosition) -> eventPosition);
        return entries.get(position, TimelineEntry.class).isPresent();
    }

    /** Index first, entry last: the entry marks the event as applied (see {@link #contains}). */
    void append(String cycleId, TimelineEntry entry) {
        index.add(cycleId, entry.position(), entry.position());
        entries.put(entry.position(), entry, Map.of("cycleId", cycleId));
    }

    Optional<String> title(String priorityId) {
        readAheadTitles();
        return titles.get(priorityId).map(document -> document.getString("title"));
    }

    void rememberTitle(String priorityId, String title, long position) {
        readAheadTitles();
        Document current = titles.get(priorityId).orElse(null);
        if (current == null || current.get("position", Number.class).longValue() < position) {
            titles.put(new Document("_id", priorityId).append("title", title).append("position", position));
        }
    }

    private void readAheadTitles() {
        BatchReadAhead.views(titles, PriorityEvent.class, (event, position) -> event.priorityId());
    }

    Optional<TimelineSummaries.OpportunityName> opportunity(String opportunityId) {
        return opportunities.get(opportunityId)
                .map(document -> new TimelineSummaries.OpportunityName(
                        document.get("number", Number.class).intValue(), document.getString("question")));
    }

    void rememberOpportunity(String opportunityId, int number, String question) {
        opportunities.put(new Document("_id", opportunityId).append("number", number).append("question", question));
    }

    Optional<String> milestoneTitle(String milestoneId) {
        return milestones.get(milestoneId).map(document -> document.getString("title"));
    }

    void rememberMilestone(String milestoneId, String title) {
        milestones.put(new Document("_id", milestoneId).append("title", title));
    }

    Optional<TimelineSummaries.InputName> input(String inputId) {
        return inputs.get(inputId)
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
        return tradeoffs.get(tradeoffId).map(document -> document.getString("title"));
    }

    void rememberTradeoffTitle(String tradeoffId, String title, long position) {
        rememberLatest(tradeoffs, new Document("_id", tradeoffId).append("title", title), position);
    }

    void clear() {
        entries.clear();
        cycles.clear();
        titles.clear();
        opportunities.clear();
        milestones.clear();
        inputs.clear();
        tradeoffs.clear();
    }

    /** Stores the document unless what is stored came from a later position. */
    private static void rememberLatest(ViewCollection collection, Document document, long position) {
        Object id = document.get("_id");
        Document current = collection.get(id).orElse(null);
        if (current == null || current.get("position", Number.class).longValue() < position) {
            collection.put(document.append("position", position));
        }
    }
}
