package org.tradeoffs.eventstore;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded store's unique indexes (every collection's {@code _id} index among them): the same
 * order as H2's default {@link ObjectDataType}, but quick to compare, and a compact stored form.
 *
 * <p>mongo-java-server keeps a unique index as an H2 map from its {@link KeyValue} keys, which are not
 * {@link Comparable}: H2 orders them by their Java serialization, serializing both keys on every comparison, about
 * twenty times per lookup or insert. That made each key lookup cost about 100 µs and a bulk insert about 9,000
 * documents a second. The common keys (one number, or one plain ASCII string: every {@code _id} this product uses)
 * serialize to the same bytes up to their value, so their serialized order can be told from the values alone:
 * numbers (stored as doubles) by the unsigned order of their IEEE bits, strings by length, then character by
 * character; a key of several such values (the token store's processor name and segment) value by value, the first
 * that differs deciding. Every other key is compared as H2 does. Keeping the order exactly is what lets a file written
 * with the default type open with this one; keys written from then on are in the compact form, which only this type
 * reads.
 */
final class IndexKeyType extends ObjectDataType {

    private static final int MAX_SHORT_UTF = 0xFFFF;
    /**
     * Marks a key stored as its values one by one, each as H2 stores a plain value. H2's own tags end below 120, so a
     * key it stored (one Java serialization per key, about a third of the time H2 spent writing pages) still reads.
     */
    private static final byte KEY_OF_VALUES = (byte) 0xC0;

    /**
     * Writes a key as its values, each in H2's own form for a value (numbers, strings and the like without Java
     * serialization); anything else is written as H2 writes it.
     */
    @Override
    public void write(WriteBuffer buffer, Object key) {
        if (!(key instanceof KeyValue values)) {
            super.write(buffer, key);
            return;
        }
        buffer.put(KEY_OF_VALUES).putVarInt(values.size());
        for (Object value : values) {
            super.write(buffer, value);
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != KEY_OF_VALUES) {
            return super.read(buffer);
        }
        buffer.get();
        int size = DataUtils.readVarInt(buffer);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(super.read(buffer));
        }
        return new KeyValue(values);
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue first && b instanceof KeyValue second && first.size() == second.size()
                && distinct(first) && distinct(second)) {
            for (int i = 0; i < first.size(); i++) {
                Integer order = compareValues(first.get(i), second.get(i));
                if (order == null) {
                    return super.compare(a, b);
                }
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        }
        return super.compare(a, b);
    }

    /**
     * Whether H2's map holds the key as one exactly with the keys equal to it ({@link KeyValue#equals}), so that a hash
     * map finds it as the H2 map does: every value a number, a plain string or an object id (the token store's
     * documents), none repeated. Two such keys of numbers and strings are compared value by value ({@link #compare}),
     * others by their serialized bytes, which are the same exactly when the keys are equal; no such key is held as one
     * with any other key.
     */
    static boolean foundByEquality(KeyValue key) {
        for (Object value : key) {
            if (!(value instanceof ObjectId || value instanceof Double || value instanceof Long
                    || value instanceof String text && plain(text))) {
                return false;
            }
        }
        return distinct(key);
    }

    /**
     * The serialized order of two values at the same place in two keys whose values before it are equal (so Java
     * serialization has written the same bytes for both keys up to there): numbers and plain strings by value, as for
     * keys of one value; null for any other pair, which is then compared as H2 does.
     */
    private static Integer compareValues(Object x, Object y) {
        if (x instanceof Double p && y instanceof Double q) {
            return Long.compareUnsigned(Double.doubleToLongBits(p), Double.doubleToLongBits(q));
        }
        if (x instanceof Long p && y instanceof Long q) {
            return Long.compareUnsigned(p, q);
        }
        if (x instanceof String p && y instanceof String q && plain(p) && plain(q)) {
            return p.length() != q.length() ? Integer.compare(p.length(), q.length()) : Integer.signum(p.compareTo(q));
        }
        return null;
    }

    /**
     * Whether no value of the key equals another: serialization writes a value it has written before in the same key
     * as a reference to it, whose bytes say nothing of the value's order.
     */
    private static boolean distinct(KeyValue key) {
        for (int i = 1; i < key.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (Objects.equals(key.get(i), key.get(j))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether Java serialization writes the string as its characters, one byte each, after a two-byte length: ASCII
     * without NUL (written as two bytes), short enough, and never a type signature such as {@code Ljava/util/List;},
     * which the key's own class description has already written, so the string would be written as a reference to it.
     */
    private static boolean plain(String value) {
        if (value.length() > MAX_SHORT_UTF || value.indexOf(';') >= 0) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c > 127) {
                return false;
            }
        }
        return true;
    }
}
