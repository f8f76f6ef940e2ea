package org.tradeoffs.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tradeoffs.contract.Contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A tiny HTTP client that checks every response against the OpenAPI contract. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Contract CONTRACT = Contract.load();

    /** @param location the {@code Location} header, null without one */
    record Response(int status, String contentType, String body, String etag, String location) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String id() {
            return json().get("id").asText();
        }
    }

    private Http() {
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    /** The template with its variables replaced by the values, in order. */
    static String path(String template, Object... args) {
        String path = template;
        for (Object arg : args) {
            path = path.replaceFirst("\\{[^}]+}", String.valueOf(arg));
        }
        return path;
    }

    /**
     * Sends a request and validates the response against the contract's operation.
     *
     * @param template the path template as in openapi.yaml, e.g. {@code /api/cycles/{cycleId}/priorities}
     * @param args     values for the template's variables, in order
     */
    static Response call(String baseUrl, String user, String method, String template, String body, List<String> headers,
                         Object... args) {
        String path = path(template, args);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            Response result = new Response(response.statusCode(), contentType, response.body(),
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Location").orElse(null));
            String templateWithoutQuery = template.contains("?") ? template.substring(0, template.indexOf('?')) : template;
            assertThat(CONTRACT.validateResponse(method, templateWithoutQuery, result.status(), contentType, result.body()))
                    .as("%s %s -> %d %s", method, path, result.status(), result.body())
                    .isEmpty();
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
