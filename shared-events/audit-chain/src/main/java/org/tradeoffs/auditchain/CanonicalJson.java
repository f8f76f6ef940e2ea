package org.tradeoffs.auditchain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * One text for one JSON value, whatever whitespace or member order it was written with, so that a hash over it
 * can be recomputed by anyone, in any language:
 * <ul>
 *   <li>no whitespace outside strings;</li>
 *   <li>object members sorted by name, comparing UTF-16 code units ({@link String#compareTo}, as RFC 8785);
 *       a name that occurs twice in one object is refused, never silently dropped;</li>
 *   <li>strings as RFC 8785 writes them: {@code \"} and {@code \\}, {@code \b \f \n \r \t}, other characters
 *       below U+0020 as <code>&#92;u00xx</code> (lower-case hex), everything else as itself (UTF-8 when hashed), except
 *       a lone surrogate, which has no UTF-8 form and is written as <code>&#92;udxxx</code>;</li>
 *   <li>numbers exactly as written (unlike RFC 8785): stored amounts are exact decimals, and
 *       {@code 1250000.00} must not become {@code 1250000};</li>
 *   <li>{@code true}, {@code false}, {@code null} and arrays as they are, arrays keeping their order.</li>
 * </ul>
 * Canonicalizing a canonical text gives the same text.
 */
public final class CanonicalJson {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /**
     * The canonical text of a JSON document.
     *
     * @throws IllegalArgumentException when the text is not exactly one JSON value or repeats a member name
     */
    public static String canonicalize(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("no JSON value");
            }
            String canonical = value(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("text after the JSON value");
            }
            return canonical;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The canonical text of the value at the parser's current token; leaves the parser on the value's last token.
     * The parser must refuse duplicate member names ({@link StreamReadFeature#STRICT_DUPLICATE_DETECTION}) or
     * duplicates would reach this method, which refuses them too.
     */
    static String value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new IllegalArgumentException("no JSON value");
        }
        return switch (token) {
            case START_OBJECT -> {
                Map<String, String> members = new TreeMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (members.put(name, value(parser)) != null) {
                        throw new IllegalArgumentException("member \"" + name + "\" occurs twice");
                    }
                }
                yield object(members);
            }
            case START_ARRAY -> {
                StringBuilder array = new StringBuilder("[");
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (array.length() > 1) {
                        array.append(',');
                    }
                    array.append(value(parser));
                }
                yield array.append(']').toString();
            }
            case VALUE_STRING -> quote(parser.getText());
            // the number's own text, as it was written
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getText();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> throw new IllegalArgumentException("unexpected " + token);
        };
    }

    /** An object from members whose values are already canonical texts; sorts the names. */
    static String object(Map<String, String> canonicalMembers) {
        StringBuilder object = new StringBuilder("{");
        for (Map.Entry<String, String> member : new TreeMap<>(canonicalMembers).entrySet()) {
            if (object.length() > 1) {
                object.append(',');
            }
            object.append(quote(member.getKey())).append(':').append(member.getValue());
        }
        return object.append('}').toString();
    }

    /** A string as canonical JSON, in quotes; {@code null} gives {@code null}. */
    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\b' -> quoted.append("\\b");
                case '\f' -> quoted.append("\\f");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && loneSurrogate(text, i)) {
                        escape(quoted, c);
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /**
     * A surrogate that is not half of a pair has no UTF-8 form (encoding would turn it into {@code ?}, so two
     * different strings would hash alike); it is escaped instead.
     */
    private static boolean loneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }

    private static void escape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
    }

    /**
     * The text of a top-level string member of a JSON object, e.g. the {@code actor} or the {@code districtId} of a
     * stored event payload; {@code null} when the document is no object, has no such member or it is no string.
     *
     * @throws IllegalArgumentException when the text is not JSON
     */
    public static String topLevelString(String json, String name) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String found = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = name.equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (wanted && value == JsonToken.VALUE_STRING) {
                    found = parser.getText();
                }
                parser.skipChildren();
            }
            return found;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonFactory factory() {
        return JSON;
    }
}
