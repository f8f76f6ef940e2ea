package org.tradeoffs.query.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PresenceUpdateTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsTheViewedAndTheEditedItem() {
        PresenceUpdate update = parse("{\"viewing\":{\"kind\":\"tradeoff\",\"id\":\"9e4d2c17-8a3b\"},"
                + "\"editing\":{\"id\":\"o-1\",\"kind\":\"opportunity\"}}");

        assertThat(update.viewing()).isEqualTo(new PresenceItem("tradeoff", "9e4d2c17-8a3b"));
        assertThat(update.editing()).isEqualTo(new PresenceItem("opportunity", "o-1"));
    }

    @Test
    void nullMeansNothing() {
        assertThat(parse("{\"viewing\":null,\"editing\":null}")).isEqualTo(new PresenceUpdate(null, null));
    }

    @Test
    void refusesWhatIsNotJsonOrNotAnObject() {
        assertInvalid("not json", "The body is not JSON");
        assertInvalid("{\"viewing\":null,\"editing\":null} {}", "The body is not JSON");
        assertInvalid("{\"viewing\":null,\"viewing\":null,\"editing\":null}", "The body is not JSON");
        assertInvalid("", "The body must be a JSON object with viewing and editing");
        assertInvalid("[]", "The body must be a JSON object with viewing and editing");
        assertInvalid("null", "The body must be a JSON object with viewing and editing");
    }

    @Test
    void refusesABodyWithoutBothFieldsOrWithOthers() {
        assertInvalid("{\"viewing\":null}", "editing is required (null for none)");
        assertInvalid("{}", "editing is required (null for none)");
        assertInvalid("{\"viewing\":null,\"editing\":null,\"typing\":true}", "Unknown property typing");
    }

    @Test
    void refusesAnItemOfAnUnknownKindOrWithoutAUsableId() {
        assertInvalid("{\"viewing\":\"priority\",\"editing\":null}", "viewing must be null or an object with kind and id");
        assertInvalid("{\"viewing\":null,\"editing\":{\"kind\":\"budget\",\"id\":\"x\"}}",
                "editing.kind must be one of priority, opportunity, tradeoff");
        assertInvalid("{\"viewing\":{\"kind\":\"PRIORITY\",\"id\":\"x\"},\"editing\":null}",
                "viewing.kind must be one of priority, opportunity, tradeoff");
        assertInvalid("{\"viewing\":{\"kind\":\"priority\"},\"editing\":null}", "viewing.id is required");
        assertInvalid("{\"viewing\":{\"kind\":\"priority\",\"id\":\"x\",\"title\":\"t\"},\"editing\":null}",
                "Unknown property viewing.title");
        String idTooLong = "a".repeat(101);
        assertInvalid("{\"viewing\":{\"kind\":\"priority\",\"id\":\"" + idTooLong + "\"},\"editing\":null}",
                "viewing.id must be 1 to 100 letters, digits, '.', '_' or '-'");
        assertInvalid("{\"viewing\":{\"kind\":\"priority\",\"id\":\"\"},\"editing\":null}",
                "viewing.id must be 1 to 100 letters, digits, '.', '_' or '-'");
        assertInvalid("{\"viewing\":{\"kind\":\"priority\",\"id\":\"<b>x</b>\"},\"editing\":null}",
                "viewing.id must be 1 to 100 letters, digits, '.', '_' or '-'");
        assertInvalid("{\"viewing\":{\"kind\":\"priority\",\"id\":7},\"editing\":null}",
                "viewing.id must be 1 to 100 letters, digits, '.', '_' or '-'");
        assertThat(parse("{\"viewing\":{\"kind\":\"priority\",\"id\":\"" + "a".repeat(100) + "\"},\"editing\":null}")
                .viewing().id()).hasSize(100);
    }

    private PresenceUpdate parse(String body) {
        return PresenceUpdate.parse(body.getBytes(StandardCharsets.UTF_8), json);
    }

    private void assertInvalid(String body, String detail) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(InvalidPresence.class).hasMessageStartingWith(detail);
    }
}
