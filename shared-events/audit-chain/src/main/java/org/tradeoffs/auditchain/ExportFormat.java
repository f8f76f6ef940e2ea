package org.tradeoffs.auditchain;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The audit export, JSON Lines (one JSON object per line, {@code application/x-ndjson}):
 * <pre>
 * {"position":12,"time":"2027-03-01T16:20:00Z","actor":"designer","type":"org.tradeoffs.events.priority.PriorityProposed","payload":{…},"format":2,"revision":"2","aggregateType":"Priority","aggregateId":"…","sequence":0,"tags":["cycle:…","district:…"],"committedAt":"2027-03-01T16:20:00.012000000Z","previousHash":"…","hash":"…"}
 * …
 * {"head":{"position":57,"hash":"…","count":23}}
 * </pre>
 * One line per sealed event of the district in chain order, then the head. An event sealed in format 1 (before the
 * filing was sealed too) has no {@code format} member and none of the filing's. Writing and reading live together so
 * the service and the offline verifier cannot disagree about the format.
 */
public final class ExportFormat {

    private static final Set<String> EVENT_MEMBERS =
            Set.of("position", "time", "actor", "type", "payload", "previousHash", "hash");
    /** The members of a line of format 2: those of format 1 and the filing's. */
    private static final Set<String> FILED_EVENT_MEMBERS = Set.of("position", "time", "actor", "type", "payload",
            "format", "revision", "aggregateType", "aggregateId", "sequence", "tags", "committedAt", "previousHash",
            "hash");
    private static final Set<String> HEAD_MEMBERS = Set.of("position", "hash", "count");

    private ExportFormat() {
    }

    /** The line of a sealed event, without the line break. */
    public static String eventLine(AuditRecord record, String previousHash, String hash) {
        return "{\"position\":" + record.position()
                + ",\"time\":" + CanonicalJson.quote(record.time())
                + ",\"actor\":" + CanonicalJson.quote(record.actor())
                + ",\"type\":" + CanonicalJson.quote(record.type())
                + ",\"payload\":" + record.payload()
                + filing(record.filing())
                + ",\"previousHash\":" + CanonicalJson.quote(previousHash)
                + ",\"hash\":" + CanonicalJson.quote(hash) + "}";
    }

    /** The filing's members of a line of format 2; nothing for format 1. */
    private static String filing(Filing filing) {
        if (filing == null) {
            return "";
        }
        return ",\"format\":2,\"revision\":" + CanonicalJson.quote(filing.revision())
                + ",\"aggregateType\":" + CanonicalJson.quote(filing.aggregateType())
                + ",\"aggregateId\":" + CanonicalJson.quote(filing.aggregateId())
                + ",\"sequence\":" + filing.sequence()
                + ",\"tags\":" + filing.tagsJson()
                + ",\"committedAt\":" + CanonicalJson.quote(filing.committedAt());
    }

    /** The closing line, without the line break. */
    public static String headLine(long position, String hash, long count) {
        return "{\"head\":{\"position\":" + position + ",\"hash\":" + CanonicalJson.quote(hash)
                + ",\"count\":" + count + "}}";
    }

