package org.tradeoffs.benchmark.audit;

import static org.tradeoffs.benchmark.Results.count;
import static org.tradeoffs.benchmark.Results.duration;
import static org.tradeoffs.benchmark.Results.perSecond;
import static org.tradeoffs.benchmark.Results.rate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.bson.Document;
import org.tradeoffs.benchmark.Options;
import org.tradeoffs.benchmark.Results;
import org.tradeoffs.benchmark.Section;
import org.tradeoffs.benchmark.Warnings;
import org.tradeoffs.eventstore.EmbeddedMongo;
import org.tradeoffs.eventstore.EventStoreAutoConfiguration;
import org.tradeoffs.eventstore.OrderedMongoEventStorageEngine;
import org.tradeoffs.eventstore.TradeoffsMongoProperties;
import org.tradeoffs.query.asof.AsOf;
import org.tradeoffs.query.audit.AuditChainProjection;
import org.tradeoffs.query.audit.AuditLog;
import org.tradeoffs.query.audit.AuditVerification;
import org.tradeoffs.query.audit.SealRepository;
import org.tradeoffs.query.audit.StoredEvents;
import org.tradeoffs.query.priorities.PriorityView;
import org.tradeoffs.query.projection.MemoryViewStore;
import org.tradeoffs.query.projection.MongoViewStore;
import org.tradeoffs.query.readmodel.EventReplay;
import org.tradeoffs.query.readmodel.Generations;
import org.tradeoffs.query.readmodel.ReadModel;
import org.tradeoffs.query.readmodel.ReadModels;
import org.tradeoffs.query.tradeoffs.Balance;

/**
 * The auditor-replay benchmark (issue #6): over one generated store on the embedded MongoDB the product starts by
 * default, how fast the read models rebuild from the events (next to how fast the plain driver reads the same
 * collection), how fast the hash chains verify, and how long an as-of query at the middle of the store takes.
 *
 * <p>Everything is built as the product builds it, without Spring: the event storage engine with the stored-event
 * serializer and the upcaster chain, {@link EventReplay} feeding the query side's own projections into
 * {@link MemoryViewStore}s and then {@link MongoViewStore#insert} into new collections (what an administrator's
 * rebuild does before it switches over), the {@link AuditChainProjection} sealer, {@link AuditLog#verify} and
 * {@link AsOf}. Nothing is cached between measured runs except what the product caches itself (AsOf keeps its last
 * positions; the database has its own page cache), and the rows say so.
 */
public final class AuditReplayBenchmark implements Section {

    private static final int[] SWEPT_BATCH_SIZES = {100, 250, 500, 1000, 2000, 5000};
    private static final int RAW_RUNS = 3;
    /**
     * Commit documents per reply of the raw read: mongo-java-server ignores MongoDB's 16 MB reply limit and answers
     * an unbounded find in one reply, which the driver refuses beyond 48 MB.
     */
    private static final int RAW_BATCH = 1000;
    private static final int VERIFY_RUNS = 3;
    /**
     * Verifies run and printed before the measured ones: the first few run while the JIT still compiles the walk's
     * code (canonical JSON, decoding, the store's side) and are up to half as fast as the ones after.
     */
    private static final int VERIFY_WARM_UPS = 3;
    /** Each read model's rebuild is measured so many times, as the raw read it is compared with. */
    private static final int REBUILD_RUNS = 3;
    /** As {@code Rebuilds}. */
    private static final int INSERT_BATCH = 1000;
    private static final double REBUILD_TARGET = 20_000;
    private static final double REBUILD_SHARE_OF_RAW = 0.5;
    private static final double VERIFY_TARGET = 100_000;
    private static final long AS_OF_TARGET_NANOS = 1_000_000_000L;

    private final PrintStream log = System.err;

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String description() {
        return "auditor replay: read-model rebuild, hash-chain verify and as-of queries over a generated store";
    }

