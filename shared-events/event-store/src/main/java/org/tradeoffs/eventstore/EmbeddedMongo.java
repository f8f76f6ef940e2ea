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
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The embedded MongoDB of the default setup: mongo-java-server speaking the real wire protocol, so
 * the services use the same driver code as in production ({@link WireServer}). With a data directory it stores to an
 * H2 MVStore file and commits after every write to the event store, before the reply goes out: the H2 backend
 * otherwise commits about once a second, and an acknowledged command would not survive a kill -9. Its unique indexes
 * order and store their keys with {@link IndexKeyType}, which compares the usual keys without serializing them, its
 * collections answer the common queries ({@code $in} by key, a field equal to a text, a sort on one field) without
 * the server's generic path lookups ({@link QuickQueryCollection}), and a secondary index serves queries for a text
 * in its first field from memory ({@link TextFieldIndex}) instead of being ignored.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);
    private static final Set<String> WRITE_COMMANDS = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "drop", "dropdatabase", "dropindexes", "create", "renamecollection");
    /** What a command's acknowledgement promises is stored: its events (and aggregate snapshots). */
    private static final Set<String> DURABLE_COLLECTIONS = Set.of("events", "snapshots");

    private final WireServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(WireServer server) {
        this.server = server;
        this.address = server.address();
    }

    /**
     * A durable server storing under {@code dataDirectory}, listening on loopback, keeping up to {@code cacheSizeMb}
     * of the file's pages in memory ({@code tradeoffs.mongodb.embedded.cache-size-mb}).
     */
    public static EmbeddedMongo onDisk(Path dataDirectory, int port, int cacheSizeMb) throws IOException {
        Files.createDirectories(dataDirectory);
        Path file = dataDirectory.resolve("tradeoffs.mv");
        MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(cacheSizeMb).open();
        WireServer server = new WireServer(new CommitEveryWrite(store), EmbeddedMongo::isDurableWrite, "127.0.0.1", port);
        EmbeddedMongo mongo = new EmbeddedMongo(server);
        log.info("Embedded MongoDB (mongo-java-server, H2 file {}) listening on {}", file.toAbsolutePath(), mongo.address);
        return mongo;
    }

    /** A throwaway in-memory server on a random port, for tests and benchmarks. */
    public static EmbeddedMongo inMemory() {
        return new EmbeddedMongo(new WireServer(new MemoryBackend(), command -> false, "127.0.0.1", 0));
    }

    /**
     * Whether a command (its document, named by its first key) writes what must be on disk before it answers. Asked of
     * every request, so the collection is looked at first: most requests concern other collections.
     */
    private static boolean isDurableWrite(Document command) {
        String name = command.keySet().iterator().next();
        return DURABLE_COLLECTIONS.contains(command.get(name)) && WRITE_COMMANDS.contains(name.toLowerCase());
    }

    public String connectionString(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    @Override
    public void close() {
        server.close();
    }

    /**
     * Commits the MVStore before replying to a write into the event store's collections, so an
     * acknowledged command is on disk. Other writes (read models, processor tokens) are committed
     * by the MVStore's background commit about once a second: commits are whole-store snapshots in
     * write order, so a crash loses at most the last second of read-model progress, together with the
     * tokens that recorded it, and the processors redo it from the event store. Writers that arrive while a commit
     * runs share the next one ({@link GroupCommit}).
     */
    private static final class CommitEveryWrite extends H2Backend {

        private final GroupCommit groupCommit = new GroupCommit(this::commitToFile);

        CommitEveryWrite(MVStore store) {
            super(store);
        }

        /**
         * Stores what is not stored yet and waits until it is written. When there was nothing left to store, the
         * background commit may have taken the changes and still be writing them: waiting for the file store's
         * pending work covers that.
         */
        private void commitToFile() {
            if (getMvStore().commit() < 0 && getMvStore().getFileStore() != null) {
                getMvStore().getFileStore().executeFileStoreOperation(() -> { });
            }
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new KeyOrderedDatabase(databaseName);
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            Document result = super.handleCommand(channel, databaseName, command, query);
            if (isDurableWrite(query)) {
                groupCommit.afterWrite();
            }
            return result;
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
             * The maps as mongo-java-server's H2 backend names them, so files it wrote open as they are; documents
             * written from now on are stored as BSON ({@link BsonDocumentType}).
             */
            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                String fullName = getFullCollectionNamespace(collectionName);
                MVMap<Object, Document> data = getMvStore().openMap("databases." + fullName,
                        new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType()));
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
