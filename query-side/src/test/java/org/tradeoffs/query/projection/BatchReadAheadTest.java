package org.tradeoffs.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A processor's batch reads the views its events will read with one query, and every read answers what it would
 * have answered on its own: the stored view, nothing for a view not stored, the batch's own write once it made one.
 */
class BatchReadAheadTest {

    record Named(String id) {
    }

    record Unrelated(String id) {
    }

    private final AtomicInteger finds = new AtomicInteger();
    private final InMemoryMongo mongo = new InMemoryMongo(new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (event.getCommandName().equals("find")) {
                finds.incrementAndGet();
            }
        }
    });
    private ViewCollection views;

    @BeforeEach
    void storeTwoViews() {
        views = MongoViewStore.plain(mongo.database()).collection("views");
        views.put(new Document("_id", "a").append("n", 1));
        views.put(new Document("_id", "c").append("n", 3));
    }

    @AfterEach
    void close() {
        mongo.close();
    }

    @Test
    void aBatchReadsItsEventsViewsWithOneQueryAndEachReadAnswersAsOnItsOwn() {
        List<String> answers = handle(List.of(event(1, new Named("a")), event(2, new Named("b")),
                event(3, new Unrelated("c")), event(4, new Named("c")), event(5, new Named("a"))));

        assertThat(answers).containsExactly("a=1", "b=none", "c=3", "a=10");
        assertThat(finds).as("find requests for the batch").hasValue(1);
        assertThat(views.get("a")).map(document -> document.get("n")).contains(10);
    }

    @Test
    void aBatchOfOneEventReadsAsBefore() {
        assertThat(handle(List.of(event(7, new Named("c"))))).containsExactly("c=3");
        assertThat(finds).hasValue(1);
    }

    @Test
    void outsideABatchNothingIsReadAhead() {
        BatchReadAhead.views(views, Named.class, (event, position) -> event.id());
        assertThat(views.get("a")).isPresent();
        assertThat(finds).as("only the read itself").hasValue(1);
    }

    /**
     * Handles the events as one batch the way a projection does: read ahead, read the event's view, then store it with
     * n = 10. Answers "id=n" (or "id=none") per Named event, as read before the event's own write.
     */
    private List<String> handle(List<TrackedEventMessage<?>> batch) {
        finds.set(0);
        List<String> answers = new ArrayList<>();
        new BatchingUnitOfWork<>(batch).executeWithResult(() -> {
            WriteBatch.open();
            if (CurrentUnitOfWork.get().getMessage().getPayload() instanceof Named named) {
                BatchReadAhead.views(views, Named.class, (event, position) -> event.id());
                Optional<Document> read = views.get(named.id());
                answers.add(named.id() + "=" + read.map(document -> document.get("n")).orElse("none"));
                views.put(new Document("_id", named.id()).append("n", 10));
            }
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        WriteBatch.flushOpen();
        return answers;
    }

    private static TrackedEventMessage<?> event(long position, Object payload) {
        return new GenericTrackedEventMessage<>(Tokens.at(position), GenericEventMessage.asEventMessage(payload));
    }
}
