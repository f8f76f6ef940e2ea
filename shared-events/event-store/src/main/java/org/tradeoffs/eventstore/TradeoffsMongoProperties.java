package org.tradeoffs.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the data lives. {@code tradeoffs.mongodb.uri} (default {@code MONGODB_URI}) points at a real
 * MongoDB replica set in production; without it, one service hosts the embedded server.
 */
@ConfigurationProperties("tradeoffs.mongodb")
public class TradeoffsMongoProperties {

    private String uri = "mongodb://127.0.0.1:27027/tradeoffs";
    private final Embedded embedded = new Embedded();
    private final EventStore eventStore = new EventStore();
    private final TokenStore tokenStore = new TokenStore();

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public Embedded getEmbedded() {
        return embedded;
    }

    public EventStore getEventStore() {
        return eventStore;
    }

    public TokenStore getTokenStore() {
        return tokenStore;
    }

    public static class Embedded {
        /** Host the embedded server in this process (run.sh enables it on the command side only). */
        private boolean enabled;
        private int port = 27027;
        private Path dataDirectory = Path.of("data");

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public Path getDataDirectory() {
            return dataDirectory;
        }

        public void setDataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }
    }

    public static class EventStore {
        /** How long tracking readers wait for an allocated position to become visible before they burn it. */
        private Duration holeTimeout = Duration.ofSeconds(30);
        /** How often an idle tracking reader polls the store for events written by other processes. */
        private Duration pollInterval = Duration.ofMillis(20);
        /** While events keep coming, the least time between two of those polls (0: read again at once). */
        private Duration busyPollInterval = Duration.ofMillis(5);
        private int batchSize = 100;

        public Duration getHoleTimeout() {
            return holeTimeout;
        }

        public void setHoleTimeout(Duration holeTimeout) {
            this.holeTimeout = holeTimeout;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public Duration getBusyPollInterval() {
            return busyPollInterval;
        }

        public void setBusyPollInterval(Duration busyPollInterval) {
            this.busyPollInterval = busyPollInterval;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }
    }

    public static class TokenStore {
        /**
         * The owner a processor's claim is stored under. Empty: Axon's default, the JVM's name ({@code pid@host}),
         * which differs between processes; two instances in one JVM (the end-to-end tests) need distinct ids, or
         * both would run every processor.
         */
        private String nodeId = "";

        public String getNodeId() {
            return nodeId;
        }

        public void setNodeId(String nodeId) {
            this.nodeId = nodeId;
        }
    }
}
