package org.tradeoffs.benchmark.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * HTTP calls of the command and query APIs, as a browser makes them (keep-alive, HTTP Basic demo users): commands
 * with {@link PlainHttp}, queries with the JDK's client.
 */
final class CommandClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** Each client thread's own connection for commands. */
    private final ThreadLocal<PlainHttp> commands;
    private final String queryUrl;

    CommandClient(String commandUrl, String queryUrl) {
        this.commands = ThreadLocal.withInitial(() -> new PlainHttp(URI.create(commandUrl)));
        this.queryUrl = queryUrl;
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    /** A command's answer: the id it names and the global position of its events. */
    record Receipt(String id, long position) {
    }

    Receipt post(String user, String path, String json) throws IOException {
        PlainHttp.Response response = commands.get().post(path, basic(user), json);
        if (response.status() / 100 != 2) {
            throw new IOException("POST " + path + " answered " + response.status() + ": " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        return new Receipt(body.path("id").asText(null), body.path("position").asLong());
    }

    JsonNode get(String user, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(queryUrl + path))
                .header("Authorization", basic(user)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A district with a design team member and a steering committee member, and an open cycle; the cycle's id. */
    String openCycle() throws IOException, InterruptedException {
        return openCycleOfNewDistrict()[1];
    }

    /** The same; its district's id and the cycle's id, once the query side knows the cycle (or it fails). */
    String[] openCycleOfNewDistrict() throws IOException, InterruptedException {
        String[] opened = openUnseen();
        for (int tries = 0; ; tries++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(queryUrl + "/api/cycles/"
                    + opened[1])).header("Authorization", basic("designer")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return opened;
            }
            if (tries > 600) {
                throw new IOException("the query side never showed cycle " + opened[1] + ": " + response.body());
            }
            Thread.sleep(100);
        }
    }

    private String[] openUnseen() throws IOException, InterruptedException {
        String district = post("admin", "/api/districts",
                "{\"name\":\"Benchmark district " + UUID.randomUUID() + "\",\"enrollment\":30000}").id();
        post("admin", "/api/districts/" + district + "/members", "{\"username\":\"steering\",\"role\":\"STEERING_COMMITTEE\"}");
        post("admin", "/api/districts/" + district + "/members", "{\"username\":\"designer\",\"role\":\"DESIGN_TEAM\"}");
        return new String[] {district,
                post("steering", "/api/districts/" + district + "/cycles", "{\"name\":\"SY 2027-28\"}").id()};
    }

    /** The command every load here applies: a design-team member proposes a priority (a new aggregate each time). */
    Receipt proposePriority(String cycleId, int n) throws IOException {
        return post("designer", "/api/cycles/" + cycleId + "/priorities", "{\"title\":\"Priority " + n
                + "\",\"description\":\"Benchmark priority " + n + "\",\"theoryOfAction\":\"Measured, not argued\","
                + "\"fundability\":\"ACTION\",\"estimatedAnnualCost\":\"" + (1000 + n) + ".00\",\"lcapGoal\":null}");
    }
}
