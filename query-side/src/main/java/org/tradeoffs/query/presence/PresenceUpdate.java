package org.tradeoffs.query.presence;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a client SENDs to {@code /app/cycles/{cycleId}/presence}: the item it views and the item it edits, each null
 * for none, e.g. {@code {"viewing": {"kind": "priority", "id": "..."}, "editing": null}}. Each SEND states both, so
 * {@code null} clears.
 */
public record PresenceUpdate(PresenceItem viewing, PresenceItem editing) {

    private static final Set<String> FIELDS = Set.of("viewing", "editing");
    private static final Set<String> ITEM_FIELDS = Set.of("kind", "id");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /**
     * Reads a SEND's body strictly: exactly the two fields, each null or exactly {@code kind} and {@code id}.
     *
     * @throws InvalidPresence saying what is wrong
     */
    public static PresenceUpdate parse(byte[] body, ObjectMapper json) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : json.reader()
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(body);
        } catch (IOException e) {
            throw new InvalidPresence("The body is not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidPresence("The body must be a JSON object with viewing and editing");
        }
        requireExactly(root, FIELDS, "");
        return new PresenceUpdate(item(root.get("viewing"), "viewing"), item(root.get("editing"), "editing"));
    }

    private static PresenceItem item(JsonNode node, String field) {
        if (node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidPresence(field + " must be null or an object with kind and id");
        }
        requireExactly(node, ITEM_FIELDS, field + ".");
        JsonNode kind = node.get("kind");
        if (!kind.isTextual() || !PresenceItem.KINDS.contains(kind.asText())) {
            throw new InvalidPresence(field + ".kind must be one of " + String.join(", ", PresenceItem.KINDS));
        }
        JsonNode id = node.get("id");
        if (!id.isTextual() || !ID.matcher(id.asText()).matches()) {
            throw new InvalidPresence(field + ".id must be 1 to 100 letters, digits, '.', '_' or '-'");
        }
        return new PresenceItem(kind.asText(), id.asText());
    }

    private static void requireExactly(JsonNode object, Set<String> fields, String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new InvalidPresence("Unknown property " + prefix + name);
            }
        }
        for (String name : fields.stream().sorted().toList()) {
            if (!object.has(name)) {
                throw new InvalidPresence(prefix + name + " is required" + (prefix.isEmpty() ? " (null for none)" : ""));
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }
}
