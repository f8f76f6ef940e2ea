package org.tradeoffs.benchmark.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.tradeoffs.benchmark.Options;
import org.tradeoffs.benchmark.Results;
import org.tradeoffs.benchmark.Section;
import org.tradeoffs.eventstore.OrderedMongoEventStorageEngine;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityProposed;

/**
 * Live collaboration (issue #5): commands per second through HTTP, command-response-to-STOMP-frame latency under a
 * steady command rate with many subscribed sessions, the most sessions one query-side instance holds with broadcast
 * p95 under 500 ms, the time to catch up a 10,000-change gap, and the raw driver insert rate of the same store, against
 * the product started as {@code ./run.sh} starts it (see {@link Product}): the command side with the embedded MongoDB
 * (journal on disk) in this JVM, beside the clients, and the query side in its own.
 */
public final class LiveCollaborationBenchmark implements Section {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final String REQUESTS_BY_KIND =
            "by command and collection (both services, and the benchmark's few reads of the token store)";
    /**
     * Seconds of a broadcast run's command rate applied before its clock starts, so that a run measures that rate's
     * steady state rather than the seconds after its sessions opened at once: what opening them made (their buffers,
     * queues and subscriptions on both ends) is new to the garbage collector, which copies it at its first young
     * collections. In five GC logs of the latency phase without it (2026-12-02), its first one or two collections
     * paused 51-74 ms, the later ones 17-50 ms.
     */
    private static final int LEAD_IN = 5;

    @Override
    public String name() {
        return "live";
    }

    @Override
    public String description() {
        return "commands/s (1 and 8 HTTP clients), STOMP latency with 1,000 sessions at 100 commands/s, "
                + "most sessions with p95 < 500 ms, 10,000-change catch-up, raw driver insert rate";
    }

