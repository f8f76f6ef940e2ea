package org.tradeoffs.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.DisallowUnknownKeywordFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The frontend contract as test code sees it: validates JSON payloads, REST responses and STOMP frame bodies
 * against the hand-written JSON Schemas, {@code openapi.yaml} and {@code asyncapi.yaml} packaged under
 * {@code contract/} on the classpath.
 *
 * <p>Every method answers a list of human-readable problems; an empty list means the payload conforms.
 * <pre>{@code
 * Contract contract = Contract.load();
 * assertThat(contract.validateResponse("GET", "/api/cycles/{cycleId}/priorities", 200,
 *         "application/json", body)).isEmpty();
 * }</pre>
 */
public final class Contract {

    /** Where the packaged files live on the classpath. */
    static final String ROOT = "contract/";
    /** The schema files' {@code $id}s start with this; it is mapped to the classpath, never fetched. */
    static final String SCHEMA_BASE = "https://tradeoffs.local/schemas/";
    /** openapi.yaml and asyncapi.yaml sit one level above the schemas, so their relative $refs resolve here. */
    private static final URI DOCUMENT_BASE = URI.create("https://tradeoffs.local/");
    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static Contract shared;

    // Floats as BigDecimal so that multipleOf sees exactly what was sent; trailing text and duplicate keys
    // are payload bugs too.
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final JsonNode openApi;
    private final JsonNode asyncApi;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private Contract() {
        // Unknown keywords fail compilation: a typo such as "requried" must not silently weaken the contract.
        JsonMetaSchema strict202012 = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .unknownKeywordFactory(DisallowUnknownKeywordFactory.getInstance())
                .build();
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(strict202012)
                .schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, "classpath:" + ROOT + "schemas/")));
        config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .locale(Locale.ENGLISH)
                .build();
        YAMLMapper yaml = new YAMLMapper();
        openApi = readTree(yaml, "openapi.yaml");
        asyncApi = readTree(yaml, "asyncapi.yaml");
    }

    /** The contract read from the classpath (jar or target/classes); loaded once and shared, it is thread-safe. */
    public static synchronized Contract load() {
        if (shared == null) {
            shared = new Contract();
        }
        return shared;
    }

    /**
     * Validates a JSON text against {@code schemas/<schemaName>.schema.json}, e.g. {@code "priority-view"}.
     *
     * @return the problems found; empty when the text conforms
     */
    public List<String> validate(String schemaName, String json) {
        if (find("schemas/" + schemaName + ".schema.json") == null) {
            return List.of("no schema schemas/" + schemaName + ".schema.json in the contract");
        }
        return validate(schema(schemaName), json);
    }

    /**
     * Validates a response against the operation {@code method pathTemplate} of openapi.yaml, e.g.
     * {@code ("GET", "/api/cycles/{cycleId}/priorities", 200, "application/json", body)}: the status and the content
     * type (parameters such as charset ignored) must be documented and the body must match the documented schema.
     * A response documented without content must come without a body.
     */
    public List<String> validateResponse(String method, String pathTemplate, int status, String contentType,
                                         String json) {
        String operationName = method.toUpperCase(Locale.ROOT) + " " + pathTemplate;
        JsonNode operation = openApi.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
        if (!operation.isObject()) {
            return List.of("openapi.yaml has no operation " + operationName);
        }
        JsonNode responses = operation.path("responses");
        JsonNode response = resolve(openApi, responses.path(String.valueOf(status)));
        if (!response.isObject()) {
            return List.of("status " + status + " is not documented for " + operationName
                    + "; documented: " + fieldNames(responses));
        }
        JsonNode content = response.path("content");
        if (content.isEmpty()) {
            return json == null || json.isBlank() ? List.of()
                    : List.of(operationName + " " + status + " is documented without a body, but one came");
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode media = content.path(mediaType);
        if (!media.isObject()) {
            return List.of((contentType == null ? "no Content-Type" : "content type '" + contentType + "'")
                    + " is not documented for " + operationName + " " + status + "; documented: " + fieldNames(content));
        }
        String key = "openapi " + operationName + " " + status + " " + mediaType;
        return validate(inlineSchema(key, media.path("schema")), json);
    }

    /**
     * Validates a STOMP frame body against the message payload of the asyncapi.yaml channel whose address is
     * {@code channelAddressTemplate}, e.g. {@code "/topic/cycles/{cycleId}/priorities"}. When a channel carries
     * several messages, the body must match one of them.
     */
    public List<String> validateFrame(String channelAddressTemplate, String json) {
        JsonNode channel = null;
        for (JsonNode candidate : asyncApi.path("channels")) {
            if (channelAddressTemplate.equals(candidate.path("address").asText(null))) {
                channel = candidate;
            }
        }
        if (channel == null) {
            return List.of("asyncapi.yaml has no channel with address " + channelAddressTemplate);
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = channel.path("messages").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> message = it.next();
            JsonNode payload = resolve(asyncApi, resolve(asyncApi, message.getValue()).path("payload"));
            // A Multi Format Schema Object wraps the schema; a plain payload is the schema itself.
            JsonNode schema = payload.has("schemaFormat") ? payload.path("schema") : payload;
            String key = "asyncapi " + channelAddressTemplate + " " + message.getKey();
            List<String> messageProblems = validate(inlineSchema(key, schema), json);
            if (messageProblems.isEmpty()) {
                return List.of();
            }
            messageProblems.forEach(problem -> problems.add(message.getKey() + ": " + problem));
        }
        return problems.isEmpty() ? List.of("channel " + channelAddressTemplate + " documents no message") : problems;
    }

    /** The compiled schema of {@code schemas/<schemaName>.schema.json}, with all its $refs resolved. */
    JsonSchema schema(String schemaName) {
        return schemas.computeIfAbsent(schemaName, name -> {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(SCHEMA_BASE + name + ".schema.json"), config);
            schema.initializeValidators();
            return schema;
        });
    }

    JsonNode openApi() {
        return openApi;
    }

    JsonNode asyncApi() {
        return asyncApi;
    }

    private List<String> validate(JsonSchema schema, String text) {
        if (text == null || text.isBlank()) {
            return List.of("no body, but a JSON document is expected");
        }
        JsonNode instance;
        try {
            instance = json.readTree(text);
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        return schema.validate(instance).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    /**
     * Compiles a schema written inside openapi.yaml or asyncapi.yaml (such as {@code type: array} with
     * {@code items: $ref}), first making its relative $refs to the schema files absolute.
     */
    private JsonSchema inlineSchema(String key, JsonNode schemaInDocument) {
        return schemas.computeIfAbsent(key, k -> {
            ObjectNode schema = json.createObjectNode().put("$schema", DIALECT);
            schema.setAll((ObjectNode) absoluteRefs(schemaInDocument.deepCopy()));
            JsonSchema compiled = factory.getSchema(schema, config);
            compiled.initializeValidators();
            return compiled;
        });
    }

    private static JsonNode absoluteRefs(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && !ref.asText().startsWith("#")) {
                object.set("$ref", TextNode.valueOf(DOCUMENT_BASE.resolve(ref.asText()).toString()));
            }
        }
        node.forEach(Contract::absoluteRefs);
        return node;
    }

    /** Follows local {@code $ref}s ("#/components/...") inside one document. */
    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        while (current.isObject() && current.path("$ref").asText("").startsWith("#")) {
            current = document.at(current.path("$ref").asText().substring(1));
        }
        return current;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode readTree(ObjectMapper mapper, String file) {
        URL url = find(file);
        if (url == null) {
            throw new IllegalStateException(ROOT + file + " is not on the classpath; depend on frontend-contract");
        }
        try (InputStream in = url.openStream()) {
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    private static URL find(String file) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        URL url = context == null ? null : context.getResource(ROOT + file);
        return url != null ? url : Contract.class.getClassLoader().getResource(ROOT + file);
    }
}
