package org.tradeoffs.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write to the event log is applied in memory, then its journal record is written to the file, then it answers. A
 * reader must not see it in between: had the process died there, the write would be gone after the restart,
 * unacknowledged, while a projection, a live view or the audit chain had shown it, and a new event would take its
 * position. The journal's file here is a pipe nobody reads until the test says so, so the write's record stays on its
 * way for as long as the test needs.
 */
class ReadAfterJournalTest {

    /** What a pipe holds on Linux before a writer waits. */
    private static final int PIPE_CAPACITY = 64 * 1024;

    /** A thread for each task: several of them block at once. */
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private CompletableFuture<Void> draining;

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aReadDoesNotSeeAnEventLogWriteBeforeItsJournalRecordIsInTheFile(@TempDir Path directory) throws Exception {
        CompletableFuture<InputStream> reader = new CompletableFuture<>();
        try (EmbeddedMongo mongo = EmbeddedMongo.onDisk(directory, 0);
             MongoClient client = MongoClients.create(mongo.connectionString("journal"))) {
            MongoCollection<Document> events = client.getDatabase("journal").getCollection("events");
            events.insertOne(new Document("_id", "before"));
            Path pipe = NumberedFiles.JOURNALS.path(directory, NumberedFiles.JOURNALS.numbers(directory).get(0) + 1);
            Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
            assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "needs mkfifo");
            threads.execute(() -> {
                try {
                    reader.complete(new FileInputStream(pipe.toFile())); // once the journal opens it to write
                } catch (Exception e) {
                    reader.completeExceptionally(e);
                }
            });
            mongo.writeImage(); // the next journal file: the pipe
            InputStream journal = reader.get(10, TimeUnit.SECONDS);
            try {
                Document large = new Document("_id", "on its way").append("payload", "x".repeat(2 * PIPE_CAPACITY));
                CompletableFuture<Void> insert = CompletableFuture.runAsync(() -> events.insertOne(large), threads);
                // applied, and its record waits in a full pipe
                await().atMost(10, TimeUnit.SECONDS).until(() -> journal.available() >= PIPE_CAPACITY);

                CompletableFuture<Document> read =
                        CompletableFuture.supplyAsync(() -> events.find(eq("_id", "on its way")).first(), threads);
                CompletableFuture<Long> count = CompletableFuture.supplyAsync(events::countDocuments, threads);
                Thread.sleep(500);
                assertThat(insert).isNotDone();
                assertThat(read).isNotDone();
                assertThat(count).isNotDone();

                drain(journal); // the file takes the record
                insert.get(10, TimeUnit.SECONDS);
                assertThat(read.get(10, TimeUnit.SECONDS)).isNotNull();
                assertThat(count.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            } finally {
                drain(journal); // else closing the store would wait for the pipe for ever
            }
        } finally {
            if (reader.isDone() && !reader.isCompletedExceptionally()) {
                reader.get().close();
            }
        }
    }

    /** Reads the pipe to its end (the store closing its end) on another thread; once per pipe. */
    private void drain(InputStream journal) {
        if (draining == null) {
            draining = CompletableFuture.runAsync(() -> {
                try {
                    journal.transferTo(OutputStream.nullOutputStream());
                } catch (Exception e) {
                    // closed
                }
            }, threads);
        }
    }
}
