package org.tradeoffs.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The write side: accepts commands over HTTP, checks them against aggregates, stores events. */
@SpringBootApplication
public class CommandApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(CommandApplication.class, args);
    }
}
