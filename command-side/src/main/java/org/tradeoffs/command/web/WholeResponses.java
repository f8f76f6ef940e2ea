package org.tradeoffs.command.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Sends every response as one piece with a {@code Content-Length}. Spring's message converters flush the body once
 * written, which makes Tomcat send the headers and the body as a chunk right away and the closing chunk as a second
 * write when the request ends: two system calls and two segments for each command's few hundred bytes, and two reads
 * for the client. Here flushes before the end are ignored, so the response stays in Tomcat's buffer until the request
 * ends, when Tomcat knows its length and writes it at once. A body larger than that buffer (8 KiB) still leaves in
 * chunks as the buffer fills; the command side streams nothing on purpose.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class WholeResponses extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new HeldFlushes(response));
    }

    private static final class HeldFlushes extends HttpServletResponseWrapper {

        private ServletOutputStream stream;
        private PrintWriter writer;

        HeldFlushes(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                stream = new UnflushedStream(super.getOutputStream());
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(new FilterWriter(super.getWriter()) {
                    @Override
                    public void flush() {
                        // written when the request ends
                    }
                });
            }
            return writer;
        }

        @Override
        public void flushBuffer() {
            // written when the request ends
        }
    }

    private static final class UnflushedStream extends ServletOutputStream {

        private final ServletOutputStream out;

        UnflushedStream(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            // written when the request ends
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
