package org.tradeoffs.benchmark.live;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 requests on one kept-alive connection, written and read on the calling thread with blocking socket calls:
 * the benchmark's client for commands, so that the two cores it shares with the product go to the product. The JDK's
 * {@code HttpClient} took about a tenth of all CPU in the 8-thread phase (its selector thread, its workers and the
 * futures between them: about 0.35 ms of CPU per request, profiled 2026-11-30 01:03 UTC); this takes one write and
 * one or two reads per request. Each thread has its own (see {@link CommandClient}). Not a general client: it
 * reconnects when the server said {@code Connection: close} or the connection was idle, and never sends a request
 * twice.
 */
final class PlainHttp implements AutoCloseable {

    /** Longer idle than this and the server may have closed the connection meanwhile: a new one is opened. */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long lastUsed;

    PlainHttp(URI base) {
        this.host = base.getHost();
        this.port = base.getPort();
    }

    /** A response: its status and body. */
    record Response(int status, String body) {
    }

    /** Sends a POST with a JSON body and reads the response. */
    Response post(String path, String authorization, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: "
                + authorization + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        if (socket != null && System.nanoTime() - lastUsed > IDLE_NANOS) {
            close();
        }
        if (socket == null) {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        try {
            byte[] request = new byte[head.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            out.write(request);
            Response response = readResponse();
            lastUsed = System.nanoTime();
            return response;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private Response readResponse() throws IOException {
        String statusLine = line();
        String[] status = statusLine.split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP/1.1 response: " + statusLine);
        }
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                throw new IOException("Malformed header: " + header);
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closes = value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                body.write(in.readNBytes(size));
                expectEnd(line());
            }
            while (!line().isEmpty()) {
                // trailers: none expected, skipped
            }
        } else if (length >= 0) {
            byte[] bytes = in.readNBytes((int) length);
            if (bytes.length < length) {
                throw new EOFException("The response ended after " + bytes.length + " of " + length + " bytes");
            }
            body.write(bytes);
        } else {
            throw new IOException("A response without a length: " + statusLine);
        }
        if (closes) {
            close();
        }
        return new Response(Integer.parseInt(status[1]), body.toString(StandardCharsets.UTF_8));
    }

    private int chunkSize() throws IOException {
        String line = line();
        int extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private static void expectEnd(String line) throws IOException {
        if (!line.isEmpty()) {
            throw new IOException("A chunk longer than its size: " + line);
        }
    }

    /** One line of the response's head, without its CRLF. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("The connection closed mid-response");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