    @Override
    public void run(Options options, Results results) throws Exception {
        try (Product product = Product.start()) {
            results.header("store", "embedded MongoDB (mongo-java-server in memory with its journal, written to the"
                    + " file before an event-store write answers) and the command side in this JVM, the query side in"
                    + " its own, as ./run.sh runs them");
            results.header("the query side's JVM", "options " + QuerySideProcess.javaOpts());
            CommandClient client = new CommandClient(product.commandUrl(), product.queryUrl());
            progress("raw driver inserts, 1 and 8 threads");
            double raw1 = rawInserts(product, 1, 3_000);
            double raw8 = rawInserts(product, 8, 3_000);

            progress("warm-up: " + options.warmUp() + " s of commands with 8 client threads, " + options.sessions()
                    + " sessions");
            double warm = warmUp(product, client, options);
            results.info("warm-up, not counted: " + options.warmUp() + " s of commands with 8 client threads, "
                    + options.sessions() + " sessions following them", Results.count(warm) + " commands/s");
            progress("rehearsal, not counted: the measured phases once (1 and 8 client threads, latency)");
            rehearse(product, client, options);
            String jitAtStart = JitQueue.c2Waiting();
            String cycle = client.openCycle();
            progress("commands with 1 client thread, " + options.seconds() + " s");
            double one = throughput(client, cycle, 1, options.seconds());
            waitForProjections(product);
            progress("commands with 8 client threads, " + options.seconds() + " s");
            ProcessCpu eightCpu = ProcessCpu.start(product.mongo::imageWritingNanos, product.query);
            StoreRequests eightRequests = StoreRequests.start(product.mongo::requestCounts);
            double eight = throughput(client, cycle, 8, options.seconds());
            String eightCpuPerCommand = eightCpu.per(eight * options.seconds());
            String eightCpuPerSecond = eightCpu.perSecond();
            String eightCpuByThread = eightCpu.byThread();
            long backlog = waitForProjections(product);
            String eightCpuWithProjections = eightCpu.per(eight * options.seconds());
            String eightRequestsWithProjections = eightRequests.per(eight * options.seconds());
            results.info("methods waiting for the JIT's optimizing compiler (C2) after the warm-up / after the "
                    + "8-thread phase", jitAtStart + " / " + JitQueue.c2Waiting());
            results.target("commands/s through HTTP, 1 client thread", Results.count(one), "", one > 0);
            results.target("commands/s through HTTP, 8 client threads", Results.count(eight), ">= 1,000",
                    eight >= 1_000);
            results.info("raw driver inserts/s on the same store, 1 thread / 8 threads",
                    Results.count(raw1) + " / " + Results.count(raw8));
            results.info("our commands/s as a share of raw inserts/s (8 threads)",
                    String.format(Locale.ROOT, "%.1f%%", 100 * eight / raw8));
            results.info("CPU both JVMs used in that phase, per command / per second; their GC pauses",
                    eightCpuPerCommand + " / " + eightCpuPerSecond);
            results.info("that CPU by thread, ms per second", eightCpuByThread);
            results.info("time every projection then took to reach the last of those commands",
                    Results.duration(backlog));
            results.info("CPU per command counted until then (the projections' work left after the phase included)",
                    eightCpuWithProjections);
            results.info("store requests per command counted until then, " + REQUESTS_BY_KIND,
                    eightRequestsWithProjections);

            progress("latency: " + options.sessions() + " sessions, 100 commands/s for " + options.seconds() * 2
                    + " s after " + LEAD_IN + " s unmeasured");
            String latencyCycle = client.openCycle();
            Latency latency = broadcast(product, client, latencyCycle, options.sessions(), 100, options.seconds() * 2);
            results.target("response-to-frame latency p50 / p95 / p99, " + options.sessions()
                            + " sessions, 100 commands/s", latency.describe(), "p99 <= 100 ms",
                    latency.p99() <= 100 && latency.missing == 0);
            results.info("frames missing / sessions dropped in that run", latency.missing + " / " + latency.dropped);
            results.info("per command: response to the first session's frame p50 / p99; first to last session's "
                    + "p50 / p99", latency.firstAndSpread());
            results.info("CPU both JVMs used while those commands were sent and their frames arrived; "
                    + "their GC pauses", latency.cpu());
            results.info("that CPU by thread, ms per second", latency.cpuByThread());
            results.info("store requests per command in that phase, " + REQUESTS_BY_KIND,
                    latency.storeRequests());

            int most = mostSessions(product, client, options.maxSessions(), results);
            results.target("most sessions on one query-side instance with broadcast p95 < 500 ms",
                    most >= options.maxSessions() ? ">= " + Results.count(most) : Results.count(most), ">= 2,000",
                    most >= 2_000);

            progress("catch-up of a 10,000-change gap");
            String gap = "catch-up of a 10,000-change gap (STOMP since-position)";
            try {
                long catchUp = catchUp(product, client, 10_000);
                results.target(gap, Results.duration(catchUp), "<= 1 s", catchUp <= SECOND);
            } catch (IllegalStateException e) {
                results.target(gap, "failed: " + e.getMessage(), "<= 1 s", false);
            }
            long rest = restCatchUp(product, client);
            results.info("the same gap through GET /changes (pages of 1,000)", Results.duration(rest));
        }
    }

