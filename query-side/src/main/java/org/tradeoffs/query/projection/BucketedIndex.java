package org.tradeoffs.query.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.bson.Document;

/**
 * A list that grows with its owner, such as a cycle's priorities in proposal order or the positions on its timeline,
 * kept in documents of bounded size. Each value belongs to the bucket of the global position of the event that added
 * it ({@value #SPAN} positions a bucket): bucket {@code b} of owner {@code o} is the document
 * {@code {_id: "o/b", <field>: [...]}}, its values in the order they were added, and the owner's document
 * {@code {_id: o, buckets: [...]}} names its buckets. Adding a value changes one bucket and the owner's short list of
 * buckets, never the whole list: a single busy cycle grows that to thousands of entries, mongo-java-server copies a
 * whole document on every update of it and MongoDB rewrites it, so each addition cost in proportion to the cycle, and
 * MongoDB refuses a document past 16 MB.
 *
 * <p>An owner's document written before the buckets existed holds the whole list under the field itself; it is read
 * as the list's beginning, before every bucket.
 */
public final class BucketedIndex {

    /** Global positions per bucket. */
    static final long SPAN = 1024;
    private static final String BUCKETS = "buckets";

    private final ViewCollection collection;
    private final String field;

    /** @param field the array field of each bucket (and of an owner's document written before the buckets) */
    public BucketedIndex(ViewCollection collection, String field) {
        this.collection = collection;
        this.field = field;
    }

    /**
     * Adds the value unless the bucket of that position has it already. The same value added again with the same
     * position (an event handled again) changes nothing.
     */
    public void add(String owner, long position, Object value) {
        long bucket = Math.floorDiv(position, SPAN);
        collection.addToSet(owner, BUCKETS, bucket);
        collection.addToSet(bucketId(owner, bucket), field, value);
    }

    /** Every value of the owner in order: bucket by bucket, each in the order its values were added. */
    public <T> List<T> values(String owner, Class<T> type) {
        return values(owner, type, bucket -> true);
    }

    /**
     * The values of the buckets whose positions may hold a value after {@code after} (by the position its event was
     * stored at), in order; values from before the buckets, which carry no position, are always included.
     */
    public <T> List<T> valuesAfter(String owner, long after, Class<T> type) {
        long first = Math.floorDiv(Math.max(after, 0) + 1, SPAN);
        return values(owner, type, bucket -> bucket >= first);
    }

    private <T> List<T> values(String owner, Class<T> type, LongPredicate wanted) {
        Document index = collection.get(owner).orElse(null);
        if (index == null) {
            return List.of();
        }
        List<T> values = new ArrayList<>(list(index, type));
        List<Long> buckets = index.getList(BUCKETS, Number.class, List.of()).stream()
                .map(Number::longValue).filter(wanted::test).sorted().toList();
        if (buckets.isEmpty()) {
            return values;
        }
        Map<Object, Document> documents =
                collection.getAll(buckets.stream().map(bucket -> bucketId(owner, bucket)).toList());
        for (long bucket : buckets) {
            Document document = documents.get(bucketId(owner, bucket));
            if (document != null) {
                values.addAll(list(document, type));
            }
        }
        return values;
    }

    private <T> List<T> list(Document document, Class<T> type) {
        return document.getList(field, type, List.of());
    }

    private static String bucketId(String owner, long bucket) {
        return owner + "/" + bucket;
    }
}
