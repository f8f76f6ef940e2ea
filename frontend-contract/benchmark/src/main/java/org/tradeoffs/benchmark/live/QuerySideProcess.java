package org.tradeoffs.benchmark.live;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The query side in a JVM of its own, started from its jar with the JVM options {@code ./run.sh} gives it, as
 * {@code ./run.sh} and {@code docker/compose.yaml} run it: its heap, its garbage collector and its threads are not the
 * command side's and the store's. Its output goes to a file (shown when it fails to start), and its garbage
 * collector's pauses to a log the benchmark reads ({@link GcLog}).
 */
final class QuerySideProcess implements AutoCloseable {

    /** The query side's jar; {@code ./run.sh benchmark} passes it. */
    static final String JAR_PROPERTY = "tradeoffs.benchmark.query-side-jar";
    /** The query side's JVM options; {@code ./run.sh benchmark} passes those it starts the query side with. */
    static final String JAVA_OPTS_PROPERTY = "tradeoffs.benchmark.query-side-java-opts";
    private static final String DEFAULT_JAVA_OPTS = "-Xmx1g -Daxoniq.update-checker.disabled=true";
    private static final Duration STARTUP = Duration.ofMinutes(3);

    private final Process process;
    private final int port;
    private final Path output;
    private final GcLog gcLog;
    private final Thread killOnExit;

    private QuerySideProcess(Process process, int port, Path output, GcLog gcLog) {
        this.process = process;
        this.port = port;
        this.output = output;
        this.gcLog = gcLog;
        // the benchmark stopped by Ctrl-C or an error must not leave the query side running
        this.killOnExit = new Thread(process::destroyForcibly, "query-side-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts the query side against the store and waits until its health endpoint says UP. */
    static QuerySideProcess start(String mongoUri, Path directory) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "query-side/target/query-side-0.1.0-SNAPSHOT-exec.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The query side's jar " + jar.toAbsolutePath() + " is missing: run the"
                    + " benchmark with ./run.sh benchmark, which builds it, or set -D" + JAR_PROPERTY);
        }
        int port = freePort();
        Path output = directory.resolve("query-side.log");
        Path gc = directory.resolve("query-side-gc.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(javaOpts().split("\\s+")));
        command.add("-Xlog:gc:file=" + gc + ":timemillis");
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + port,
                "--tradeoffs.mongodb.uri=" + mongoUri,
                "--spring.jmx.enabled=false",
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off",
                // every session of the benchmark signs in as one demo user, where they stand for as many people
                "--tradeoffs.websocket.max-connections-per-user=0"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        QuerySideProcess querySide = new QuerySideProcess(process, port, output, new GcLog(gc));
        try {
            querySide.awaitUp();
        } catch (IOException | InterruptedException | RuntimeException e) {
            querySide.close();
            throw e;
        }
        return querySide;
    }

    /** The query side's JVM options (its GC log's besides). */
    static String javaOpts() {
        return System.getProperty(JAVA_OPTS_PROPERTY, DEFAULT_JAVA_OPTS).trim();
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    GcLog gcLog() {
        return gcLog;
    }

    private void awaitUp() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The query side exited (" + process.exitValue() + "):\n" + tail());
            }
            try {
                HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The query side did not start within " + STARTUP.toSeconds() + " s:\n"
                + tail());
    }

    /** The last lines of the query side's output. */
    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(output);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the query side as Ctrl-C would (it removes its presence entries on the way out), killed after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
