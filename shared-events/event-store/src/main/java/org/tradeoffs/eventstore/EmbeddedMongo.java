package org.tradeoffs.eventstore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded MongoDB of the default setup: mongo-java-server speaking the real wire protocol, so
 * the services use the same driver code as in production ({@link WireServer}). With a data directory it keeps the
 * store in memory (mongo-java-server's H2 backend on an in-memory MVStore) and makes it durable with a journal of
 * every command that changes it ({@link StoreJournal}) and, now and then, an image of the whole store
 * ({@link StoreImage}) that lets the older journal files go; at start it loads the last image and replays the journal
 * after it. A write to the event store answers only once its journal record is written to the file, so an
 * acknowledged command survives a kill -9; every other write is written within a second. Its unique indexes order
 * and store their keys with {@link IndexKeyType}, which compares the usual keys without serializing them, its
 * collections answer the common queries ({@code $in} by key, a field equal to a text, a sort on one field) without
 * the server's generic path lookups ({@link QuickQueryCollection}), and a secondary index serves queries for a text
 * in its first field from memory ({@link TextFieldIndex}) instead of being ignored.
 *
 * <p>Until 2026-11-29 the store was an H2 file committed after every write to the event store. H2 rewrote every
 * page a commit had changed (the benchmark's proposals land on random pages of every read model), read pages back
 * after each commit and compacted the file: 7.3 ms of CPU per command in the live benchmark, against 2.4 ms on an
 * in-memory MVStore without durability and 2.9-3.4 ms with the journal. A data directory that holds such a file is
 * converted once, at start ({@code tradeoffs.mv} is then renamed {@code tradeoffs.mv.converted}).
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "drop", "dropdatabase", "dropindexes", "create", "renamecollection");
    /** Commands that never change the store: every other command is journaled. */
    private static final Set<String> READ_COMMANDS = Set.of("find", "getmore", "killcursors", "count", "distinct",
            "listcollections", "listindexes", "listdatabases", "ismaster", "hello", "ping", "buildinfo",
            "serverstatus", "dbstats", "collstats", "getlasterror", "reseterror", "getparameter", "connectionstatus",
            "whatsmyuri", "hostinfo", "endsessions", "startsession", "getlog", "getcmdlineopts",
            "getfreemonitoringstatus", "explain", "saslstart", "saslcontinue", "getnonce", "currentop");
    /** Reads that answer stored data: each answers only what is in the journal's file (see JournaledBackend). */
    private static final Set<String> DATA_READS = Set.of("find", "getmore", "count", "distinct", "aggregate");
    /** What a command's acknowledgement promises is stored: its events (and aggregate snapshots). */
    private static final Set<String> DURABLE_COLLECTIONS = Set.of("events", "snapshots");

    private final WireServer server;
    private final InetSocketAddress address;
    /** Null for a throwaway in-memory server. */
    private final JournaledBackend journaled;

    private EmbeddedMongo(WireServer server, JournaledBackend journaled) {
        this.server = server;
        this.address = server.address();
        this.journaled = journaled;
    }

    /** A durable server storing under {@code dataDirectory}, listening on loopback. */
    public static EmbeddedMongo onDisk(Path dataDirectory, int port) throws IOException {
        JournaledBackend backend = JournaledBackend.open(dataDirectory);
        WireServer server;
        try {
            server = new WireServer(backend, backend::waitsForJournal, "127.0.0.1", port);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        EmbeddedMongo mongo = new EmbeddedMongo(server, backend);
        log.info("Embedded MongoDB (mongo-java-server, in memory, journal and images in {}) listening on {}",
                dataDirectory.toAbsolutePath(), mongo.address);
        return mongo;
    }

    /** A throwaway in-memory server on a random port, for tests and benchmarks. */
    public static EmbeddedMongo inMemory() {
        return new EmbeddedMongo(new WireServer(new MemoryBackend(), command -> false, "127.0.0.1", 0), null);
    }

    /**
     * Whether a command (its document, named by its first key) writes what must be in the file before it answers. Asked of
     * every request, so the collection is looked at first: most requests concern other collections.
     */
    private static boolean isDurableWrite(Document command) {
        String name = command.keySet().iterator().next();
        return DURABLE_COLLECTIONS.contains(command.get(name)) && WRITE_COMMANDS.contains(name.toLowerCase());
    }

    /** Whether a command (by name) reads stored data. */
    private static boolean isDataRead(String command) {
        return DATA_READS.contains(command.toLowerCase());
    }

    /** Whether a command may change the store (an aggregation only when it writes its result). */
    private static boolean changesTheStore(String command, Document query) {
        String name = command.toLowerCase();
        if (name.equals("aggregate")) {
            return query.get("pipeline") instanceof List<?> stages && stages.stream()
                    .anyMatch(stage -> stage instanceof Document document
                            && (document.containsKey("$out") || document.containsKey("$merge")));
        }
        return !READ_COMMANDS.contains(name);
    }

    /**
     * How many requests the server has had so far, by command and the collection it names (e.g.
     * {@code "update trackingtokens"}, or {@code "isMaster"} for one that names none).
     */
    public Map<String, Long> requestCounts() {
        return server.requestCounts();
    }

    public String connectionString(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    /**
     * How long images of the store have been written so far (System.nanoTime units), the one being written included: its
     * growth over a span is how much of the span an image was being written (the live benchmark prints it per phase).
     * Always 0 for a store in memory only.
     */
    public long imageWritingNanos() {
        return journaled == null ? 0 : journaled.imageWritingNanos();
    }

    /** Writes an image of the store now (as it does once the journal has grown), for tests. */
    void writeImage() throws IOException {
        journaled.writeImage();
    }

    @Override
    public void close() {
        server.close();
    }

    /**
     * The H2 backend on an in-memory MVStore, with every command that may change the store applied under one lock and
     * journaled in the order applied. A write to the event store waits until its record is in the file; writers that
     * arrive while a flush runs share the next one ({@link GroupCommit}). Every second the journal is flushed, and
     * once it has grown past {@link #imageAfterBytes} (at least {@value #MIN_JOURNAL_BYTES} bytes, at least twice the
     * last image) an image of the store is written, on a thread of its own, and the journal files before it are
     * deleted.
     */
    private static final class JournaledBackend extends H2Backend {

        private static final long MIN_JOURNAL_BYTES = 64L << 20;
        private static final String OLD_FILE = "tradeoffs.mv";

        private final Path directory;
        private final ReentrantLock writes = new ReentrantLock();
        private final GroupCommit groupCommit = new GroupCommit(this::flushJournal);
        /** Event-log writes applied whose group commit has not returned yet: a read may see one before it is in the file. */
        private final AtomicInteger unflushedDurable = new AtomicInteger();
        private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(
                runnable -> daemon(runnable, "embedded-store-journal"));
        /** Writes images, so that the journal is still flushed every second while one is written. */
        private final ExecutorService imaging = Executors.newSingleThreadExecutor(
                runnable -> daemon(runnable, "embedded-store-image"));
        private final AtomicBoolean imageDue = new AtomicBoolean();
        /** Only the background thread reads or sets it. */
        private boolean failureLogged;
        /** Null while the journal is being replayed. */
        private volatile StoreJournal journal;
        private volatile long imageAfterBytes = MIN_JOURNAL_BYTES;
        /** The time spent writing the images written so far, and when the one being written started (0: none). */
        private long imagesNanos;
        private long imageStarted;
        private final Object imageClock = new Object();

        private JournaledBackend(MVStore store, Path directory) {
            super(store);
            this.directory = directory;
        }

        /** The store as the data directory holds it: the last image, then the journal after it, replayed. */
        static JournaledBackend open(Path directory) throws IOException {
            Files.createDirectories(directory);
            StoreImage.deleteUnfinished(directory);
            MVStore store = new MVStore.Builder().open();
            List<Long> images = NumberedFiles.IMAGES.numbers(directory);
            Path oldFile = directory.resolve(OLD_FILE);
            boolean convert = images.isEmpty() && Files.exists(oldFile);
            long first;
            try {
                if (convert) {
                    first = convert(oldFile, store, directory);
                } else {
                    first = images.isEmpty() ? 1 : images.get(images.size() - 1);
                    if (!images.isEmpty()) {
                        StoreImage.load(NumberedFiles.IMAGES.path(directory, first), store);
                    }
                }
            } catch (IOException | RuntimeException e) {
                store.closeImmediately();
                throw e;
            }
            JournaledBackend backend = new JournaledBackend(store, directory);
            try {
                long next = first;
                long replayed = 0;
                for (long number : NumberedFiles.JOURNALS.numbers(directory)) {
                    if (number >= first) {
                        replayed += backend.replay(NumberedFiles.JOURNALS.path(directory, number));
                        next = number + 1;
                    }
                }
                backend.journal = new StoreJournal(directory, next);
                log.info("Embedded store in {}: {}, {} journaled commands replayed", directory.toAbsolutePath(),
                        convert ? "converted from " + OLD_FILE : images.isEmpty() ? "no image yet" : "image " + first,
                        replayed);
            } catch (IOException | RuntimeException e) {
                backend.close();
                throw e;
            }
            backend.background.scheduleWithFixedDelay(backend::everySecond, 1, 1, TimeUnit.SECONDS);
            return backend;
        }

        /**
         * Copies an H2 file of an earlier version into the store and writes it as the first image, before any journal
         * is started, then renames the file; answers the image's number. A conversion cut short (killed, or the disk
         * full) leaves no image, so the next start converts again; the journals it may have left hold no writes (no
         * client is served before the conversion is done), and any that does is refused rather than guessed at.
         */
        private static long convert(Path oldFile, MVStore store, Path directory) throws IOException {
            List<Long> journals = NumberedFiles.JOURNALS.numbers(directory);
            for (long number : journals) {
                if (Files.size(NumberedFiles.JOURNALS.path(directory, number)) > 0) {
                    throw new IllegalStateException("The data directory " + directory.toAbsolutePath() + " holds "
                            + OLD_FILE + ", not converted yet, and journal files with writes but no image: not "
                            + "starting rather than guessing which of them is the store");
                }
            }
            long number = journals.isEmpty() ? 1 : journals.get(journals.size() - 1) + 1;
            MVStore old = new MVStore.Builder().fileName(oldFile.toString()).readOnly().open();
            try {
                StoreImage.copy(old, store);
            } finally {
                old.close();
            }
            StoreImage.capture(store).write(NumberedFiles.IMAGES.path(directory, number));
            NumberedFiles.JOURNALS.deleteBefore(directory, number);
            Files.move(oldFile, directory.resolve(OLD_FILE + ".converted"));
            return number;
        }

        private long replay(Path file) throws IOException {
            EmbeddedChannel channel = new EmbeddedChannel();
            try {
                return StoreJournal.replay(file, (database, command) -> {
                    try {
                        super.handleCommand(channel, database, command.keySet().iterator().next(), command);
                    } catch (RuntimeException e) {
                        // it failed the same way when it was first applied (a duplicate key, say)
                        log.debug("Replayed command failed as before: {}", e.toString());
                    }
                });
            } finally {
                handleClose(channel);
                channel.close();
            }
        }

        /**
         * Whether a request is handled off the network thread, as it waits for the journal: a write to the event log,
         * and a read of stored data while such a write is on its way to the file.
         */
        boolean waitsForJournal(Document command) {
            return isDurableWrite(command) || unflushedDurable.get() > 0 && isDataRead(command.keySet().iterator().next());
        }

        /**
         * Applies a command. A write that changes the store is applied under the write lock and journaled in that
         * order; a write to the event log answers once its record is in the file. A read of stored data answers only
         * what is in the file too: one that may have seen an event-log write on its way there waits for it, so that no
         * reader (a projection, a live view, the audit chain) sees a write that a crash in that moment would lose
         * unacknowledged; and once the journal cannot be written, such reads are refused as writes are.
         */
        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            if (!changesTheStore(command, query)) {
                if (!isDataRead(command)) {
                    return super.handleCommand(channel, databaseName, command, query);
                }
                refuseIfJournalFailed();
                Document result = super.handleCommand(channel, databaseName, command, query);
                if (unflushedDurable.get() > 0) {
                    writes.lock(); // a write it may have seen has appended its journal record once the lock is free
                    writes.unlock();
                    commitJournal();
                }
                return result;
            }
            boolean durable = isDurableWrite(query);
            Document result;
            writes.lock();
            if (durable) {
                unflushedDurable.incrementAndGet(); // before it is applied: a read that sees it sees this too
            }
            try {
                try {
                    refuseIfJournalFailed();
                    try {
                        result = super.handleCommand(channel, databaseName, command, query);
                    } catch (RuntimeException e) {
                        journal.append(databaseName, query); // failed too: some of its writes may have been applied
                        throw e;
                    } catch (Error e) {
                        journal.fail(e); // what it applied is unknown, and replaying it could fail the same way
                        throw e;
                    }
                    journal.append(databaseName, query);
                } finally {
                    writes.unlock();
                }
                if (durable) {
                    commitJournal();
                }
                return result;
            } finally {
                if (durable) {
                    unflushedDurable.decrementAndGet();
                }
            }
        }

        /** Returns once a journal flush that started after this call has finished. */
        private void commitJournal() {
            try {
                groupCommit.afterWrite();
            } catch (UncheckedIOException e) {
                throw new MongoServerException(e.getMessage());
            }
        }

        /** A store that cannot write its journal takes no more writes: they would not survive a restart. */
        private void refuseIfJournalFailed() {
            try {
                journal.check();
            } catch (UncheckedIOException e) {
                throw new MongoServerException(e.getMessage());
            }
        }

        private void flushJournal() {
            journal.flush();
        }

        private static Thread daemon(Runnable runnable, String name) {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        }

        private void everySecond() {
            try {
                journal.flush();
            } catch (RuntimeException e) {
                if (!failureLogged) {
                    failureLogged = true;
                    log.error("The embedded store's journal could not be written; the store refuses writes", e);
                }
                return;
            }
            if (journal.size() >= imageAfterBytes && imageDue.compareAndSet(false, true)) {
                imaging.execute(() -> {
                    try {
                        writeImage();
                    } catch (IOException | RuntimeException e) {
                        log.error("An image of the embedded store could not be written", e);
                    } finally {
                        imageDue.set(false);
                    }
                });
            }
        }

        /**
         * Writes an image of the store as it is now, then deletes the journal files and images before it. One at a
         * time.
         */
        private synchronized void writeImage() throws IOException {
            StoreImage image;
            long number;
            writes.lock();
            try {
                number = journal.rotate();
                image = StoreImage.capture(getMvStore());
            } finally {
                writes.unlock();
            }
            long start = System.nanoTime();
            synchronized (imageClock) {
                imageStarted = start;
            }
            Path file = NumberedFiles.IMAGES.path(directory, number);
            try {
                image.write(file);
            } finally {
                synchronized (imageClock) {
                    imagesNanos += System.nanoTime() - start;
                    imageStarted = 0;
                }
            }
            // the image holds what they recorded
            NumberedFiles.JOURNALS.deleteBefore(directory, number);
            NumberedFiles.IMAGES.deleteBefore(directory, number);
            long bytes = Files.size(file);
            imageAfterBytes = Math.max(MIN_JOURNAL_BYTES, 2 * bytes);
            log.info("Embedded store image {} written: {} MB in {} ms", file.getFileName(), bytes >> 20,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }

        long imageWritingNanos() {
            synchronized (imageClock) {
                return imagesNanos + (imageStarted == 0 ? 0 : System.nanoTime() - imageStarted);
            }
        }

        @Override
        public void close() {
            background.shutdown();
            imaging.shutdown();
            try {
                background.awaitTermination(30, TimeUnit.SECONDS);
                imaging.awaitTermination(60, TimeUnit.SECONDS);
                if (journal != null) {
                    journal.close();
                }
            } catch (IOException | UncheckedIOException e) {
                log.error("The embedded store's journal could not be closed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                super.close();
            }
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new KeyOrderedDatabase(databaseName);
        }

        /**
         * mongo-java-server's H2 database with its unique indexes ordered by {@link IndexKeyType} and its
         * collections as {@link QuickQueryCollection}s storing BSON. An inner class on purpose: the database opens its
         * collections and indexes from its constructor, before a field of its own would be set, and reaches the store
         * through the backend.
         */
        private final class KeyOrderedDatabase extends H2Database {

            KeyOrderedDatabase(String databaseName) {
                super(databaseName, getMvStore(), getCursorRegistry());
            }

            /**
             * The maps as mongo-java-server's H2 backend names them, so files it wrote convert as they are; documents
             * are held as BSON, and written to images as such ({@link BsonDocumentType}).
             */
            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                String fullName = getFullCollectionNamespace(collectionName);
                MVMap<Object, byte[]> data = getMvStore().openMap("databases." + fullName,
                        new MVMap.Builder<Object, byte[]>().valueType(new BsonDocumentType()));
                MVMap<String, Object> meta = getMvStore().openMap("meta." + fullName);
                return new QuickQueryCollection(this, collectionName, options, data, meta, getCursorRegistry());
            }

            @Override
            protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName,
                    List<IndexKey> keys, boolean sparse) {
                MVMap<KeyValue, Object> map = getMvStore().openMap(
                        getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                        new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
                return new KeyOrderedUniqueIndex(map, indexName, keys, sparse);
            }

            /**
             * A secondary index held in memory that finds the documents whose first key is a given text
             * ({@link TextFieldIndex}); mongo-java-server itself ignores secondary indexes and reads the whole
             * collection.
             */
            @Override
            protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                    List<IndexKey> keys, boolean sparse) {
                if (resolveCollection(collectionName, false) instanceof QuickQueryCollection collection) {
                    Index<Object> index = collection.textFieldIndex(indexName, keys, sparse);
                    if (index != null) {
                        return index;
                    }
                }
                return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
            }
        }
    }
}
