package org.tradeoffs.eventstore;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.OpCode;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import de.bwaldvogel.mongo.wire.message.MessageHeader;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoReply;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's replies on the wire, as mongo-java-server's own encoders write them (OP_MSG, and OP_REPLY for
 * the legacy OP_QUERY), except that a document found as it is stored ({@link StoredBson#asStored}) is written as its
 * bytes: a query's answers go from the store to the socket without being decoded and encoded again.
 */
final class BsonReplies {

    private static final Logger log = LoggerFactory.getLogger(BsonReplies.class);
    private static final byte DOCUMENT = 0x03;
    private static final byte ARRAY = 0x04;

    private BsonReplies() {
    }

    /** Replies to OP_MSG requests (every request of the current drivers). */
    static final class Messages extends MessageToByteEncoder<MongoMessage> {

        @Override
        protected void encode(ChannelHandlerContext context, MongoMessage message, ByteBuf out) {
            int start = writeHeader(message.getHeader(), OpCode.OP_MSG, out);
            out.writeIntLE(message.getFlags());
            out.writeByte(MongoMessage.SECTION_KIND_BODY);
            writeDocument(context, message.getDocument(), out);
            out.setIntLE(start, out.writerIndex() - start);
        }
    }

    /** Replies to OP_QUERY requests (a driver's first handshake, older drivers). */
    static final class Replies extends MessageToByteEncoder<MongoReply> {

        @Override
        protected void encode(ChannelHandlerContext context, MongoReply reply, ByteBuf out) {
            int start = writeHeader(reply.getHeader(), OpCode.OP_REPLY, out);
            out.writeIntLE(reply.getFlags());
            out.writeLongLE(reply.getCursorId());
            out.writeIntLE(reply.getStartingFrom());
            out.writeIntLE(reply.getDocuments().size());
            for (Document document : reply.getDocuments()) {
                writeDocument(context, document, out);
            }
            out.setIntLE(start, out.writerIndex() - start);
        }
    }

    /** Writes a message's header, its length left to be set; answers where the message starts. */
    private static int writeHeader(MessageHeader header, OpCode opCode, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        out.writeIntLE(header.getRequestID());
        out.writeIntLE(header.getResponseTo());
        out.writeIntLE(opCode.getId());
        return start;
    }

    private static void writeDocument(ChannelHandlerContext context, Document document, ByteBuf out) {
        try {
            encodeDocument(document, out);
        } catch (RuntimeException e) {
            log.error("Failed to encode a reply of the embedded store", e);
            context.channel().close();
            throw e;
        }
    }

    /** A document as BSON: a stored one as its bytes, any other as mongo-java-server encodes it. */
    static void encodeDocument(Map<String, ?> document, ByteBuf out) {
        byte[] stored = document instanceof Document found ? StoredBson.storedBytes(found) : null;
        if (stored != null) {
            out.writeBytes(stored);
            return;
        }
        int start = out.writerIndex();
        out.writeIntLE(0);
        for (Map.Entry<String, ?> field : document.entrySet()) {
            encodeElement(field.getKey(), field.getValue(), out);
        }
        out.writeByte(0);
        out.setIntLE(start, out.writerIndex() - start);
    }

    private static void encodeElement(String key, Object value, ByteBuf out) {
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            out.writeByte(value instanceof Map<?, ?> ? DOCUMENT : ARRAY);
            writeKey(key, out);
            if (value instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, ?> subdocument = (Map<String, ?>) map;
                encodeDocument(subdocument, out);
            } else {
                encodeArray((Collection<?>) value, out);
            }
            return;
        }
        byte type = BsonEncoder.determineType(value);
        out.writeByte(type);
        writeKey(key, out);
        BsonEncoder.encodeValue(type, value, out);
    }

    private static void encodeArray(Collection<?> values, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        int index = 0;
        for (Object value : values) {
            encodeElement(Integer.toString(index++), value, out);
        }
        out.writeByte(0);
        out.setIntLE(start, out.writerIndex() - start);
    }

    private static void writeKey(String key, ByteBuf out) {
        out.writeBytes(key.getBytes(StandardCharsets.UTF_8));
        out.writeByte(0);
    }
}
