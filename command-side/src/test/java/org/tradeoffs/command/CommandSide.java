package org.tradeoffs.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.tradeoffs.eventstore.EmbeddedMongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The whole command-side application on a random port against an embedded MongoDB, for tests that need
 * the real event store; optionally with a test {@link Clock} in place of the system clock.
 */
public final class CommandSide implements AutoCloseable {

    public record Response(int status, String body, String etag, HttpHeaders headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String id() {
            return json().path("id").asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();

    private CommandSide(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static CommandSide start(EmbeddedMongo mongo, Clock clock, String... properties) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--tradeoffs.mongodb.uri=" + mongo.connectionString("tradeoffs"),
                "--spring.jmx.enabled=false",
                "--logging.level.root=WARN"));
        for (String property : properties) {
            args.add("--" + property);
        }
        var application = CommandApplication.application();
        if (clock != null) {
            // registered before the configuration is read, so the @ConditionalOnMissingBean system clock stands back
            application.initializers(context -> context.getBeanFactory().registerSingleton("clock", clock));
        }
        return new CommandSide(application.run(args.toArray(String[]::new)));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public Response post(String user, String path, String json) {
        return send(user, "POST", path, json, null);
    }

    public Response post(String user, String path, String json, String ifMatch) {
        return send(user, "POST", path, json, ifMatch);
    }

    public Response put(String user, String path, String json) {
        return send(user, "PUT", path, json, null);
    }

    public Response delete(String user, String path) {
        return send(user, "DELETE", path, "", null);
    }

    public Response put(String user, String path, String json, String ifMatch) {
        return send(user, "PUT", path, json, ifMatch);
    }

    private Response send(String user, String method, String path, String json, String ifMatch) {
        return ifMatch == null ? exchange(user, method, path, json) : exchange(user, method, path, json, "If-Match", ifMatch);
    }

    /** A request with a JSON body and more headers (name, value, name, value...). */
    public Response exchange(String user, String method, String path, String json, String... headers) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("ETag").orElse(null), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A district with the demo users in their roles; answers its id. */
    public String demoDistrict() {
        String districtId = post("admin", "/api/districts", "{\"name\":\"Hayward Unified\",\"enrollment\":22272}").id();
        for (String member : List.of("steering:STEERING_COMMITTEE", "designer:DESIGN_TEAM", "analyst:ROI_ANALYST",
                "auditor:AUDITOR")) {
            String[] parts = member.split(":");
            Response granted = post("admin", "/api/districts/" + districtId + "/members",
                    "{\"username\":\"" + parts[0] + "\",\"role\":\"" + parts[1] + "\"}");
            if (granted.status() != 201) {
                throw new IllegalStateException("Could not add " + member + ": " + granted);
            }
        }
        return districtId;
    }

    /** A planning cycle opened by the steering member; answers its id. */
    public String openCycle(String districtId, String name) {
        Response opened = post("steering", "/api/districts/" + districtId + "/cycles", "{\"name\":\"" + name + "\"}");
        if (opened.status() != 201) {
            throw new IllegalStateException("Could not open cycle " + name + ": " + opened);
        }
        return opened.id();
    }

    @Override
    public void close() {
        context.close();
    }
}
