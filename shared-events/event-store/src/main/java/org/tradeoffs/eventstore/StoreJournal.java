package org.tradeoffs.eventstore;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BiConsumer;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's journal: every command that may change the store, in the order the store applied them, in
 * files {@code journal-<n>.log} of the data directory. A record is the command's database and document as BSON, behind
 * its length and CRC-32; a record cut short by a crash (the last one of the last file) ends the replay.
 *
 * <p>{@link #append} only buffers; {@link #flush} writes what is buffered to the file, and a command that must be
 * stored before it answers waits for a flush ({@link GroupCommit}). Flushed bytes are in the file, so they survive
 * the process being killed; like the H2 commits before it, a flush does not force them to the disk.
 */
final class StoreJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreJournal.class);
    private static final int HEADER = 8;
    /** A buffer's first size; one a burst grew past the most kept is dropped once written. */
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_SPARE = 1024 * 1024;

    private final Path directory;
    /**
     * Appended records not yet written, and the buffer written before, emptied for them once the one being written is
     * written (null meanwhile): two buffers take turns instead of one allocated for every flush. Guarded by this.
     */
    private ByteBuf pending = Unpooled.buffer(BUFFER);
    private ByteBuf spare;
    /** The file being written and its number; guarded by {@link #files}. */
    private FileChannel file;
    private long number;
    private long fileBytes;
    private final Object files = new Object();
    /** Why a write to the file failed, if one did. */
    private volatile UncheckedIOException failure;

    /** Starts a new journal file numbered {@code number} (after every existing one). */
    StoreJournal(Path directory, long number) throws IOException {
        this.directory = directory;
        open(number);
    }

    /**
     * Hands every complete record of the journal file to {@code apply} (database, command), in order; answers how
     * many. The file may end with a record cut short or damaged, or with zeros where one was to be written (what a
     * crash in the middle of a write leaves): the replay ends there. A damaged record followed by anything else is
     * damage that no crash leaves, and replaying on without it would lose what it held: that fails.
     *
     * @throws IllegalStateException for a damaged record inside the file
     */
    static long replay(Path file, BiConsumer<String, Document> apply) throws IOException {
        long records = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (true) {
                long start = channel.position();
                header.clear();
                if (readFully(channel, header) < HEADER) {
                    return records;
                }
                int length = header.getInt(0);
                int checksum = header.getInt(4);
                boolean whole = length > 0 && length <= channel.size() - channel.position();
                ByteBuffer body = ByteBuffer.allocate(whole ? length : 0);
                readFully(channel, body);
                CRC32 crc = new CRC32();
                crc.update(body.array(), 0, body.position());
                if (!whole || (int) crc.getValue() != checksum) {
                    boolean last = whole ? channel.position() == channel.size() : length > 0;
                    if (last || onlyZerosFrom(channel, start)) {
                        log.warn("Journal {} ends with a record cut short or damaged after {} records; the rest is "
                                + "ignored", file, records);
                        return records;
                    }
                    throw new IllegalStateException("Journal " + file + " has a damaged record after " + records
                            + " records, with more after it: not replaying past it, which would lose what it held");
                }
                Document record = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(body.array()));
                apply.accept((String) record.get("d"), (Document) record.get("c"));
                records++;
            }
        }
    }

    /** Whether the file holds nothing but zeros from {@code position} to its end. */
    private static boolean onlyZerosFrom(FileChannel channel, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        channel.position(position);
        while (true) {
            buffer.clear();
            int read = channel.read(buffer);
            if (read < 0) {
                return true;
            }
            for (int i = 0; i < read; i++) {
                if (buffer.get(i) != 0) {
                    return false;
                }
            }
        }
    }

    /**
     * Buffers a command the store applied; the caller keeps the store's order (it holds the store's write lock). The
     * record is encoded where it is buffered, its header filled in once its length is known. A command that cannot be
     * encoded leaves nothing buffered and fails the journal for good, as a failed write does.
     */
    void append(String database, Document command) {
        synchronized (this) {
            int start = pending.writerIndex();
            try {
                pending.writeZero(HEADER);
                BsonEncoder.encodeDocument(new Document("d", database).append("c", command), pending);
                int length = pending.writerIndex() - start - HEADER;
                CRC32 crc = new CRC32();
                crc.update(pending.nioBuffer(start + HEADER, length));
                pending.setInt(start, length).setInt(start + 4, (int) crc.getValue());
            } catch (RuntimeException | Error e) {
                pending.writerIndex(start);
                fail(e);
                throw e;
            }
        }
    }

    /**
     * The store may have applied what the journal does not hold (a command that failed in an unforeseen way): the
     * journal is failed for good, so the store takes no more writes ({@link #check}).
     */
    void fail(Throwable cause) {
        failure = new UncheckedIOException("The embedded store's journal no longer holds what the store applied",
                new IOException(cause.toString(), cause));
    }

    /**
     * Writes every record appended so far to the file. A write that fails leaves the journal failed for good: what
     * follows in the file would no longer be what the store applied, so every later flush, and {@link #check}, fail.
     */
    void flush() {
        synchronized (files) {
            check();
            ByteBuf writing;
            synchronized (this) {
                if (pending.readableBytes() == 0) {
                    return;
                }
                writing = pending;
                pending = spare != null ? spare : Unpooled.buffer(BUFFER);
                spare = null;
            }
            try {
                ByteBuffer bytes = writing.nioBuffer();
                while (bytes.hasRemaining()) {
                    fileBytes += file.write(bytes);
                }
            } catch (IOException e) {
                writing.release();
                failure = new UncheckedIOException("Cannot write the embedded store's journal "
                        + NumberedFiles.JOURNALS.path(directory, number) + "; it takes no more writes until it is restarted", e);
                throw failure;
            }
            keepAsSpare(writing);
        }
    }

    /** The buffer just written, emptied, buffers the flush after next (unless a burst made it large). */
    private void keepAsSpare(ByteBuf written) {
        if (written.capacity() > MAX_SPARE) {
            written.release();
            return;
        }
        synchronized (this) {
            spare = written.clear();
        }
    }

    /** Throws if a write to the file has failed. */
    void check() {
        if (failure != null) {
            throw failure;
        }
    }

    /** Bytes in the current file. */
    long size() {
        synchronized (files) {
            return fileBytes;
        }
    }

    /**
     * Writes what is buffered, closes the file and starts the next one; answers its number. Call holding the store's
     * write lock, so the records before the new file are exactly the commands applied so far.
     */
    long rotate() throws IOException {
        synchronized (files) {
            flush();
            file.close();
            open(number + 1);
            return number;
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (files) {
            try {
                flush();
            } finally {
                file.close(); // a failed journal's file too
            }
        }
    }

    private void open(long number) throws IOException {
        this.number = number;
        this.file = FileChannel.open(NumberedFiles.JOURNALS.path(directory, number), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.fileBytes = file.size();
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                break;
            }
        }
        return buffer.position();
    }
}
