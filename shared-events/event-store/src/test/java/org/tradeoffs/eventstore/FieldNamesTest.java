package org.tradeoffs.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldNamesTest {

    /** As the wire protocol decodes it: every name a string of its own. */
    private static Document decoded(int n) {
        return new Document(new String("_id"), n)
                .append(new String("cycleId"), "c-1")
                .append(new String("view"), new Document(new String("title"), "Priority " + n)
                        .append(new String("tags"), List.of("a", "b")))
                .append(new String("events"), List.of(new Document(new String("position"), n), 5,
                        List.of(new Document(new String("position"), n + 1))));
    }

    @Test
    void aCompactDocumentIsEqualInValuesAndOrderAndSharesItsNamesWithTheOthers() {
        FieldNames names = new FieldNames();
        Document first = names.compact(decoded(1));
        Document second = names.compact(decoded(2));

        assertThat(first).isEqualTo(decoded(1));
        assertThat(second).isEqualTo(decoded(2));
        assertThat(new ArrayList<>(first.keySet())).containsExactly("_id", "cycleId", "view", "events");
        assertThat(new ArrayList<>(((Document) first.get("view")).keySet())).containsExactly("title", "tags");

        assertThat(keyOf(second, "cycleId")).isSameAs(keyOf(first, "cycleId"));
        assertThat(keyOf((Document) second.get("view"), "title"))
                .isSameAs(keyOf((Document) first.get("view"), "title"));
        Document inList = (Document) ((List<?>) first.get("events")).get(0);
        Document inNestedList = (Document) ((List<?>) ((List<?>) second.get("events")).get(2)).get(0);
        assertThat(keyOf(inNestedList, "position")).isSameAs(keyOf(inList, "position"));
    }

    @Test
    void theValuesAreTheSameObjects() {
        Document original = decoded(1);
        Document compact = new FieldNames().compact(original);

        assertThat(compact.get("cycleId")).isSameAs(original.get("cycleId"));
        assertThat(((Document) compact.get("view")).get("tags"))
                .isSameAs(((Document) original.get("view")).get("tags"));
    }

    @Test
    void poolsNoMoreThanItsLimitOfNamesNorLongOnes() {
        FieldNames names = new FieldNames();
        for (int i = 0; i < FieldNames.MAX_NAMES; i++) {
            names.compact(new Document("name-" + i, i));
        }
        Document past = names.compact(new Document(new String("past-the-limit"), 1));
        Document again = names.compact(new Document(new String("past-the-limit"), 2));
        assertThat(keyOf(again, "past-the-limit")).isNotSameAs(keyOf(past, "past-the-limit"));
        assertThat(keyOf(names.compact(new Document(new String("name-7"), 0)), "name-7"))
                .isSameAs(keyOf(names.compact(new Document(new String("name-7"), 1)), "name-7"));

        FieldNames fresh = new FieldNames();
        String longName = "x".repeat(FieldNames.MAX_LENGTH + 1);
        Document one = fresh.compact(new Document(new String(longName), 1));
        Document two = fresh.compact(new Document(new String(longName), 2));
        assertThat(keyOf(two, longName)).isNotSameAs(keyOf(one, longName));
    }

    private static String keyOf(Document document, String name) {
        return document.keySet().stream().filter(name::equals).findFirst().orElseThrow();
    }
}
