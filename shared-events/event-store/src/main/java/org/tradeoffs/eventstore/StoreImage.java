package org.tradeoffs.eventstore;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RootReference;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * A checkpoint of the embedded store: every map of its in-memory MVStore as it was when the image was taken, in a
 * file {@code image-<n>.bin} that holds what journal files before number {@code n} recorded. A map's keys and values
 * are written with the types the embedded store gives that map; the file ends with a CRC-32 of everything before it.
 *
 * <p>Taking an image only notes each map's current root ({@link #capture}, while the store applies no write): the
 * maps are copy-on-write trees and the store never changes a stored document in place (a query answers copies,
 * {@link QuickQueryCollection}), so the image is written from those roots while the store goes on.
 */
final class StoreImage {

    private static final String MAGIC = "tradeoffs embedded store image 1";
    /** The suffix of an image being written, renamed to its own name once complete and on disk. */
    private static final String UNFINISHED = ".tmp";

    private final List<MapRoot> maps;

    private StoreImage(List<MapRoot> maps) {
        this.maps = maps;
    }

    private record MapRoot(String name, MVMap<Object, Object> map, RootReference<Object, Object> root) {
    }

    /** Notes every map's current root. Call while no write is being applied. */
    static StoreImage capture(MVStore store) {
        List<MapRoot> maps = new ArrayList<>();
        for (String name : store.getMapNames()) {
            MVMap<Object, Object> map = store.openMap(name);
            maps.add(new MapRoot(name, map, map.flushAndGetRoot()));
        }
        return new StoreImage(maps);
    }

    /**
     * The type of a map's keys, by the map's name, as the embedded store opens its maps: a unique index's keys are
     * {@link IndexKeyType}s. The embedded store's types read everything H2's default type wrote.
     */
    static DataType<Object> keyType(String mapName) {
        return mapName.contains("._index_") ? new IndexKeyType() : new ObjectDataType();
    }

    /** The type of a map's values, by the map's name: a collection's documents are {@link BsonDocumentType}s. */
    static DataType<Object> valueType(String mapName) {
        return mapName.startsWith("databases.") ? new BsonDocumentType() : new ObjectDataType();
    }

    /** The map of that name, with the types the embedded store gives it. */
    static MVMap<Object, Object> openMap(MVStore store, String name) {
        return store.openMap(name,
                new MVMap.Builder<Object, Object>().keyType(keyType(name)).valueType(valueType(name)));
    }

    /**
     * Writes the image to {@code file}: first under a temporary name, forced to the disk, then renamed, so a file of
     * that name is always complete.
     */
    void write(Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + UNFINISHED);
        try {
            writeTo(temporary);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary); // a disk that filled up gets its space back
            throw e;
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deletes what image writes that never finished left in the directory (a crash while writing one). */
    static void deleteUnfinished(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(StoreImage::unfinished).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static boolean unfinished(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(UNFINISHED)
                && NumberedFiles.IMAGES.names(name.substring(0, name.length() - UNFINISHED.length()));
    }

    private void writeTo(Path temporary) throws IOException {
        CRC32 crc = new CRC32();
        try (OutputStream stream = Files.newOutputStream(temporary);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(stream, crc),
                     1 << 16))) {
            out.writeUTF(MAGIC);
            out.writeInt(maps.size());
            WriteBuffer buffer = new WriteBuffer();
            for (MapRoot map : maps) {
                out.writeUTF(map.name());
                DataType<Object> keys = keyType(map.name());
                DataType<Object> values = valueType(map.name());
                Cursor<Object, Object> cursor = map.map().cursor(map.root(), null, null, false);
                while (cursor.hasNext()) {
                    Object key = cursor.next();
                    write(out, buffer, keys, key);
                    write(out, buffer, values, cursor.getValue());
                }
                out.writeInt(-1);
            }
            out.flush();
            out.writeLong(crc.getValue());
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Fills an empty store with the maps of the image file; fails if the file is damaged. */
    static void load(Path file, MVStore store) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream stream = Files.newInputStream(file);
             CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(stream, 1 << 16), crc);
             DataInputStream in = new DataInputStream(checked)) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException(file + " is not an image of the embedded store");
            }
            int count = in.readInt();
            for (int m = 0; m < count; m++) {
                String name = in.readUTF();
                DataType<Object> keys = keyType(name);
                DataType<Object> values = valueType(name);
                MVMap<Object, Object> map = openMap(store, name);
                for (Object key = read(in, keys); key != null; key = read(in, keys)) {
                    map.put(key, read(in, values));
                }
            }
            long computed = crc.getValue();
            if (in.readLong() != computed) {
                throw new IOException(file + " is damaged (its checksum does not match)");
            }
        } catch (EOFException e) {
            throw new IOException(file + " ends too early", e);
        }
    }

    /** Copies every map of an H2 file written by an earlier version of the embedded store into an empty store. */
    static void copy(MVStore from, MVStore into) {
        for (String name : from.getMapNames()) {
            MVMap<Object, Object> target = openMap(into, name);
            Cursor<Object, Object> cursor = openMap(from, name).cursor(null);
            while (cursor.hasNext()) {
                Object key = cursor.next();
                target.put(key, cursor.getValue());
            }
        }
    }

    private static void write(DataOutputStream out, WriteBuffer buffer, DataType<Object> type, Object value)
            throws IOException {
        buffer.clear();
        type.write(buffer, value);
        ByteBuffer bytes = buffer.getBuffer();
        bytes.flip();
        out.writeInt(bytes.remaining());
        out.write(bytes.array(), bytes.arrayOffset(), bytes.remaining());
    }

    /** The next value, or null at the end of a map's entries. */
    private static Object read(DataInputStream in, DataType<Object> type) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return type.read(ByteBuffer.wrap(bytes));
    }
}