    /**
     * Reads one line.
     *
     * @throws MalformedLineException when it is neither an event line nor a head line with exactly their members
     */
    public static ExportLine parse(String line) {
        try (JsonParser parser = CanonicalJson.factory().createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedLineException("not a JSON object", null);
            }
            ExportLine parsed = parser.nextToken() == JsonToken.FIELD_NAME && "head".equals(parser.currentName())
                    ? head(parser)
                    : event(parser);
            if (parser.nextToken() != null) {
                throw new MalformedLineException("text after the JSON object", null);
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw new MalformedLineException("not JSON: " + e.getOriginalMessage(), null);
        } catch (IllegalArgumentException e) {
            throw e instanceof MalformedLineException malformed ? malformed
                    : new MalformedLineException(e.getMessage(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parser stands on the first member name. */
    private static ExportLine.Event event(JsonParser parser) throws IOException {
        Long position = null;
        String time = null;
        String actor = null;
        String type = null;
        String payload = null;
        String previousHash = null;
        String hash = null;
        String revision = null;
        String aggregateType = null;
        String aggregateId = null;
        long sequence = 0;
        List<String> tags = null;
        String committedAt = null;
        Set<String> seen = new HashSet<>();
        for (JsonToken token = parser.currentToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            parser.nextToken();
            if (!FILED_EVENT_MEMBERS.contains(name) || !seen.add(name)) {
                throw new MalformedLineException("unexpected member \"" + name + "\"", position);
            }
            switch (name) {
                case "position" -> position = integer(parser, name, position);
                case "time" -> time = text(parser, name, position, true);
                case "actor" -> actor = text(parser, name, position, true);
                case "type" -> type = text(parser, name, position, true);
                case "payload" -> payload = CanonicalJson.value(parser);
                case "format" -> {
                    if (integer(parser, name, position) != 2) {
                        throw new MalformedLineException("format " + parser.getText() + " is not known (2 is)",
                                position);
                    }
                }
                case "revision" -> revision = text(parser, name, position, true);
                case "aggregateType" -> aggregateType = text(parser, name, position, true);
                case "aggregateId" -> aggregateId = text(parser, name, position, true);
                case "sequence" -> sequence = integer(parser, name, position);
                case "tags" -> tags = texts(parser, name, position);
                case "committedAt" -> committedAt = text(parser, name, position, true);
                case "previousHash" -> previousHash = text(parser, name, position, false);
                default -> hash = text(parser, name, position, false);
            }
        }
        Set<String> expected = seen.contains("format") ? FILED_EVENT_MEMBERS : EVENT_MEMBERS;
        if (!seen.equals(expected)) {
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(seen);
            if (missing.isEmpty()) {
                throw new MalformedLineException("members of format 2 in a line without \"format\"", position);
            }
            throw new MalformedLineException("missing " + String.join(", ", missing), position);
        }
        Filing filing = seen.contains("format")
                ? new Filing(revision, aggregateType, aggregateId, sequence, tags, committedAt)
                : null;
        return new ExportLine.Event(new AuditRecord(position, time, actor, type, payload, filing), previousHash,
                hash);
    }

    /** An array of strings. */
    private static List<String> texts(JsonParser parser, String name, Long position) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new MalformedLineException(name + " is not an array", position);
        }
        List<String> texts = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            texts.add(text(parser, name, position, false));
        }
        return texts;
    }

    /** The parser stands on the member name {@code head}. */
    private static ExportLine.Head head(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedLineException("head is not an object", null);
        }
        Long position = null;
        String hash = null;
        Long count = null;
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (!HEAD_MEMBERS.contains(name) || !seen.add(name)) {
                throw new MalformedLineException("unexpected member \"" + name + "\" in head", position);
            }
            switch (name) {
                case "position" -> position = integer(parser, name, position);
                case "hash" -> hash = text(parser, name, position, false);
                default -> count = integer(parser, name, position);
            }
        }
        if (parser.nextToken() != JsonToken.END_OBJECT || !seen.equals(HEAD_MEMBERS)) {
            throw new MalformedLineException("head must be exactly {\"head\":{\"position\",\"hash\",\"count\"}}",
                    position);
        }
        return new ExportLine.Head(position, hash, count);
    }

    private static long integer(JsonParser parser, String name, Long position) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new MalformedLineException(name + " is not an integer", position);
        }
        return parser.getLongValue();
    }

    private static String text(JsonParser parser, String name, Long position, boolean nullable) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL && nullable) {
            return null;
        }
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new MalformedLineException(name + " is not a string", position);
        }
        return parser.getText();
    }

    /** A line that is not in the export format. */
    public static final class MalformedLineException extends IllegalArgumentException {

        private final Long position;

        MalformedLineException(String message, Long position) {
            super(message);
            this.position = position;
        }

        /** The line's position, if it could be read before the line turned out malformed. */
        public Long position() {
            return position;
        }
    }
}
