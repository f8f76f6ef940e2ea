package org.tradeoffs.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedMongoDurabilityTest {

    private static final int EVENTS = 40;

    @Test
    void appendsAcknowledgedByTheOnDiskServerSurviveAKillOfItsProcess(@TempDir Path dataDirectory) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path"), KilledWriter.class.getName(),
                dataDirectory.toString(), String.valueOf(EVENTS))
                .redirectErrorStream(true)
                .start();
        String acknowledged;
        try {
            acknowledged = CompletableFuture.supplyAsync(() -> awaitAcknowledgement(child)).get(60, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly();                    // SIGKILL: no shutdown hook, no MVStore close
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int stored = EVENTS * (1 + KilledWriter.CONCURRENT_WRITERS);
        assertThat(acknowledged).isEqualTo(String.valueOf(stored));

        try (EmbeddedMongo reopened = EmbeddedMongo.onDisk(dataDirectory, 0);
             MongoClient client = MongoClients.create(reopened.connectionString("durable"))) {
            OrderedMongoEventStorageEngine engine = OrderedMongoEventStorageEngine.builder()
                    .database(client.getDatabase("durable"))
                    .eventSerializer(TestStore.serializer())
                    .snapshotSerializer(TestStore.serializer())
                    .build();

            assertThat(engine.readEvents("durable").asStream().map(DomainEventMessage::getSequenceNumber))
                    .containsExactlyElementsOf(LongStream.range(0, EVENTS).boxed().toList());
            for (int writer = 0; writer < KilledWriter.CONCURRENT_WRITERS; writer++) {
                assertThat(engine.readEvents("concurrent-" + writer).asStream().map(DomainEventMessage::getSequenceNumber))
                        .containsExactlyElementsOf(LongStream.range(0, EVENTS).boxed().toList());
            }
            assertThat(engine.headPosition()).isEqualTo(stored);
        }
    }

    private static String awaitAcknowledgement(Process child) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.startsWith(KilledWriter.ACKNOWLEDGED)) {
                    return line.substring(KilledWriter.ACKNOWLEDGED.length()).trim();
                }
                seen.append(line).append('\n');
            }
            throw new AssertionError("The writer ended without acknowledging its appends:\n" + seen);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
