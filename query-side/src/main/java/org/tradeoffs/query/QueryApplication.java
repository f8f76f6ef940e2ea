package org.tradeoffs.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The read side: projections of the event store into MongoDB views, served over REST and pushed
 * over STOMP.
 *
 * <p>Boot's own {@link MongoAutoConfiguration} is excluded because the event-store module owns
 * the one {@code MongoClient} of the application; two clients would point at different servers.
 */
@SpringBootApplication(exclude = MongoAutoConfiguration.class)
public class QueryApplication {

    /** The configuration file's name, {@code query-side.yml}. */
    public static final String CONFIG_NAME = "query-side";

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The application with its own configuration file, so that it can share a JVM (and a
     * classpath) with the command side, as the end-to-end tests do.
     */
    public static SpringApplicationBuilder application() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        return new SpringApplicationBuilder(QueryApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }
}
