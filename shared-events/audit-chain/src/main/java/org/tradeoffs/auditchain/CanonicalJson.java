package org.tradeoffs.auditchain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
        return canonicalize(json, null).text();
    }

    /**
     * The canonical text of a JSON document, and the text of one of its top-level string members, read in the same
     * pass (as {@link #topLevelString} reads it).
     *
     * @param memberName the top-level member to read; null for none
     * @throws IllegalArgumentException when the text is not exactly one JSON value or repeats a member name
     */
    public static Canonical canonicalize(String json, String memberName) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("no JSON value");
            }
            Member wanted = new Member(memberName);
            StringBuilder canonical = new StringBuilder(json.length());
            write(parser, canonical, wanted);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("text after the JSON value");
            }
            return new Canonical(canonical.toString(), wanted.text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A canonical text with the text of the top-level member asked for.
     *
     * @param member the member's text; null when the document is no object, has no such member or it is no string
     */
    public record Canonical(String text, String member) {
    }

    /** The top-level member asked for while writing a document, and its text once found. */
    private static final class Member {

        final String name;
        String text;

        Member(String name) {
            this.name = name;
        }
    }

    /** Where one member of an object was written, for putting the members in order of name afterwards. */
    private record Written(String name, int from, int to) {
    }

    /**
     * The canonical text of the value at the parser's current token; leaves the parser on the value's last token.
     * The parser must refuse duplicate member names ({@link StreamReadFeature#STRICT_DUPLICATE_DETECTION}) or
     * duplicates would reach this method, which refuses them too.
     */
    static String value(JsonParser parser) throws IOException {
        StringBuilder canonical = new StringBuilder();
        write(parser, canonical, null);
        return canonical.toString();
    }

    /**
     * Appends the canonical text of the value at the parser's current token, reading the wanted member if it is an
     * object's (null: none wanted).
     */
    private static void write(JsonParser parser, StringBuilder out, Member wanted) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new IllegalArgumentException("no JSON value");
        }
        switch (token) {
            case START_OBJECT -> writeObject(parser, out, wanted);
            case START_ARRAY -> {
                out.append('[');
                boolean first = true;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(parser, out, null);
                }
                out.append(']');
            }
            case VALUE_STRING -> appendQuoted(out, parser.getText());
            // the number's own text, as it was written
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.append(parser.getText());
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default -> throw new IllegalArgumentException("unexpected " + token);
        }
    }

    /**
     * Writes the members as they come; when they did not come in order of name, puts the written members in order
     * afterwards (an object already in order, as in a canonical text, costs one pass and no reordering).
     */
    private static void writeObject(JsonParser parser, StringBuilder out, Member wanted) throws IOException {
        out.append('{');
        int membersFrom = out.length();
        List<Written> members = new ArrayList<>();
        boolean inOrder = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (!members.isEmpty()) {
                int order = name.compareTo(members.get(members.size() - 1).name());
                if (order == 0) {
                    throw new IllegalArgumentException("member \"" + name + "\" occurs twice");
                }
                inOrder &= order > 0;
                out.append(',');
            }
            int from = out.length();
            appendQuoted(out, name);
            out.append(':');
            if (parser.nextToken() == JsonToken.VALUE_STRING && wanted != null && name.equals(wanted.name)) {
                wanted.text = parser.getText();
            }
            write(parser, out, null);
            members.add(new Written(name, from, out.length()));
        }
        if (!inOrder) {
            String written = out.substring(membersFrom);
            members.sort(Comparator.comparing(Written::name));
            out.setLength(membersFrom);
            for (int i = 0; i < members.size(); i++) {
                Written member = members.get(i);
                if (i > 0) {
                    if (member.name().equals(members.get(i - 1).name())) {
                        throw new IllegalArgumentException("member \"" + member.name() + "\" occurs twice");
                    }
                    out.append(',');
                }
                out.append(written, member.from() - membersFrom, member.to() - membersFrom);
            }
        }
        out.append('}');
    }

    /** A string as canonical JSON, in quotes; {@code null} gives {@code null}. */
    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder(text.length() + 2);
        appendQuoted(quoted, text);
        return quoted.toString();
    }

    /** Appends a string as canonical JSON, in quotes: the runs that need no escape as they are. */
    private static void appendQuoted(StringBuilder out, String text) {
        out.append('"');
        int plainFrom = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean plain = c >= 0x20 && c != '"' && c != '\\'
                    && (!Character.isSurrogate(c) || !loneSurrogate(text, i));
            if (plain) {
                continue;
            }
            out.append(text, plainFrom, i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> escape(out, c);
            }
            plainFrom = i + 1;
        }
        out.append(text, plainFrom, text.length()).append('"');
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
