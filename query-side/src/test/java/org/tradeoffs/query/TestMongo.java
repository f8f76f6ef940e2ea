package org.tradeoffs.query;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.util.FileSystemUtils;
import org.tradeoffs.eventstore.EmbeddedMongo;

/**
 * A test class's own MongoDB for its Spring context (mongo-java-server's memory backend, or {@link #embedded} the
 * embedded store of the default setup): {@code @RegisterExtension static final TestMongo MONGO},
 * {@link #register} from a {@code @DynamicPropertySource}, and {@code @DirtiesContext} on the class. Its address makes
 * the context the class's own (no other class reuses it), so the class closes it when done, and the server stops as
 * part of that close, once the processors and feeds have stopped. Stopping the server after the class instead left
 * the context cached with its processors polling a stopped server, and its close at the end of the test JVM waiting
 * for that server (surefire then killed the JVM after 30 s).
 */
public final class TestMongo implements AfterAllCallback {

    private final String uri;
    private final Runnable stop;

    /** mongo-java-server's memory backend. */
    public TestMongo() {
        MongoServer server = new MongoServer(new MemoryBackend());
        this.uri = server.bindAndGetConnectionString() + "/tradeoffs";
        this.stop = server::shutdownNow;
    }

    private TestMongo(EmbeddedMongo embedded, Path directory) {
        this.uri = embedded.connectionString("tradeoffs");
        this.stop = () -> {
            embedded.close();
            FileSystemUtils.deleteRecursively(directory.toFile());
        };
    }

    /** The embedded store as {@code ./run.sh} starts it (its H2 file in a temporary directory, deleted when done). */
    public static TestMongo embedded() {
        try {
            Path directory = Files.createTempDirectory("tradeoffs-test-store");
            return new TestMongo(EmbeddedMongo.onDisk(directory, 0), directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String uri() {
        return uri;
    }

    public void register(DynamicPropertyRegistry properties) {
        properties.add("tradeoffs.mongodb.uri", () -> uri);
    }

    /** Runs before Spring closes the class's context, which then stops the server with its beans. */
    @Override
    public void afterAll(ExtensionContext context) {
        if (SpringExtension.getApplicationContext(context) instanceof ConfigurableApplicationContext application
                && application.isActive()
                && application.getBeanFactory() instanceof DefaultSingletonBeanRegistry beans) {
            beans.registerDisposableBean("testMongoServer", stop::run);
        } else {
            stop.run();
        }
    }
}
