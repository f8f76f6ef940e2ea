package org.tradeoffs.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The write side: accepts commands over HTTP, checks them against aggregates, stores events. */
@SpringBootApplication
public class CommandApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The application with its own configuration file ({@code command-side.yml}), so that it can share
     * a JVM with the query side, as the end-to-end tests do.
     */
    public static SpringApplicationBuilder application() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        return new SpringApplicationBuilder(CommandApplication.class).properties("spring.config.name=command-side");
    }
}
