package org.tradeoffs.eventstore;

import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteConcernResult;
import com.mongodb.bulk.WriteConcernError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.tradeoffs.eventstore.TestStore.deposited;
import static org.tradeoffs.eventstore.TestStore.readFrom;

/**
 * An append whose insert fails on its way, the outcome unknown to the driver (the connection lost after the request
 * went out, a write concern not confirmed): the append answers what the store holds. Here the insert into the events
 * collection is made to fail that way once, after the store applied it or before it reached the store.
 */
class UncertainAppendTest {

    private final TestStore store = new TestStore();
    private final ExecutorService writers = Executors.newFixedThreadPool(3);
    /** What the next insert into the events collection does; null: it is applied and answered. */
    private volatile Fault next;
    /** What the next insert of several commits at once does; null: it is applied and answered. */
    private volatile Fault nextGroup;
    /** Set: the next insert waits for it first. */
    private volatile CountDownLatch held;
    private final OrderedMongoEventStorageEngine engine = engineOverFaultyEvents();

    private enum Fault { APPLIED_THEN_LOST, APPLIED_THEN_UNCONFIRMED, LOST_BEFORE_APPLIED }

    @AfterEach
    void close() throws InterruptedException {
        writers.shutdownNow();
        assertThat(writers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        store.close();
    }

    @Test
    void anAppendStoredBeforeTheConnectionWasLostIsAcknowledgedOnce() {
        next = Fault.APPLIED_THEN_LOST;
        engine.appendEvents(List.of(deposited("a", 0)));
        engine.appendEvents(List.of(deposited("a", 1)));

        List<TrackedEventMessage<?>> read = readFrom(engine, null);
        assertThat(read).extracting(TestStore::positionOf).containsExactly(1L, 2L);
        assertThat(read).extracting(TestStore::sequenceOf).containsExactly(0L, 1L);
    }

    @Test
    void anAppendStoredWhoseWriteConcernWasNotConfirmedIsAcknowledged() {
        next = Fault.APPLIED_THEN_UNCONFIRMED;
        engine.appendEvents(List.of(deposited("a", 0)));

        assertThat(readFrom(engine, null)).extracting(TestStore::sequenceOf).containsExactly(0L);
    }

    @Test
    void anAppendLostBeforeTheStoreHadItFailsAndCanBeRetriedWithoutAHole() {
        next = Fault.LOST_BEFORE_APPLIED;
        assertThatThrownBy(() -> engine.appendEvents(List.of(deposited("a", 0))))
                .isInstanceOf(MongoSocketReadException.class);

        engine.appendEvents(List.of(deposited("a", 0)));

        // a reader does not wait for the failed append's position (it would stop before a hole)
        List<TrackedEventMessage<?>> read = readFrom(engine, null);
        assertThat(read).extracting(TestStore::positionOf).containsExactly(2L);
        assertThat(read).extracting(TestStore::aggregateOf).containsExactly("a");
    }

    @Test
    void appendsStoredTogetherBeforeTheConnectionWasLostAreAllAcknowledged() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        held = release;
        Future<?> first = writers.submit(() -> engine.appendEvents(List.of(deposited("a", 0))));
        await().atMost(Duration.ofSeconds(10)).until(() -> held == null); // the first insert waits in the store's way
        Future<?> second = writers.submit(() -> engine.appendEvents(List.of(deposited("b", 0))));
        Future<?> third = writers.submit(() -> engine.appendEvents(List.of(deposited("c", 0))));
        // both wait for the first group to be written, so they are stored together, in one insert
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingThreads() == 2);
        nextGroup = Fault.APPLIED_THEN_LOST;
        release.countDown();

        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        third.get(10, TimeUnit.SECONDS);
        assertThat(nextGroup).as("the two waiting appends were inserted together, and that insert failed").isNull();
        assertThat(readFrom(engine, null)).extracting(TestStore::aggregateOf).containsExactlyInAnyOrder("a", "b", "c");
    }

    /** Writer threads waiting in the engine for a group to be written. */
    private long waitingThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getState() == Thread.State.WAITING)
                .filter(thread -> Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getClassName().equals(JoinedWrites.class.getName())))
                .count();
    }

    private OrderedMongoEventStorageEngine engineOverFaultyEvents() {
        MongoDatabase database = proxy(MongoDatabase.class, (method, args) -> {
            Object result = invoke(method, store.database, args);
            return method.getName().equals("getCollection") && "events".equals(args[0])
                    ? faulty((MongoCollection<?>) result) : result;
        });
        OrderedMongoEventStorageEngine built = store.engineBuilder(100).database(database).build();
        built.ensureIndexes();
        return built;
    }

    private MongoCollection<?> faulty(MongoCollection<?> events) {
        return proxy(MongoCollection.class, (method, args) -> {
            if (!method.getName().startsWith("insert")) {
                return invoke(method, events, args);
            }
            CountDownLatch wait = held;
            if (wait != null) {
                held = null;
                wait.await(10, TimeUnit.SECONDS);
            }
            Fault fault;
            if (method.getName().equals("insertMany") && nextGroup != null) {
                fault = nextGroup;
                nextGroup = null;
            } else {
                fault = next;
                next = null;
            }
            if (fault == Fault.LOST_BEFORE_APPLIED) {
                throw lost();
            }
            Object result = invoke(method, events, args);
            if (fault == Fault.APPLIED_THEN_LOST) {
                throw lost();
            }
            if (fault == Fault.APPLIED_THEN_UNCONFIRMED) {
                throw new MongoWriteConcernException(new WriteConcernError(64, "WriteConcernFailed",
                        "waiting for replication timed out", new BsonDocument()),
                        WriteConcernResult.acknowledged(1, false, null), new ServerAddress());
            }
            return result;
        });
    }

    private static MongoSocketReadException lost() {
        return new MongoSocketReadException("Prematurely reached end of stream", new ServerAddress());
    }

    private interface Call {
        Object call(Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Call call) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> call.call(method, args));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