    @Override
    public void run(Options options, Results results) throws Exception {
        Path directory = Files.createTempDirectory("tradeoffs-benchmark-");
        try (Warnings warnings = Warnings.count();
             EmbeddedMongo mongo = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(mongo.connectionString("tradeoffs"))) {
            results.header("store", "embedded MongoDB as `./run.sh` starts it by default: mongo-java-server "
                    + mongoJavaServerVersion() + " in memory with its journal (written to the file before an"
                    + " event-store write answers) in a fresh temporary directory, over the loopback wire protocol");
            log.println("Store: " + mongo.connectionString("tradeoffs") + ", files in " + directory);
            new Run(options, results, warnings, client.getDatabase("tradeoffs")).measure();
        } finally {
            deleteRecursively(directory);
        }
    }

    /** One run over one store: every measurement shares it. */
    private final class Run {

        private final Options options;
        private final Results results;
        private final Warnings warnings;
        private final MongoDatabase database;
        private final Serializer serializer;
        private final EventUpcasterChain upcasters;
        private final TradeoffsMongoProperties defaults = new TradeoffsMongoProperties();
        private int generation;

        Run(Options options, Results results, Warnings warnings, MongoDatabase database) {
            this.options = options;
            this.results = results;
            this.warnings = warnings;
            this.database = database;
            EventStoreAutoConfiguration wiring = new EventStoreAutoConfiguration();
            RevisionResolver revisions = wiring.revisionResolver();
            this.serializer = wiring.eventSerializer(revisions);
            this.upcasters = new EventUpcasterChain(wiring.priorityCostSplitUpcaster());
        }

        /** The event storage engine as {@code EventStoreAutoConfiguration} builds it, with this batch size. */
        private OrderedMongoEventStorageEngine engine(int batchSize) {
            return OrderedMongoEventStorageEngine.builder()
                    .database(database)
                    .holeTimeout(defaults.getEventStore().getHoleTimeout())
                    .batchSize(batchSize)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .upcasterChain(upcasters)
                    .build();
        }

        void measure() {
            int events = options.events();
            History history = new History(options.seed(), options.districts());
            History.Census middle = new History.Census(events / 2);
            History.Census threeQuarters = new History.Census(events * 3L / 4);
            step("generating " + count(events) + " events");
            generate(history, middle, threeQuarters);
            warnings.requireNone("generation");

            step("warm-up");
            warmUp(Math.min(events, 20_000));
            warnings.requireNone("the warm-up");
            step("raw driver reads");
            long raw = rawRead(events);
            step("engine reads by batch size");
            int batchSize = chooseBatchSize(events);
            OrderedMongoEventStorageEngine engine = engine(batchSize);
            EventReplay replay = new EventReplay(engine);
            long head = replay.headPosition();
            if (head != events) {
                throw new IllegalStateException("the store's head is " + head + ", not " + events);
            }
            step("engine reads: messages, payloads");
            readLevels(replay, head);

            rebuilds(replay, head, raw, batchSize, history);

            verify(replay, history, head);
            warnings.requireNone("sealing and verifying");

            step("as-of queries");
            asOf(replay, engine, middle, threeQuarters);
            warnings.requireNone("the as-of queries");
        }

