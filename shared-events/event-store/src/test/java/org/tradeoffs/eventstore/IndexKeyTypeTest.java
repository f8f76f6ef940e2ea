package org.tradeoffs.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

class IndexKeyTypeTest {

    private static final int KEYS = 300;
    private static final List<Object> PROCESSORS = List.of("priority-board", "timeline", "audit-chain", 0.0, 3.0);

    @Test
    void ordersEveryKindOfKeyExactlyAsH2sSerializedOrderDoes() {
        Random random = new Random(42);
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            keys.add(new KeyValue(randomValue(random)));
        }
        keys.add(new KeyValue("Ljava/util/List;"));
        keys.add(new KeyValue("a;b"));
        keys.add(new KeyValue("x".repeat(70_000)));
        keys.add(new KeyValue(1.0, "two values"));
        for (int i = 0; i < KEYS / 3; i++) { // the token store's: processor name and segment; equal first values often
            keys.add(new KeyValue(PROCESSORS.get(random.nextInt(PROCESSORS.size())), randomValue(random)));
        }
        keys.add(new KeyValue("priority-board", "priority-board")); // the second written as a reference to the first
        keys.add(new KeyValue("priority-board", new String("priority-board")));
        keys.add(new KeyValue(2.0, 2.0));
        keys.add(new KeyValue("priority-board", 2.0, "x"));
        keys.add(new KeyValue(new de.bwaldvogel.mongo.bson.Document("cycle", "c-1").append("n", 3.0)));

        ObjectDataType h2 = new ObjectDataType();
        IndexKeyType ours = new IndexKeyType();
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                assertThat(Integer.signum(ours.compare(a, b))).as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(h2.compare(a, b)));
            }
        }
    }

    @Test
    void storesEveryKindOfKeyCompactlyAndReadsItBackAsItReadsKeysStoredByH2() {
        List<KeyValue> keys = List.of(new KeyValue("priority-1"), new KeyValue(42.0), new KeyValue(7L),
                new KeyValue("é\0" + "x".repeat(70_000)), new KeyValue(1.0, "two values", null, true),
                new KeyValue(new de.bwaldvogel.mongo.bson.Document("cycle", "c-1").append("n", 3.0)),
                new KeyValue(new de.bwaldvogel.mongo.bson.ObjectId()));
        IndexKeyType ours = new IndexKeyType();
        for (KeyValue key : keys) {
            WriteBuffer compact = new WriteBuffer();
            ours.write(compact, key);
            WriteBuffer byH2 = new WriteBuffer();
            new ObjectDataType().write(byH2, key);

            assertThat(ours.read(compact.getBuffer().flip())).as("%s", key).isEqualTo(key);
            assertThat(ours.read(byH2.getBuffer().flip())).as("%s stored by H2", key).isEqualTo(key);
            if (key.size() == 1 && !(key.get(0) instanceof de.bwaldvogel.mongo.bson.Document)) {
                assertThat(compact.position()).as("%s", key).isLessThan(byH2.position());
            }
        }
    }

    private static Object randomValue(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> (double) random.nextInt(2_000_000) - 1_000_000;
            case 1 -> random.nextDouble() * (random.nextBoolean() ? 1e12 : -1e-3);
            case 2 -> List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)
                    .get(random.nextInt(5));
            case 3 -> Long.MAX_VALUE - random.nextInt(1000);
            case 4 -> asciiString(random);
            default -> random.nextBoolean() ? "é" + asciiString(random) : "nul\0" + asciiString(random);
        };
    }

    private static String asciiString(Random random) {
        StringBuilder value = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            value.append((char) (' ' + random.nextInt(95)));
        }
        return value.toString();
    }
}
