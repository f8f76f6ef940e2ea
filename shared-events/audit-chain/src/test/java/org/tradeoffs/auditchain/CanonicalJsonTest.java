package org.tradeoffs.auditchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void sortsMembersAtEveryDepthAndDropsWhitespace() {
        String json = """
                { "title" : "Coaches",
                  "details": { "z": [3, {"b": 1, "a": 2}], "a": null },
                  "actor": "designer" }
                """;

        assertThat(CanonicalJson.canonicalize(json))
                .isEqualTo("{\"actor\":\"designer\",\"details\":{\"a\":null,\"z\":[3,{\"a\":2,\"b\":1}]},\"title\":\"Coaches\"}");
    }

    @Test
    void sameContentWrittenDifferentlyGivesTheSameText() {
        assertThat(CanonicalJson.canonicalize("{\"b\":true,\"a\":[1,2]}"))
                .isEqualTo(CanonicalJson.canonicalize("{ \"a\" : [ 1 , 2 ] ,\n\t\"b\" : true }"));
    }

    @Test
    void keepsNumbersExactlyAsWritten() {
        assertThat(CanonicalJson.canonicalize("{\"cost\":1250000.00,\"n\":-0,\"e\":1E+3,\"big\":123456789012345678901234567890}"))
                .isEqualTo("{\"big\":123456789012345678901234567890,\"cost\":1250000.00,\"e\":1E+3,\"n\":-0}");
        assertThat(CanonicalJson.canonicalize("[1250000.00]")).isNotEqualTo(CanonicalJson.canonicalize("[1250000.0]"));
    }

    @Test
    void arraysKeepTheirOrder() {
        assertThat(CanonicalJson.canonicalize("[\"b\",\"a\"]")).isEqualTo("[\"b\",\"a\"]");
    }

    @Test
    void escapesStringsAsRfc8785() {
        assertThat(CanonicalJson.canonicalize("\"quote \\\" backslash \\\\ slash \\/ tab \\t nl \\n bell \\u0007 \\u001F é €\""))
                .isEqualTo("\"quote \\\" backslash \\\\ slash / tab \\t nl \\n bell \\u0007 \\u001f é €\"");
        assertThat(CanonicalJson.quote("\b\f\r")).isEqualTo("\"\\b\\f\\r\"");
    }

    @Test
    void sortsNamesByUtf16CodeUnits() {
        // U+1F600 (surrogates D83D DE00) sorts before U+FB01 by code units, after it by code points
        assertThat(CanonicalJson.canonicalize("{\"\uFB01\":1,\"\uD83D\uDE00\":2,\"Z\":3,\"a\":4}"))
                .isEqualTo("{\"Z\":3,\"a\":4,\"\uD83D\uDE00\":2,\"\uFB01\":1}");
    }

    @Test
    void escapesALoneSurrogateSoThatItCannotPassForAQuestionMark() {
        assertThat(CanonicalJson.canonicalize("\"a\\ud800b\"")).isEqualTo("\"a\\ud800b\"");
        assertThat(CanonicalJson.canonicalize("\"a\\ud800b\"")).isNotEqualTo(CanonicalJson.canonicalize("\"a?b\""));
    }

    @Test
    void isIdempotent() {
        String canonical = CanonicalJson.canonicalize("{\"x\":{\"é\":\"\\u0001\",\"a\":[1.50,\"\\\"\"]}}");

        assertThat(CanonicalJson.canonicalize(canonical)).isEqualTo(canonical);
    }

    @Test
    void refusesARepeatedMemberName() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"amount\":1,\"amount\":1000}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amount");
    }

    @Test
    void refusesTextThatIsNotExactlyOneJsonValue() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":1} {}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsATopLevelStringMember() {
        String payload = "{\"details\":{\"actor\":\"nested\"},\"actor\":\"steering\",\"count\":3}";

        assertThat(CanonicalJson.topLevelString(payload, "actor")).isEqualTo("steering");
        assertThat(CanonicalJson.topLevelString(payload, "count")).isNull();
        assertThat(CanonicalJson.topLevelString(payload, "districtId")).isNull();
        assertThat(CanonicalJson.topLevelString("[1]", "actor")).isNull();
    }

    @Test
    void readsATopLevelStringMemberInTheSamePass() {
        CanonicalJson.Canonical canonical = CanonicalJson.canonicalize(
                "{\"title\":\"x\",\"details\":{\"actor\":\"nested\"},\"actor\":\"steer\\u0069ng\",\"n\":1}", "actor");

        assertThat(canonical.member()).isEqualTo("steering");
        assertThat(canonical.text())
                .isEqualTo("{\"actor\":\"steering\",\"details\":{\"actor\":\"nested\"},\"n\":1,\"title\":\"x\"}");
        assertThat(CanonicalJson.canonicalize("{\"actor\":7}", "actor").member()).isNull();
        assertThat(CanonicalJson.canonicalize("[{\"actor\":\"a\"}]", "actor").member()).isNull();
        assertThat(CanonicalJson.canonicalize("{\"details\":{\"actor\":\"nested\"}}", "actor").member()).isNull();
    }
}
