package org.tradeoffs.endtoend;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives the query side's sockets a small, fixed send buffer, as on a network path that buffers little: a client
 * that stops reading blocks the server's writes to it after a few frames, instead of after the megabytes Linux
 * buffers on loopback by default (send buffers grow up to {@code net.ipv4.tcp_wmem}'s maximum).
 */
@Configuration(proxyBeanMethods = false)
class SmallSocketBuffers {

    static final int SEND_BUFFER_BYTES = 16 * 1024;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSendBuffers() {
        return factory -> factory.addConnectorCustomizers(connector ->
                connector.setProperty("socket.txBufSize", Integer.toString(SEND_BUFFER_BYTES)));
    }
}
