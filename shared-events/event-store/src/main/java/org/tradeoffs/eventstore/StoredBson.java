package org.tradeoffs.eventstore;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Reading the embedded store's documents where they are held as BSON ({@link BsonDocumentType}) without decoding them
 * whole: where an element is, one top-level field's value, and a found document passed to the reply as its bytes
 * ({@link BsonReplies}).
 */
final class StoredBson {

    /** {@link #field} where a value of a type it does not skip stands before the field: decode the document. */
    static final Object UNREAD = new Object();

    /** {@link #element} where the document has no element of that name. */
    static final int ABSENT = -1;
    /** {@link #element} and {@link #end} where a value of a type not skipped here stands in the way. */
    static final int UNKNOWN = -2;

    /** The key of a document that stands for a stored one: no real key holds a NUL (BSON writes keys NUL-ended). */
    private static final String AS_STORED = "\0bson";

    private StoredBson() {
    }

    /** A document that the reply writes as these bytes, as they are stored. */
    static Document asStored(byte[] bson) {
        return new Document(AS_STORED, bson);
    }

    /** The bytes a document from {@link #asStored} stands for, or null for any other document. */
    static byte[] storedBytes(Document document) {
        return document.size() == 1 && document.get(AS_STORED) instanceof byte[] bson ? bson : null;
    }

    /** A field's name as BSON writes it, to find its element with. */
    static byte[] name(String field) {
        return field.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The value of a top-level field, decoded as the whole document would decode it; null where the document has no
     * such field (as {@code Document.get} answers), {@link #UNREAD} where it cannot tell.
     */
    static Object field(byte[] bson, byte[] name) {
        int element = element(bson, 0, name);
        if (element == ABSENT) {
            return null;
        }
        if (element == UNKNOWN) {
            return UNREAD;
        }
        int value = valueAt(bson, element);
        return BsonDecoder.decodeValue(bson[element], Unpooled.wrappedBuffer(bson, value, bson.length - value));
    }

    /**
     * Where the element of this name in the (sub)document starting at {@code document} starts (its type byte), or
     * {@link #ABSENT}, or {@link #UNKNOWN}.
     */
    static int element(byte[] bson, int document, byte[] name) {
        int last = last(bson, document);
        int at = document + 4;
        while (at < last) {
            if (sameName(bson, at + 1, name)) {
                return at;
            }
            at = end(bson, at);
            if (at == UNKNOWN) {
                return UNKNOWN;
            }
        }
        return ABSENT;
    }

    /** Where the value of the element starting at {@code element} starts, after its type and name. */
    static int valueAt(byte[] bson, int element) {
        int at = element + 1;
        while (bson[at] != 0) {
            at++;
        }
        return at + 1;
    }

    /** Where the element starting at {@code element} ends, or {@link #UNKNOWN}. */
    static int end(byte[] bson, int element) {
        int value = valueAt(bson, element);
        int length = valueLength(bson[element], bson, value);
        return length < 0 ? UNKNOWN : value + length;
    }

    /** Where the (sub)document or array starting at {@code document} ends: its last byte, the terminating NUL. */
    static int last(byte[] bson, int document) {
        return document + int32(bson, document) - 1;
    }

    private static boolean sameName(byte[] bson, int from, byte[] name) {
        if (from + name.length >= bson.length || bson[from + name.length] != 0) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (bson[from + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of a value of this type at {@code at}, or -1 for a type not skipped here. */
    private static int valueLength(byte type, byte[] bson, int at) {
        return switch (type) {
            case 0x01, 0x09, 0x11, 0x12 -> 8; // double, UTC date, timestamp, 64-bit integer
            case 0x02, 0x0D, 0x0E -> 4 + int32(bson, at); // string, JavaScript, symbol: length, bytes
            case 0x03, 0x04 -> int32(bson, at); // document, array: their length includes itself
            case 0x05 -> 5 + int32(bson, at); // binary: length, subtype, bytes
            case 0x06, 0x0A, (byte) 0xFF, 0x7F -> 0; // undefined, null, min key, max key
            case 0x07 -> 12; // object id
            case 0x08 -> 1; // boolean
            case 0x10 -> 4; // 32-bit integer
            case 0x13 -> 16; // decimal128
            default -> -1;
        };
    }

    static int int32(byte[] bson, int at) {
        return (bson[at] & 0xFF) | (bson[at + 1] & 0xFF) << 8 | (bson[at + 2] & 0xFF) << 16 | (bson[at + 3] & 0xFF) << 24;
    }
}