        /** Each read model alone, then all six in one pass (checked against the history), as an administrator's. */
        private void rebuilds(EventReplay replay, long head, long raw, int batchSize, History history) {
            for (ReadModel model : ReadModel.values()) {
                step("rebuild " + model.id());
                List<Rebuilt> runs = new ArrayList<>();
                for (int run = 0; run < REBUILD_RUNS; run++) {
                    runs.add(rebuild(replay, head, List.of(model)));
                }
                warnings.requireNone("the rebuild of " + model.id());
                rebuildRow("rebuild `" + model.id() + "` (best of " + REBUILD_RUNS + ": "
                        + String.join(", ", runs.stream().map(run -> Results.count(run.rate())).toList()) + ")",
                        runs.stream().max(Comparator.comparingDouble(Rebuilt::rate)).orElseThrow(), raw);
            }
            step("rebuild all six");
            Rebuilt all = rebuild(replay, head, List.of(ReadModel.values()));
            warnings.requireNone("the rebuild of all six");
            // informative: an administrator's rebuild is of one read model, and the target is per rebuild
            results.info("rebuild all six read models in one pass (no admin rebuild does this)",
                    rate(all.rate()) + " = " + percent(all.rate() / raw) + " of raw (replay "
                            + duration(all.replayNanos()) + ", bulk write " + duration(all.writeNanos()) + ")");
            check(all.views(), history.expected());
            if (batchSize != defaults.getEventStore().getBatchSize()) {
                step("rebuild all six at the default batch size");
                Rebuilt atDefault = rebuild(new EventReplay(engine(defaults.getEventStore().getBatchSize())), head,
                        List.of(ReadModel.values()));
                results.info("rebuild all six at the product's default batch size "
                                + defaults.getEventStore().getBatchSize(),
                        rate(atDefault.rate()) + " (" + percent(atDefault.rate() / raw) + " of raw)");
            }
            warnings.requireNone("the rebuilds");
        }

        // ------------------------------------------------------------ 3. the store

        private void generate(History history, History.Census... censuses) {
            OrderedMongoEventStorageEngine writer = engine(defaults.getEventStore().getBatchSize());
            writer.ensureIndexes();
            long[] written = {0};
            Map<String, Integer> byAggregate = new TreeMap<>();
            long start = System.nanoTime();
            int commits = history.write(options.events(), commit -> {
                writer.appendEvents(commit);
                commit.forEach(event -> byAggregate.merge(event.getType(), 1, Integer::sum));
                for (History.Census census : censuses) {
                    census.count(commit);
                }
                long before = written[0];
                written[0] += commit.size();
                if (written[0] / 10_000 > before / 10_000) {
                    log.printf(Locale.ROOT, "generated %,d events%n", written[0]);
                }
            });
            long nanos = System.nanoTime() - start;
            List<CycleHistory.Expected> cycles = history.expected();
            results.header("events", count(options.events()) + " in " + count(commits) + " commits; "
                    + history.districts().size() + " district(s), one hash chain each; " + cycles.size()
                    + " planning cycles; generated with seed " + options.seed());
            results.header("events by aggregate", String.join(", ", byAggregate.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .map(type -> type.getKey() + " " + percent((double) type.getValue() / options.events()))
                    .toList()));
            results.info("generate the history and append it through the event storage engine, commit by commit",
                    rate(perSecond(options.events(), nanos)) + " (" + duration(nanos) + ")");
        }

        // ------------------------------------------------------------ 4a. what reading costs

        /** The plain driver reads every commit document of {@code events} and walks its event entries. */
        private long rawRead(int events) {
            List<Double> rates = new ArrayList<>();
            for (int run = 0; run < RAW_RUNS; run++) {
                long start = System.nanoTime();
                long entries = 0;
                for (Document commit : database.getCollection("events").find().batchSize(RAW_BATCH)) {
                    for (Object ignored : commit.getList("events", Document.class)) {
                        entries++;
                    }
                }
                long nanos = System.nanoTime() - start;
                if (entries != events) {
                    throw new IllegalStateException("the raw read found " + entries + " events, not " + events);
                }
                rates.add(perSecond(entries, nanos));
            }
            double best = rates.stream().max(Double::compare).orElseThrow();
            results.info("raw driver read of the `events` collection, " + RAW_BATCH + " commits per reply (best of "
                    + RAW_RUNS + ": "
                    + String.join(", ", rates.stream().map(Results::count).toList()) + ")", "**" + rate(best) + "**");
            return Math.round(best);
        }

