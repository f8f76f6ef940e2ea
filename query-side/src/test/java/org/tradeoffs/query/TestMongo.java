package org.tradeoffs.query;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test class's own in-memory MongoDB for its Spring context: {@code @RegisterExtension static final TestMongo MONGO},
 * {@link #register} from a {@code @DynamicPropertySource}, and {@code @DirtiesContext} on the class. Its address makes
 * the context the class's own (no other class reuses it), so the class closes it when done, and the server stops as
 * part of that close, once the processors and feeds have stopped. Stopping the server after the class instead left
 * the context cached with its processors polling a stopped server, and its close at the end of the test JVM waiting
 * for that server (surefire then killed the JVM after 30 s).
 */
public final class TestMongo implements AfterAllCallback {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final String uri = server.bindAndGetConnectionString() + "/tradeoffs";

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
            beans.registerDisposableBean("testMongoServer", server::shutdownNow);
        } else {
            server.shutdownNow();
        }
    }
}