    /** What the run is doing now, on stderr: the table comes only at the end, minutes later. */
    private static void progress(String what) {
        System.err.println("benchmark live, " + LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS) + " UTC: "
                + what);
    }

    // ---------------------------------------------------------------- raw driver

    /** Inserts of ~1 KB documents with the plain driver into a scratch collection of the same store. */
    private static double rawInserts(Product product, int threads, int total) throws Exception {
        try (MongoClient mongo = MongoClients.create(product.mongo.connectionString("tradeoffs"))) {
            MongoCollection<Document> scratch = mongo.getDatabase("tradeoffs").getCollection("benchmark_raw_inserts");
            String padding = "x".repeat(900);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < total; n = next.getAndIncrement()) {
                        scratch.insertOne(new Document("_id", UUID.randomUUID().toString()).append("n", n)
                                .append("padding", padding));
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            long elapsed = System.nanoTime() - start;
            pool.shutdown();
            scratch.drop();
            return Results.perSecond(total, elapsed);
        }
    }

    // ---------------------------------------------------------------- commands/s

    /**
     * Commands with 8 client threads for the warm-up's seconds, in a cycle of their own whose priorities topic the
     * latency phase's number of sessions follows: the JIT compiles the command, projection and push paths before
     * anything is measured. Ends once every projection has caught up.
     */
    private static double warmUp(Product product, CommandClient client, Options options) throws Exception {
        String cycle = client.openCycle();
        try (StompSessions stomp = new StompSessions(product.stompUrl(), "designer")) {
            stomp.open(options.sessions(), "/topic/cycles/" + cycle + "/priorities", -1, (session, position, now) -> {
            });
            double rate = throughput(client, cycle, 8, options.warmUp());
            waitForProjections(product);
            return rate;
        }
    }

    /**
     * The 1-thread, 8-thread and latency phases once, unmeasured, after the warm-up. Each change of load (subscribers
     * or none, one client thread or eight) made the JIT compile again what it had compiled for the warm-up: without
     * this, its compiler threads were busy for 390-1,330 ms per second during the 8-thread phase.
     */
    private static void rehearse(Product product, CommandClient client, Options options) throws Exception {
        String cycle = client.openCycle();
        throughput(client, cycle, 1, options.seconds());
        waitForProjections(product);
        throughput(client, cycle, 8, options.seconds());
        waitForProjections(product);
        broadcast(product, client, client.openCycle(), options.sessions(), 100, options.seconds() * 2);
        waitForProjections(product);
    }

    private static double throughput(CommandClient client, String cycle, int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        LongAdder done = new LongAdder();
        AtomicInteger numbers = new AtomicInteger();
        long end = System.nanoTime() + seconds * SECOND;
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    client.proposePriority(cycle, numbers.incrementAndGet());
                    done.increment();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        return Results.perSecond(done.sum(), elapsed);
    }

    /**
     * Waits until every tracking processor has reached the event log's head, so that a measured phase does not start
     * while processors still work off the one before; answers how long that took (nanoseconds).
     */
    private static long waitForProjections(Product product) throws InterruptedException {
        return waitUntilReached(product, product::slowestProcessorPosition);
    }

    private static void waitForBoard(Product product) throws InterruptedException {
        waitUntilReached(product, product::boardPosition);
    }

    /** Waits (at most 300 s) until {@code reached} is at the event log's head as of now; answers how long it took. */
    private static long waitUntilReached(Product product, LongSupplier reached) throws InterruptedException {
        long start = System.nanoTime();
        long head = product.headPosition();
        long deadline = start + 300 * SECOND;
        while (reached.getAsLong() < head && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return System.nanoTime() - start;
    }

    // ---------------------------------------------------------------- broadcast latency

    /** Latencies in ms over every (command, session) pair; frames that never came are counted, not measured. */
    record Latency(double[] sortedMillis, long missing, int dropped, String cpu, String cpuByThread,
            String storeRequests, double[] firstMillis, double[] spreadMillis) {

        double percentile(double p) {
            return percentile(sortedMillis, p);
        }

        static double percentile(double[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }

        /** Per command: to the first session's frame, and from it to the last session's, p50 / p99 of each. */
        String firstAndSpread() {
            return String.format(Locale.ROOT, "%.0f / %.0f ms; %.0f / %.0f ms", percentile(firstMillis, 50),
                    percentile(firstMillis, 99), percentile(spreadMillis, 50), percentile(spreadMillis, 99));
        }

        double p95() {
            return percentile(95);
        }

        double p99() {
            return percentile(99);
        }

        String describe() {
            return String.format(Locale.ROOT, "%.0f / %.0f / %.0f ms", percentile(50), p95(), p99());
        }
    }

    /**
     * Opens {@code sessions} sessions on the cycle's priorities topic, applies {@code rate} commands a second for
     * {@link #LEAD_IN} seconds unmeasured and then for {@code seconds}, and measures, for every command of those
     * seconds and every session, from the moment the command's response arrived to the moment that session got the
     * frame of the command's position (0 when the frame came first).
     */
    private static Latency broadcast(Product product, CommandClient client, String cycle, int sessions, int rate,
            int seconds) throws Exception {
        try (StompSessions stomp = new StompSessions(product.stompUrl(), "designer")) {
            int commands = rate * seconds;
            int leadIn = rate * LEAD_IN;
            Arrivals arrivals = new Arrivals(leadIn + commands + 1, sessions); // and the probe's
            AtomicLongArray lastSeen = new AtomicLongArray(sessions);
            stomp.open(sessions, "/topic/cycles/" + cycle + "/priorities", -1, (session, position, now) -> {
                arrivals.record(position, session, now);
                lastSeen.lazySet(session, position);
            });
            // every subscription is in place once every session has the frame of one command sent before the clock
            long probe = client.proposePriority(cycle, -1).position();
            awaitEverySession(arrivals, probe, sessions, 30);
            Map<Long, Long> responses = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            long start = apply(pool, client, cycle, rate, 0, leadIn, System.nanoTime(), null);
            ProcessCpu cpu = ProcessCpu.start(product.mongo::imageWritingNanos, product.query);
            StoreRequests requests = StoreRequests.start(product.mongo::requestCounts);
            ScheduledExecutorService tracer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "latency-trace");
                thread.setDaemon(true);
                return thread;
            });
            tracer.scheduleAtFixedRate(() -> trace(product, responses, lastSeen), 1, 1, TimeUnit.SECONDS);
            apply(pool, client, cycle, rate, leadIn, commands, start, responses);
            pool.shutdown();
            awaitFrames(arrivals, responses.keySet(), sessions, 30);
            String cpuPerSecond = cpu.perSecond();
            String cpuByThread = cpu.byThread();
            String storeRequests = requests.per(commands);
            tracer.shutdownNow();
            double[] millis = new double[responses.size() * sessions];
            double[] first = new double[responses.size()];
            double[] spread = new double[responses.size()];
            int count = 0;
            int commandsSeen = 0;
            long missing = 0;
            for (Map.Entry<Long, Long> response : responses.entrySet()) {
                long earliest = Long.MAX_VALUE;
                long latest = Long.MIN_VALUE;
                for (int s = 0; s < sessions; s++) {
                    long at = arrivals.at(response.getKey(), s);
                    if (at == 0) {
                        missing++;
                    } else {
                        millis[count++] = Math.max(0, at - response.getValue()) / 1e6;
                        earliest = Math.min(earliest, at);
                        latest = Math.max(latest, at);
                    }
                }
                if (earliest != Long.MAX_VALUE) {
                    first[commandsSeen] = Math.max(0, earliest - response.getValue()) / 1e6;
                    spread[commandsSeen++] = (latest - earliest) / 1e6;
                }
            }
            double[] measured = Arrays.copyOf(millis, count);
            Arrays.sort(measured);
            double[] firstSorted = Arrays.copyOf(first, commandsSeen);
            Arrays.sort(firstSorted);
            double[] spreadSorted = Arrays.copyOf(spread, commandsSeen);
            Arrays.sort(spreadSorted);
            return new Latency(measured, missing, stomp.closedByServer(), cpuPerSecond, cpuByThread, storeRequests,
                    firstSorted, spreadSorted);
        }
    }

    /**
     * Sends {@code count} commands at {@code rate} a second, numbered from {@code first}, the first due at
     * {@code start}, each from one of the pool's threads, and waits for their responses; records when each was
     * answered, by its position, unless {@code responses} is null. Answers when the next command would be due, so that
     * the rate can go on from there.
     */
    private static long apply(ExecutorService pool, CommandClient client, String cycle, int rate, int first, int count,
            long start, Map<Long, Long> responses) throws Exception {
        List<Future<?>> sent = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            long wait = start + n * SECOND / rate - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int number = first + n;
            sent.add(pool.submit(() -> {
                long position = client.proposePriority(cycle, number).position();
                if (responses != null) {
                    responses.put(position, System.nanoTime());
                }
                return null;
            }));
        }
        for (Future<?> command : sent) {
            command.get();
        }
        return start + count * SECOND / rate;
    }

    /**
     * On stderr, where the pipeline stands: the newest command answered, how far the priority board's processor got,
     * up to where the live feed queued frames, and the newest and oldest last frame among the sessions. When the
     * latency grows, it shows which stage lags.
     */
    private static void trace(Product product, Map<Long, Long> responses, AtomicLongArray lastSeen) {
        long newest = Long.MIN_VALUE;
        long oldest = Long.MAX_VALUE;
        for (int s = 0; s < lastSeen.length(); s++) {
            newest = Math.max(newest, lastSeen.get(s));
            oldest = Math.min(oldest, lastSeen.get(s));
        }
        long answered = responses.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        progress("latency phase: newest command answered " + answered + ", board at " + product.boardPosition()
                + ", sessions' last frames " + oldest + " to " + newest);
    }

    private static void awaitEverySession(Arrivals arrivals, long position, int sessions, int timeoutSeconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * SECOND;
        while (System.nanoTime() < deadline) {
            int missing = 0;
            for (int s = 0; s < sessions && missing == 0; s++) {
                missing += arrivals.at(position, s) == 0 ? 1 : 0;
            }
            if (missing == 0) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static void awaitFrames(Arrivals arrivals, Set<Long> positions, int sessions, int timeoutSeconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * SECOND;
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (Long position : positions) {
                if (arrivals.at(position, sessions - 1) == 0) {
                    all = false;
                    break;
                }
            }
            if (all) {
                Thread.sleep(200); // the last session's frame is in: give the others a moment too
                return;
            }
            Thread.sleep(50);
        }
    }

    // ---------------------------------------------------------------- most sessions

    /** Adds sessions in steps of 1,000 while 10 commands/s for 5 s keep broadcast p95 under 500 ms. */
    private static int mostSessions(Product product, CommandClient client, int limit, Results results)
            throws Exception {
        int best = 0;
        for (int sessions = 1_000; sessions <= limit; sessions += 1_000) {
            String cycle = client.openCycle();
            progress("most sessions: " + Results.count(sessions) + " sessions, 10 commands/s for 5 s after " + LEAD_IN
                    + " s unmeasured");
            Latency latency = broadcast(product, client, cycle, sessions, 10, 5);
            boolean ok = latency.p95() < 500 && latency.missing == 0;
            results.info(Results.count(sessions) + " sessions, 10 commands/s: p50 / p95 / p99", latency.describe()
                    + (latency.missing == 0 ? "" : ", " + latency.missing + " frames missing"));
            if (!ok) {
                break;
            }
            best = sessions;
        }
        return best;
    }

    // ---------------------------------------------------------------- catch-up

    private long gapStart;
    private String gapCycle;

    /**
     * Stores {@code changes} priority proposals in one cycle straight into the event store (100 per commit), waits
     * for the board to project them, then times a new session subscribing with since-position before the gap until
     * it has received all of them.
     */
    private long catchUp(Product product, CommandClient client, int changes) throws Exception {
        String[] opened = client.openCycleOfNewDistrict();
        String district = opened[0];
        gapCycle = opened[1];
        waitForBoard(product);
        gapStart = product.headPosition();
        OrderedMongoEventStorageEngine store = product.command.getBean(OrderedMongoEventStorageEngine.class);
        for (int from = 0; from < changes; from += 100) {
            List<EventMessage<?>> commit = new ArrayList<>();
            for (int n = from; n < Math.min(changes, from + 100); n++) {
                String priority = UUID.randomUUID().toString();
                commit.add(new GenericDomainEventMessage<>("Priority", priority, 0, new PriorityProposed(priority,
                        gapCycle, district, new PriorityDetails("Gap priority " + n, "Stored for the catch-up benchmark",
                        "Measured", Fundability.ACTION, CostSplit.allUnallocated(new BigDecimal("1000.00")), null),
                        "designer")));
            }
            store.appendEvents(commit);
        }
        waitForBoard(product);
        AtomicInteger received = new AtomicInteger();
        long start = System.nanoTime();
        try (StompSessions stomp = new StompSessions(product.stompUrl(), "designer")) {
            stomp.open(1, "/topic/cycles/" + gapCycle + "/priorities", gapStart,
                    (session, position, now) -> received.incrementAndGet());
            long deadline = start + 120 * SECOND;
            while (received.get() < changes && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        if (received.get() < changes) {
            throw new IllegalStateException("catch-up delivered " + received.get() + " of " + changes + " changes");
        }
        return System.nanoTime() - start;
    }

    /** The same gap read through the REST endpoint, page by page. */
    private long restCatchUp(Product product, CommandClient client) throws Exception {
        long start = System.nanoTime();
        long after = gapStart;
        int count = 0;
        while (true) {
            JsonNode page = client.get("designer", "/api/cycles/" + gapCycle + "/changes?topics=priorities&after="
                    + after + "&limit=1000");
            count += page.path("changes").size();
            after = page.path("next").asLong();
            if (!page.path("hasMore").asBoolean()) {
                break;
            }
        }
        long elapsed = System.nanoTime() - start;
        if (count < 10_000) {
            throw new IllegalStateException("GET /changes listed " + count + " changes of the gap");
        }
        return elapsed;
    }
}