        /** Measures the engine's read at several batch sizes (unless one was given) and picks the fastest. */
        private int chooseBatchSize(int events) {
            int productDefault = defaults.getEventStore().getBatchSize();
            if (options.batchSize().isPresent()) {
                results.header("engine batch size", options.batchSize().getAsInt() + " (given; the product's default,"
                        + " `tradeoffs.mongodb.event-store.batch-size`, is " + productDefault + ")");
                return options.batchSize().getAsInt();
            }
            List<String> measured = new ArrayList<>();
            int best = productDefault;
            double bestRate = 0;
            for (int size : SWEPT_BATCH_SIZES) {
                EventReplay replay = new EventReplay(engine(size));
                MessageReader reader = new MessageReader();
                long start = System.nanoTime();
                replay.replay(List.of(reader), events, position -> { });
                double rate = perSecond(reader.count, System.nanoTime() - start);
                measured.add(size + ": " + count(rate));
                if (rate > bestRate) {
                    bestRate = rate;
                    best = size;
                }
            }
            results.info("engine read by batch size (events/s)", String.join("; ", measured));
            results.header("engine batch size", best + " (the fastest measured read above; the product's default,"
                    + " `tradeoffs.mongodb.event-store.batch-size`, is " + productDefault + ")");
            return best;
        }

        /** Where the time of a replay goes before any projection: fetching messages, then their payloads. */
        private void readLevels(EventReplay replay, long head) {
            MessageReader messages = new MessageReader();
            long start = System.nanoTime();
            replay.replay(List.of(messages), head, position -> { });
            long messageNanos = System.nanoTime() - start;
            PayloadReader payloads = new PayloadReader();
            start = System.nanoTime();
            replay.replay(List.of(payloads), head, position -> { });
            long payloadNanos = System.nanoTime() - start;
            results.info("engine read, messages only (EventReplay, no payload deserialized)",
                    rate(perSecond(messages.count, messageNanos)));
            results.info("engine read + upcast + deserialize every payload",
                    rate(perSecond(payloads.count, payloadNanos)));
        }

        /**
         * Runs, unmeasured, what is measured next over the first events: the raw read and the engine's read get the
         * JIT and the database's cache going, the projections their classes loaded and compiled.
         */
        private void warmUp(long upTo) {
            long entries = 0;
            for (Document commit : database.getCollection("events").find().batchSize(RAW_BATCH)) {
                entries += commit.getList("events", Document.class).size();
            }
            List<Object> projections = new ArrayList<>();
            for (ReadModel model : ReadModel.values()) {
                projections.add(model.projection(model.repository(new MemoryViewStore()), ReadModel.SILENT));
            }
            projections.add(new PayloadReader());
            long applied = new EventReplay(engine(defaults.getEventStore().getBatchSize()))
                    .replay(projections, upTo, position -> { });
            log.printf(Locale.ROOT, "warmed up on %,d stored and %,d replayed events%n", entries, applied);
        }

        // ------------------------------------------------------------ 4b. rebuilds

        private record Rebuilt(long events, long replayNanos, long writeNanos, ReadModels views) {

            double rate() {
                return perSecond(events, replayNanos + writeNanos);
            }
        }

        /**
         * As {@code Rebuilds} does before it switches: replay into memory with the same projections, then write the
         * collections in bulk into a new generation. The new collections are dropped afterwards, untimed.
         */
        private Rebuilt rebuild(EventReplay replay, long head, List<ReadModel> models) {
            Map<ReadModel, MemoryViewStore> memory = new EnumMap<>(ReadModel.class);
            List<Object> projections = new ArrayList<>();
            for (ReadModel model : models) {
                MemoryViewStore store = new MemoryViewStore();
                memory.put(model, store);
                projections.add(model.projection(model.repository(store), ReadModel.SILENT));
            }
            int target = ++generation;
            MongoViewStore collections = new MongoViewStore(database,
                    name -> Generations.physicalName(name, target));
            long start = System.nanoTime();
            long applied = replay.replay(projections, head, position -> { });
            long replayed = System.nanoTime();
            memory.values().forEach(store -> store.contents()
                    .forEach((name, documents) -> collections.insert(name, documents, INSERT_BATCH)));
            long written = System.nanoTime();
            collections.drop();
            if (applied != head) {
                throw new IllegalStateException("the replay applied " + applied + " events, not " + head);
            }
            ReadModels views = models.size() == ReadModel.values().length
                    ? ReadModels.over(memory::get) : null;
            return new Rebuilt(applied, replayed - start, written - replayed, views);
        }

