package org.tradeoffs.eventstore;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A projection that only includes fields, top-level ones ({@code "a"}) or fields of a subdocument or of the
 * subdocuments of an array ({@code "a.b"}), applied to each document found the way mongo-java-server's own
 * projection applies it (same fields, same order), but with its paths split once per query instead of once per
 * document and field. Reading a district's commits with only the fields the chain seals makes their replies a
 * fraction of the size to encode and decode.
 */
final class IncludedFields {

    private static final byte DOCUMENT = 0x03;
    private static final byte ARRAY = 0x04;

    private final String idField;
    private final boolean idImplied;
    private final List<String[]> paths;
    private final byte[] idName;
    /** The paths by their top-level field, in the order they first name it, as BSON names ({@link #projectStored}). */
    private final List<Included> byTopField = new ArrayList<>();
    /** Whether a path names the id field, which {@link #projectStored} leaves to {@link #project} when implied. */
    private final boolean idInPaths;

    /** A top-level field and its fields included, none for all of it. */
    private record Included(byte[] name, List<byte[]> fields) {
    }

    private IncludedFields(String idField, boolean idImplied, List<String[]> paths) {
        this.idField = idField;
        this.idImplied = idImplied;
        this.paths = paths;
        this.idName = StoredBson.name(idField);
        Map<String, List<byte[]>> fieldsByTop = new LinkedHashMap<>();
        for (String[] path : paths) {
            List<byte[]> fields = fieldsByTop.computeIfAbsent(path[0], top -> new ArrayList<>());
            if (path.length == 2) {
                fields.add(StoredBson.name(path[1]));
            }
        }
        fieldsByTop.forEach((top, fields) -> byTopField.add(new Included(StoredBson.name(top), fields)));
        this.idInPaths = fieldsByTop.containsKey(idField);
    }

    /**
     * The projection, or null when it is something else (an exclusion, an operator, a deeper path, two paths where
     * one is a prefix of the other), which mongo-java-server then applies itself.
     */
    static IncludedFields of(Document fieldSelector, String idField) {
        if (fieldSelector == null || fieldSelector.isEmpty() || idField == null) {
            return null;
        }
        List<String[]> paths = new ArrayList<>();
        for (Map.Entry<String, Object> field : fieldSelector.entrySet()) {
            Object included = field.getValue();
            if (!(included instanceof Number || included instanceof Boolean) || !Utils.isTrue(included)) {
                return null;
            }
            String[] path = field.getKey().split("\\.", -1);
            if (path.length > 2) {
                return null;
            }
            for (String part : path) {
                if (part.isEmpty() || part.startsWith("$")) {
                    return null;
                }
            }
            for (String[] other : paths) {
                if (other[0].equals(path[0]) && (other.length == 1 || path.length == 1)) {
                    return null;
                }
            }
            paths.add(path);
        }
        return new IncludedFields(idField, !fieldSelector.containsKey(idField), paths);
    }

    /**
     * The projection of a document stored as BSON, written as BSON from its bytes (the same fields in the same order
     * as {@link #project}), or null where it leaves that to {@link #project} (a value of a kind it does not skip).
     */
    byte[] projectStored(byte[] bson) {
        if (idImplied && idInPaths) {
            return null;
        }
        ByteBuf out = Unpooled.buffer(256);
        try {
            int document = begin(out);
            if (idImplied) {
                int id = StoredBson.element(bson, 0, idName);
                if (id == StoredBson.UNKNOWN || !copy(bson, id, out)) {
                    return null;
                }
            }
            for (Included included : byTopField) {
                int element = StoredBson.element(bson, 0, included.name());
                if (element == StoredBson.UNKNOWN
                        || (included.fields().isEmpty() ? !copy(bson, element, out)
                                : !includeIn(bson, element, included.name(), included.fields(), out))) {
                    return null;
                }
            }
            finish(out, document);
            byte[] projected = new byte[out.readableBytes()];
            out.readBytes(projected);
            return projected;
        } finally {
            out.release();
        }
    }

    /** The fields of a subdocument, or of each subdocument of an array, at {@code element}; false if unreadable. */
    private static boolean includeIn(byte[] bson, int element, byte[] name, List<byte[]> fields, ByteBuf out) {
        if (element == StoredBson.ABSENT || (bson[element] != DOCUMENT && bson[element] != ARRAY)) {
            return true;
        }
        out.writeByte(bson[element]).writeBytes(name).writeByte(0);
        int value = StoredBson.valueAt(bson, element);
        if (bson[element] == DOCUMENT) {
            return includeFields(bson, value, fields, out);
        }
        int array = begin(out);
        int index = 0;
        int last = StoredBson.last(bson, value);
        for (int at = value + 4; at < last; at = StoredBson.end(bson, at)) {
            if (at == StoredBson.UNKNOWN) {
                return false;
            }
            if (bson[at] == DOCUMENT) {
                out.writeByte(DOCUMENT).writeBytes(Integer.toString(index++).getBytes(StandardCharsets.US_ASCII))
                        .writeByte(0);
                if (!includeFields(bson, StoredBson.valueAt(bson, at), fields, out)) {
                    return false;
                }
            }
        }
        finish(out, array);
        return true;
    }

    private static boolean includeFields(byte[] bson, int document, List<byte[]> fields, ByteBuf out) {
        int projected = begin(out);
        for (byte[] field : fields) {
            int element = StoredBson.element(bson, document, field);
            if (element == StoredBson.UNKNOWN || !copy(bson, element, out)) {
                return false;
            }
        }
        finish(out, projected);
        return true;
    }

    /** Copies the element at {@code element} as it is, if there is one; false if unreadable. */
    private static boolean copy(byte[] bson, int element, ByteBuf out) {
        if (element == StoredBson.ABSENT) {
            return true;
        }
        int end = StoredBson.end(bson, element);
        if (end == StoredBson.UNKNOWN) {
            return false;
        }
        out.writeBytes(bson, element, end - element);
        return true;
    }

    private static int begin(ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        return start;
    }

    private static void finish(ByteBuf out, int start) {
        out.writeByte(0);
        out.setIntLE(start, out.writerIndex() - start);
    }

    Document project(Document document) {
        Document projected = new Document();
        if (idImplied) {
            projected.put(idField, document.get(idField));
        }
        for (String[] path : paths) {
            if (path.length == 1) {
                include(document, projected, path[0]);
            } else if (document.get(path[0]) instanceof Document subdocument) {
                include(subdocument, (Document) projected.computeIfAbsent(path[0], key -> new Document()), path[1]);
            } else if (document.get(path[0]) instanceof List<?> values) {
                @SuppressWarnings("unchecked")
                List<Object> projectedValues = (List<Object>) projected.computeIfAbsent(path[0],
                        key -> new ArrayList<>());
                if (projectedValues.isEmpty()) {
                    values.stream().filter(Document.class::isInstance)
                            .forEach(value -> projectedValues.add(new Document()));
                }
                int index = 0;
                for (Object value : values) {
                    if (value instanceof Document element) {
                        include(element, (Document) projectedValues.get(index++), path[1]);
                    }
                }
            }
        }
        return projected;
    }

    private static void include(Document from, Document to, String field) {
        Object value = from.getOrMissing(field);
        if (!(value instanceof Missing)) {
            to.put(field, value);
        }
    }
}
