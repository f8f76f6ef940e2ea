package org.tradeoffs.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

class KeyOrderedUniqueIndexTest {

    private final MVStore store = new MVStore.Builder().open();
    private final MVMap<KeyValue, Object> map = store.openMap("db.things._index__id_",
            new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));

    @Test
    void findsEveryKindOfKeyExactlyAsItsOrderedMapDoesAfterAddsRemovalsAndReopening() {
        Random random = new Random(7);
        List<KeyValue> keys = new ArrayList<>(List.of(new KeyValue("removed"), new KeyValue("kept")));
        for (int i = 0; i < 200; i++) {
            keys.add(new KeyValue(randomValue(random)));
            keys.add(new KeyValue(randomValue(random), randomValue(random)));
        }
        keys.add(new KeyValue("priority-board", "priority-board")); // H2 finds it by its very strings only
        keys.add(new KeyValue("Ljava/util/List;"));
        keys.add(new KeyValue("é\0;"));
        keys.add(new KeyValue(3, "an int, not normalized"));
        keys.add(new KeyValue(new Document("cycle", "c-1").append("n", 3.0)));
        keys.add(new KeyValue(true));
        ObjectId token = new ObjectId();
        keys.add(new KeyValue(token, token)); // one object twice: H2 finds it by that very object only

        KeyOrderedUniqueIndex index = new KeyOrderedUniqueIndex(map, "_id_", List.of(), false);
        Set<KeyValue> seen = new HashSet<>();
        for (int position = 0; position < keys.size(); position++) {
            KeyValue key = keys.get(position);
            assertThat(index.putKeyPosition(key, position)).as("%s added", key).isEqualTo(seen.add(key));
        }
        for (int i = 0; i < keys.size(); i += 3) {
            index.removeDocument(copyOf(keys.get(i)));
        }
        assertThat(index.putKeyPosition(copyOf(keys.get(1)), -1)).as("a key already there").isFalse();

        List<KeyValue> asked = new ArrayList<>();
        keys.forEach(key -> asked.add(copyOf(key)));
        for (int i = 0; i < 100; i++) {
            asked.add(new KeyValue(randomValue(random))); // mostly absent
        }
        KeyOrderedUniqueIndex reopened = new KeyOrderedUniqueIndex(map, "_id_", List.of(), false);
        for (KeyValue key : asked) {
            assertThat(index.getPosition(key)).as("%s", key).isEqualTo(map.get(key));
            assertThat(reopened.getPosition(key)).as("%s reopened", key).isEqualTo(map.get(key));
        }
        assertThat(index.getPosition(new KeyValue(new String("kept")))).isEqualTo(1);
        assertThat(index.getPosition(new KeyValue(new String("removed")))).isNull();
        assertThat(index.getPosition(new KeyValue(new Document("cycle", "c-1").append("n", 3.0)))).isNotNull();
    }

    /** An equal key of other objects (new strings and object ids), as a query brings it. */
    private static KeyValue copyOf(KeyValue key) {
        List<Object> values = new ArrayList<>();
        for (Object value : key) {
            values.add(value instanceof String text ? new String(text)
                    : value instanceof ObjectId id ? new ObjectId(id.getHexData()) : value);
        }
        return new KeyValue(values);
    }

    private static Object randomValue(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> "item-" + random.nextInt(60);
            case 1 -> (double) random.nextInt(60);
            case 2 -> (long) random.nextInt(60) + (1L << 60);
            case 3 -> new ObjectId(String.format("%024x", random.nextInt(60)));
            default -> random.nextInt(10) == 0 ? "non-plain é" + random.nextInt(5) : "plain-" + random.nextInt(60);
        };
    }
}