        private void rebuildRow(String measure, Rebuilt rebuilt, long raw) {
            double rate = rebuilt.rate();
            double share = rate / raw;
            results.target(measure, rate(rate) + " = " + percent(share) + " of raw (replay "
                            + duration(rebuilt.replayNanos()) + ", bulk write " + duration(rebuilt.writeNanos()) + ")",
                    "≥ " + count(REBUILD_TARGET) + " events/s or ≥ " + percent(REBUILD_SHARE_OF_RAW) + " of raw",
                    rate >= REBUILD_TARGET || share >= REBUILD_SHARE_OF_RAW);
        }

        /** The rebuilt read models show what the generator did: else the history was not valid for them. */
        private void check(ReadModels views, List<CycleHistory.Expected> cycles) {
            List<String> wrong = new ArrayList<>();
            for (CycleHistory.Expected cycle : cycles) {
                String id = cycle.cycleId();
                compare(wrong, id, "priorities", cycle.priorities(), views.priorities().board(id).size());
                compare(wrong, id, "opportunities", cycle.opportunities(), views.savings().opportunities(id).size());
                compare(wrong, id, "inputs", cycle.inputs(), views.inputs().inputs(id).size());
                compare(wrong, id, "packages", cycle.packages(), views.tradeoffs().tradeoffs(id).size());
                compare(wrong, id, "timeline entries", cycle.timeline(),
                        views.timeline().page(id, 0, Integer.MAX_VALUE - 1).entries().size());
                Optional<Balance> balance = views.tradeoffs().balance(id);
                compare(wrong, id, "committed funding", cycle.committed(),
                        balance.map(found -> new BigDecimal(found.committedFunding())).orElse(null));
                compare(wrong, id, "captured savings", cycle.captured(),
                        balance.map(found -> new BigDecimal(found.capturedSavings())).orElse(null));
            }
            if (!wrong.isEmpty()) {
                throw new IllegalStateException("the rebuilt read models do not show the generated history: "
                        + String.join("; ", wrong.subList(0, Math.min(10, wrong.size()))));
            }
            log.println("Rebuilt read models match the generated history of " + cycles.size() + " cycles");
        }

        private void compare(List<String> wrong, String cycleId, String what, Object expected, Object found) {
            boolean same = expected instanceof BigDecimal amount && found instanceof BigDecimal other
                    ? amount.compareTo(other) == 0 : expected.equals(found);
            if (!same) {
                wrong.add("cycle " + cycleId + ": " + what + " " + found + ", expected " + expected);
            }
        }

        // ------------------------------------------------------------ 4c. hash chains

        private void verify(EventReplay replay, History history, long head) {
            StoredEvents stored = new StoredEvents(database);
            SealRepository seals = new SealRepository(database);
            step("sealing");
            long start = System.nanoTime();
            long sealed = replay.replay(List.of(new AuditChainProjection(stored, seals)), head, position -> { });
            long sealNanos = System.nanoTime() - start;
            results.info("sealing: the `audit-chain` projection through EventReplay, one event at a time",
                    rate(perSecond(sealed, sealNanos)) + " (" + duration(sealNanos) + ")");

            step("verifying");
            AuditLog audit = new AuditLog(seals, stored, 1, 1, Duration.ofHours(1)); // one walk at a time, as measured
            List<String> districts = history.districts().stream().map(DistrictHistory::districtId).toList();
            List<Double> warmUps = new ArrayList<>();
            List<Double> rates = new ArrayList<>();
            for (int run = 0; run < VERIFY_WARM_UPS + VERIFY_RUNS; run++) {
                long checked = 0;
                start = System.nanoTime();
                for (String districtId : districts) {
                    AuditVerification verification = audit.verify(districtId);
                    if (!verification.intact()) {
                        throw new IllegalStateException("the chain of district " + districtId + " is not intact: "
                                + verification.reason() + " at position " + verification.firstBadPosition());
                    }
                    checked += verification.checked();
                }
                long nanos = System.nanoTime() - start;
                if (checked != head) {
                    throw new IllegalStateException("verify checked " + checked + " events, not " + head);
                }
                (run < VERIFY_WARM_UPS ? warmUps : rates).add(perSecond(checked, nanos));
            }
            double best = rates.stream().max(Double::compare).orElseThrow();
            results.target("**verify** the " + districts.size() + " chains (intact: yes; best of " + VERIFY_RUNS
                            + ": " + String.join(", ", rates.stream().map(Results::count).toList()) + "; after "
                            + VERIFY_WARM_UPS + " warm-up runs: "
                            + String.join(", ", warmUps.stream().map(Results::count).toList()) + ")",
                    rate(best), "≥ " + count(VERIFY_TARGET) + " events/s", best >= VERIFY_TARGET);
        }

        // ------------------------------------------------------------ 4d. as-of

        private void asOf(EventReplay replay, OrderedMongoEventStorageEngine engine, History.Census middle,
                          History.Census later) {
            AsOf asOf = new AsOf(replay, engine, 4, java.time.Duration.ofMinutes(10));
            long first = timeAsOf(asOf, middle);
            results.target("**as-of at the middle** (position " + count(middle.upTo()) + ", first call, uncached):"
                            + " priority board and balance of its busiest cycle", duration(first),
                    "≤ 1 s", first <= AS_OF_TARGET_NANOS);
            long second = timeAsOf(asOf, later);
            results.info("as-of at another position (" + count(later.upTo()) + ", uncached)", duration(second));
            long cached = timeAsOf(asOf, middle);
            results.info("as-of at the middle again (AsOf's own cache of the last 4 positions)", duration(cached));
        }

        /** One as-of answer: the read models at the position, then a cycle's board and balance from them. */
        private long timeAsOf(AsOf asOf, History.Census census) {
            String cycleId = census.busiestCycle();
            long start = System.nanoTime();
            ReadModels views = asOf.at(census.upTo(), AsOf.Scope.cycle(cycleId));
            List<PriorityView> board = views.priorities().board(cycleId);
            Optional<Balance> balance = views.tradeoffs().balance(cycleId);
            long nanos = System.nanoTime() - start;
            if (board.size() != census.priorities(cycleId) || balance.isEmpty()
                    || balance.get().position() > census.upTo()) {
                throw new IllegalStateException("as of " + census.upTo() + " cycle " + cycleId + " shows "
                        + board.size() + " priorities (expected " + census.priorities(cycleId) + ") and balance "
                        + balance.map(Balance::position).map(String::valueOf).orElse("none"));
            }
            return nanos;
        }

        private void step(String what) {
            log.printf(Locale.ROOT, "%tT %s...%n", System.currentTimeMillis(), what);
        }

        private static String percent(double share) {
            return String.format(Locale.ROOT, "%.0f%%", share * 100);
        }
    }

    /** Touches each event's message only: what reading costs before any payload is deserialized. */
    public static final class MessageReader {

        long count;

        @EventHandler
        public void on(EventMessage<?> event) {
            count++;
        }
    }

    /** Deserializes each event's payload, as every projection's first step does. */
    public static final class PayloadReader {

        long count;

        @EventHandler
        public void on(Object payload) {
            if (payload != null) {
                count++;
            }
        }
    }

    /** The version of mongo-java-server on the class path, from its jar's name (the jar carries no version). */
    private static String mongoJavaServerVersion() {
        try {
            String jar = String.valueOf(MongoServer.class.getProtectionDomain().getCodeSource().getLocation());
            Matcher version = Pattern.compile("mongo-java-server-core-([0-9][\\w.-]*?)\\.jar").matcher(jar);
            return version.find() ? version.group(1) : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
