package org.tradeoffs.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the hand-written files themselves, as they are in the module directory. */
class ContractDocumentsTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path SCHEMAS = MODULE.resolve("schemas");

    private final Contract contract = Contract.load();

    @Test
    void everySchemaFileCompilesWithItsRefsResolvedFromTheClasspath() {
        assertThat(schemaFiles()).hasSizeGreaterThanOrEqualTo(46).allSatisfy(file -> {
            JsonSchema schema = contract.schema(nameOf(file));
            assertThat(schema.getSchemaNode().path("$id").asText())
                    .isEqualTo(Contract.SCHEMA_BASE + file.getFileName());
            assertThat(schema.getSchemaNode().path("$schema").asText())
                    .isEqualTo("https://json-schema.org/draft/2020-12/schema");
        });
    }

    @Test
    void everySchemaFileConformsToTheDraft202012MetaSchema() {
        JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(schemaFiles()).allSatisfy(file ->
                assertThat(metaSchema.validate(read(file))).as(file.getFileName().toString()).isEmpty());
    }

    @Test
    void everyExampleWrittenInASchemaConformsToIt() {
        List<String> problems = new ArrayList<>();
        for (Path file : schemaFiles()) {
            for (JsonNode example : read(file).path("examples")) {
                contract.validate(nameOf(file), example.toString())
                        .forEach(problem -> problems.add(file.getFileName() + ": " + problem));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyPayloadOfTheAgreedApiHasASchema() {
        assertThat(schemaFiles()).map(ContractDocumentsTest::nameOf).contains(
                "problem", "write-receipt", "register-district-request", "add-member-request", "open-cycle-request",
                "priority-request", "withdrawal-request", "decision-request", "reopening-request",
                "district-summary", "district-view", "cycle-view", "priority-view", "timeline-page",
                "timeline-entry", "priority-frame", "timeline-frame",
                "audit-verification", "audit-export-line",
                "custom-opportunity-request", "screening-request", "budget-line-request", "cost-driver-request",
                "constraint-request", "sizing-request", "owner-request", "milestone-request", "capture-request",
                "sizing-receipt", "opportunity-summary", "opportunity-detail", "savings-pipeline", "savings-frame",
                "stakeholder-input-request", "input-correction-request", "themes-request", "tradeoff-request",
                "submission-request", "voting-rules-request", "vote-request", "closing-request",
                "input-view", "input-digest", "tradeoff-view", "balance", "tradeoffs-frame", "inputs-frame",
                "decision-provenance", "rebuild-request", "rebuild-status", "changes-page",
                "presence-frame", "presence-update", "presence-error");
    }

    @Test
    void everyRequiredPropertyOfAClosedObjectIsDeclared() {
        List<String> undeclared = new ArrayList<>();
        for (Path file : schemaFiles()) {
            walk(read(file), "#", (pointer, node) -> {
                if (node.path("additionalProperties").isBoolean() && !node.path("additionalProperties").asBoolean()) {
                    node.path("required").forEach(name -> {
                        if (!node.path("properties").has(name.asText())) {
                            undeclared.add(file.getFileName() + pointer + " requires " + name.asText());
                        }
                    });
                }
            });
        }
        assertThat(undeclared).isEmpty();
    }

    @Test
    void everyRefInTheSchemasOpenApiAndAsyncApiResolvesToAnExistingFileAndLocation() {
        Map<String, String> broken = new TreeMap<>();
        List<Path> documents = new ArrayList<>(schemaFiles());
        documents.add(MODULE.resolve("openapi.yaml"));
        documents.add(MODULE.resolve("asyncapi.yaml"));
        int[] refs = {0};
        for (Path document : documents) {
            JsonNode root = read(document);
            walk(root, "#", (pointer, node) -> {
                JsonNode ref = node.get("$ref");
                if (ref == null || !ref.isTextual()) {
                    return;
                }
                refs[0]++;
                String where = MODULE.relativize(document) + pointer;
                String[] fileAndFragment = ref.asText().split("#", 2);
                JsonNode target = root;
                if (!fileAndFragment[0].isEmpty()) {
                    Path file = document.getParent().resolve(fileAndFragment[0]).normalize();
                    if (!Files.isRegularFile(file)) {
                        broken.put(where, ref.asText() + " (no file " + MODULE.relativize(file) + ")");
                        return;
                    }
                    target = read(file);
                }
                if (fileAndFragment.length == 2 && target.at(fileAndFragment[1]).isMissingNode()) {
                    broken.put(where, ref.asText() + " (no such location)");
                }
            });
        }
        assertThat(broken).isEmpty();
        assertThat(refs[0]).as("refs checked").isGreaterThan(100);
    }

    @Test
    void openApiDocumentsEveryOperationOfTheAgreedApiAndNoOther() {
        Set<String> operations = new TreeSet<>();
        contract.openApi().path("paths").fields().forEachRemaining(path ->
                path.getValue().fieldNames().forEachRemaining(method -> {
                    if (!method.equals("parameters")) {
                        operations.add(method.toUpperCase() + " " + path.getKey());
                    }
                }));

        assertThat(operations).containsExactlyInAnyOrder(
                "POST /api/districts",
                "POST /api/districts/{districtId}/members",
                "DELETE /api/districts/{districtId}/members/{username}/roles/{role}",
                "POST /api/districts/{districtId}/cycles",
                "POST /api/cycles/{cycleId}/priorities",
                "PUT /api/cycles/{cycleId}/priorities/{priorityId}",
                "POST /api/cycles/{cycleId}/priorities/{priorityId}/withdrawal",
                "POST /api/cycles/{cycleId}/priorities/{priorityId}/decision",
                "POST /api/cycles/{cycleId}/priorities/{priorityId}/reopening",
                "GET /api/districts",
                "GET /api/districts/{districtId}",
                "GET /api/districts/{districtId}/cycles",
                "GET /api/districts/{districtId}/audit/verify",
                "GET /api/districts/{districtId}/audit/export",
                "GET /api/cycles/{cycleId}",
                "GET /api/cycles/{cycleId}/priorities",
                "GET /api/cycles/{cycleId}/priorities/{priorityId}",
                "GET /api/cycles/{cycleId}/timeline",
                "GET /api/cycles/{cycleId}/changes",
                "POST /api/cycles/{cycleId}/opportunities",
                "POST /api/cycles/{cycleId}/opportunities/{opportunityId}/screening",
                "POST /api/cycles/{cycleId}/opportunities/{opportunityId}/budget-lines",
                "POST /api/cycles/{cycleId}/opportunities/{opportunityId}/cost-drivers",
                "POST /api/cycles/{cycleId}/opportunities/{opportunityId}/constraints",
                "POST /api/cycles/{cycleId}/opportunities/{opportunityId}/sizings",
                "PUT /api/cycles/{cycleId}/opportunities/{opportunityId}/owner",
                "POST /api/cycles/{cycleId}/opportunities/{opportunityId}/milestones",
                "POST /api/cycles/{cycleId}/opportunities/{opportunityId}/milestones/{milestoneId}/completion",
                "POST /api/cycles/{cycleId}/opportunities/{opportunityId}/captures",
                "GET /api/cycles/{cycleId}/opportunities",
                "GET /api/cycles/{cycleId}/opportunities/{opportunityId}",
                "GET /api/cycles/{cycleId}/savings-pipeline",
                "POST /api/cycles/{cycleId}/stakeholder-inputs",
                "PUT /api/cycles/{cycleId}/stakeholder-inputs/{inputId}",
                "POST /api/cycles/{cycleId}/stakeholder-inputs/{inputId}/themes",
                "POST /api/cycles/{cycleId}/tradeoffs",
                "PUT /api/cycles/{cycleId}/tradeoffs/{tradeoffId}",
                "POST /api/cycles/{cycleId}/tradeoffs/{tradeoffId}/submission",
                "POST /api/cycles/{cycleId}/tradeoffs/{tradeoffId}/voting-rules",
                "POST /api/cycles/{cycleId}/tradeoffs/{tradeoffId}/votes",
                "POST /api/cycles/{cycleId}/tradeoffs/{tradeoffId}/closing",
                "GET /api/cycles/{cycleId}/stakeholder-inputs",
                "GET /api/cycles/{cycleId}/stakeholder-inputs/digest",
                "GET /api/cycles/{cycleId}/stakeholder-inputs/{inputId}",
                "GET /api/cycles/{cycleId}/tradeoffs",
                "GET /api/cycles/{cycleId}/tradeoffs/{tradeoffId}",
                "GET /api/cycles/{cycleId}/decisions",
                "GET /api/cycles/{cycleId}/decisions/{decisionId}/provenance",
                "GET /api/cycles/{cycleId}/balance",
                "POST /api/admin/rebuilds",
                "GET /api/admin/rebuilds",
                "GET /api/admin/rebuilds/{rebuildId}");
    }

    @Test
    void everyOperationRunsOnExactlyOneServiceAndAnswersErrorsAsProblemJson() {
        List<String> wrong = new ArrayList<>();
        contract.openApi().path("paths").fields().forEachRemaining(path ->
                path.getValue().fields().forEachRemaining(operation -> {
                    if (operation.getKey().equals("parameters")) {
                        return;
                    }
                    String name = operation.getKey() + " " + path.getKey();
                    String server = operation.getValue().path("servers").path(0).path("url").asText();
                    // reads, and the administrators' rebuilds of read models, are the query side's
                    boolean query = operation.getKey().equals("get") || path.getKey().startsWith("/api/admin/");
                    String expected = query ? "http://localhost:8082" : "http://localhost:8081";
                    if (!server.equals(expected) || operation.getValue().path("servers").size() != 1) {
                        wrong.add(name + " runs on " + operation.getValue().path("servers"));
                    }
                    operation.getValue().path("responses").fields().forEachRemaining(response -> {
                        JsonNode resolved = response.getValue();
                        String ref = resolved.path("$ref").asText("");
                        if (ref.startsWith("#")) {
                            resolved = contract.openApi().at(ref.substring(1));
                        }
                        boolean error = Integer.parseInt(response.getKey()) >= 400;
                        // the audit export is JSON Lines, one document per line
                        String success = path.getKey().endsWith("/audit/export") ? "application/x-ndjson"
                                : "application/json";
                        String mediaType = error ? "application/problem+json" : success;
                        String schema = resolved.path("content").path(mediaType).path("schema").toString();
                        if (resolved.path("content").size() != 1 || schema.equals("")
                                || error && !schema.contains("./schemas/problem.schema.json")) {
                            wrong.add(name + " " + response.getKey() + " answers " + resolved.path("content"));
                        }
                    });
                    if (!operation.getValue().path("responses").has("401")) {
                        wrong.add(name + " does not document 401");
                    }
                }));
        assertThat(wrong).isEmpty();
    }

    @Test
    void asyncApiHasTheCycleTopicsThePresenceDestinationsAndTheRebuildTopicWithTheirSchemas() {
        Map<String, String> payloads = new TreeMap<>();
        contract.asyncApi().path("channels").forEach(channel -> channel.path("messages").forEach(message -> {
            JsonNode resolved = contract.asyncApi().at(message.path("$ref").asText().substring(1));
            payloads.put(channel.path("address").asText(), resolved.path("payload").path("$ref").asText());
        }));

        assertThat(payloads).containsExactlyInAnyOrderEntriesOf(Map.of(
                "/topic/cycles/{cycleId}/priorities", "./schemas/priority-frame.schema.json",
                "/topic/cycles/{cycleId}/timeline", "./schemas/timeline-frame.schema.json",
                "/topic/cycles/{cycleId}/savings", "./schemas/savings-frame.schema.json",
                "/topic/cycles/{cycleId}/tradeoffs", "./schemas/tradeoffs-frame.schema.json",
                "/topic/cycles/{cycleId}/inputs", "./schemas/inputs-frame.schema.json",
                "/topic/cycles/{cycleId}/presence", "./schemas/presence-frame.schema.json",
                "/app/cycles/{cycleId}/presence", "./schemas/presence-update.schema.json",
                "/user/queue/errors", "./schemas/presence-error.schema.json",
                "/topic/admin/rebuilds", "./schemas/rebuild-status.schema.json"));
    }

    @Test
    void everyChannelRefusesANonMembersSubscriptionTheSameWay() {
        List<String> channels = new ArrayList<>();
        contract.asyncApi().path("operations").forEach(operation -> {
            String channel = operation.path("channel").path("$ref").asText();
            boolean send = operation.path("action").asText().equals("send");
            assertThat(operation.path("action").asText()).isEqualTo(
                    channel.equals("#/channels/cyclePresenceUpdates") ? "send" : "receive");
            String who = switch (channel) {
                case "#/channels/adminRebuilds" -> "Platform administrators only";
                case "#/channels/presenceErrors" -> "Any authenticated user";
                default -> "Members of the cycle's district only";
            };
            assertThat(operation.path("description").asText()).contains(who).contains("`message: forbidden`");
            assertThat(operation.path(send ? "x-send-refusal" : "x-subscribe-refusal").path("headers").path("message")
                    .asText()).isEqualTo("forbidden");
            channels.add(channel);
        });

        assertThat(channels).containsExactlyInAnyOrder(
                "#/channels/cyclePriorities", "#/channels/cycleTimeline", "#/channels/cycleSavings",
                "#/channels/cycleTradeoffs", "#/channels/cycleInputs", "#/channels/adminRebuilds",
                "#/channels/cyclePresence", "#/channels/cyclePresenceUpdates", "#/channels/presenceErrors");
    }

    @Test
    void aPresenceSendIsAnsweredOnlyOnTheSendersErrorQueue() {
        JsonNode send = contract.asyncApi().path("operations").path("sendPresence");

        assertThat(send.path("reply").path("channel").path("$ref").asText()).isEqualTo("#/channels/presenceErrors");
        assertThat(contract.validateFrame("/user/queue/errors", "{\"type\":\"urn:tradeoffs:problem:invalid-presence\","
                + "\"title\":\"Invalid presence\",\"code\":\"invalid-presence\",\"detail\":\"bad\"}")).isEmpty();
        assertThat(contract.validateFrame("/app/cycles/{cycleId}/presence",
                "{\"viewing\":{\"kind\":\"budget\",\"id\":\"x\"},\"editing\":null}")).isNotEmpty();
        assertThat(contract.validateFrame("/app/cycles/{cycleId}/presence", "{\"viewing\":null}")).isNotEmpty();
    }

    @Test
    void opportunityDetailRepeatsEverySummaryFieldUnchanged() {
        JsonNode summary = read(SCHEMAS.resolve("opportunity-summary.schema.json"));
        JsonNode detail = read(SCHEMAS.resolve("opportunity-detail.schema.json"));
        List<String> required = new ArrayList<>();
        detail.path("required").forEach(name -> required.add(name.asText()));

        summary.path("properties").fields().forEachRemaining(field -> {
            assertThat(detail.path("properties").path(field.getKey())).as(field.getKey()).isEqualTo(field.getValue());
            assertThat(required).as("detail requires").contains(field.getKey());
        });
        assertThat(detail.path("allOf").findValuesAsText("$ref"))
                .contains("opportunity-summary.schema.json#/$defs/summary-rules");
    }

    @Test
    void everyQueryTakesAnOptionalMinPositionAndMayAnswerBadRequestOrNotReadyWithRetryAfter() {
        List<String> wrong = new ArrayList<>();
        contract.openApi().path("paths").fields().forEachRemaining(path -> {
            JsonNode get = path.getValue().path("get");
            if (get.isMissingNode() || path.getKey().startsWith("/api/admin/")) {
                return;
            }
            String name = "get " + path.getKey();
            if (!get.path("parameters").toString().contains("\"#/components/parameters/minPosition\"")) {
                wrong.add(name + " does not take minPosition");
            }
            if (!get.path("responses").has("400") || !get.path("responses").has("503")) {
                wrong.add(name + " answers " + fieldNamesOf(get.path("responses")));
            }
        });
        JsonNode minPosition = contract.openApi().at("/components/parameters/minPosition");
        assertThat(minPosition.path("in").asText()).isEqualTo("query");
        assertThat(minPosition.path("required").asBoolean(true)).isFalse();
        assertThat(minPosition.path("schema").path("minimum").asInt(-1)).isZero();
        assertThat(contract.openApi().at("/components/responses/NotReady/headers").has("Retry-After")).isTrue();
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyReadOfAReadModelTakesAnOptionalAsOfAndNamesItsPositionInTheAnswer() {
        // the reads answered from the read models, which asOf rebuilds as of then (decision provenance is fixed at
        // its decision anyway; rebuilds are no read model)
        Set<String> readModelQueries = Set.of("/api/districts", "/api/districts/{districtId}",
                "/api/districts/{districtId}/cycles", "/api/districts/{districtId}/audit/verify",
                "/api/districts/{districtId}/audit/export", "/api/cycles/{cycleId}", "/api/cycles/{cycleId}/priorities",
                "/api/cycles/{cycleId}/priorities/{priorityId}", "/api/cycles/{cycleId}/timeline",
                "/api/cycles/{cycleId}/opportunities", "/api/cycles/{cycleId}/opportunities/{opportunityId}",
                "/api/cycles/{cycleId}/savings-pipeline", "/api/cycles/{cycleId}/stakeholder-inputs",
                "/api/cycles/{cycleId}/stakeholder-inputs/digest", "/api/cycles/{cycleId}/stakeholder-inputs/{inputId}",
                "/api/cycles/{cycleId}/tradeoffs",
                "/api/cycles/{cycleId}/tradeoffs/{tradeoffId}", "/api/cycles/{cycleId}/decisions",
                "/api/cycles/{cycleId}/balance");
        List<String> wrong = new ArrayList<>();
        Set<String> asOfQueries = new TreeSet<>();
        contract.openApi().path("paths").fields().forEachRemaining(path -> {
            JsonNode get = path.getValue().path("get");
            if (get.isMissingNode() || !get.path("parameters").toString().contains("\"#/components/parameters/asOf\"")) {
                return;
            }
            asOfQueries.add(path.getKey());
            String name = "get " + path.getKey();
            if (!get.at("/responses/200/headers/As-Of-Position/$ref").asText().equals("#/components/headers/AsOfPosition")) {
                wrong.add(name + " 200 does not name its As-Of-Position");
            }
            if (!get.path("responses").has("400")) {
                wrong.add(name + " answers " + fieldNamesOf(get.path("responses")));
            }
        });
        JsonNode asOf = contract.openApi().at("/components/parameters/asOf");
        assertThat(asOf.path("in").asText()).isEqualTo("query");
        assertThat(asOf.path("required").asBoolean(true)).isFalse();
        assertThat(asOf.path("schema").path("oneOf").findValuesAsText("format")).containsExactly("int64", "date-time");
        assertThat(asOfQueries).containsAll(readModelQueries);
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyOpportunityWriteAnswersTheOpportunityVersionAndTakesAnOptionalIfMatch() {
        List<String> wrong = new ArrayList<>();
        contract.openApi().path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/cycles/{cycleId}/opportunities/{opportunityId}/")) {
                return;
            }
            path.getValue().fields().forEachRemaining(operation -> {
                if (operation.getKey().equals("parameters")) {
                    return;
                }
                String name = operation.getKey() + " " + path.getKey();
                JsonNode op = operation.getValue();
                if (!op.path("parameters").toString().contains("#/components/parameters/ifMatchOptional")) {
                    wrong.add(name + " does not take an optional If-Match");
                }
                if (!op.path("responses").has("412") || op.path("responses").has("428")) {
                    wrong.add(name + " answers " + fieldNamesOf(op.path("responses")));
                }
                op.path("responses").fields().forEachRemaining(response -> {
                    int status = Integer.parseInt(response.getKey());
                    if (status < 300 && !response.getValue().path("headers").has("ETag")) {
                        wrong.add(name + " " + status + " has no ETag");
                    }
                    boolean location = response.getValue().path("headers").path("Location").path("$ref").asText()
                            .equals("#/components/headers/OpportunityLocation");
                    if ((status == 201) != location) {
                        wrong.add(name + " " + status + (location ? " has" : " lacks") + " the opportunity Location");
                    }
                });
            });
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyInputAndTradeoffWriteAnswersItsVersionAndTakesAnOptionalIfMatchOnceItExists() {
        List<String> wrong = new ArrayList<>();
        int[] writes = {0};
        contract.openApi().path("paths").fields().forEachRemaining(path -> {
            String key = path.getKey();
            boolean input = key.startsWith("/api/cycles/{cycleId}/stakeholder-inputs");
            boolean tradeoff = key.startsWith("/api/cycles/{cycleId}/tradeoffs");
            if (!input && !tradeoff) {
                return;
            }
            boolean creates = key.equals("/api/cycles/{cycleId}/stakeholder-inputs")
                    || key.equals("/api/cycles/{cycleId}/tradeoffs");
            String location = input ? "#/components/headers/InputLocation" : "#/components/headers/TradeoffLocation";
            path.getValue().fields().forEachRemaining(operation -> {
                if (operation.getKey().equals("parameters") || operation.getKey().equals("get")) {
                    return;
                }
                writes[0]++;
                String name = operation.getKey() + " " + key;
                JsonNode op = operation.getValue();
                boolean ifMatch = op.path("parameters").toString().contains("#/components/parameters/ifMatchOptional");
                if (ifMatch == creates || op.path("responses").has("412") == creates
                        || op.path("responses").has("428")) {
                    wrong.add(name + " takes If-Match " + ifMatch + " and answers " + fieldNamesOf(op.path("responses")));
                }
                if (!op.path("responses").has("409")) {
                    wrong.add(name + " does not document 409");
                }
                op.path("responses").fields().forEachRemaining(response -> {
                    int status = Integer.parseInt(response.getKey());
                    if (status < 300 && !response.getValue().path("headers").has("ETag")) {
                        wrong.add(name + " " + status + " has no ETag");
                    }
                    if (status < 300 && status != (creates ? 201 : 200)) {
                        wrong.add(name + " answers " + status);
                    }
                    boolean located = response.getValue().path("headers").path("Location").path("$ref").asText()
                            .equals(location);
                    if ((status == 201) != located) {
                        wrong.add(name + " " + status + (located ? " has" : " lacks") + " " + location);
                    }
                });
            });
        });
        assertThat(wrong).isEmpty();
        assertThat(writes[0]).as("input and tradeoff writes").isEqualTo(9);
    }

    @Test
    void everyRuleCodeIsNamedInTheConflictResponseAndTheCodeDescriptions() {
        JsonNode problem = read(SCHEMAS.resolve("problem.schema.json"));
        String conflict = contract.openApi().at("/components/responses/Conflict/description").asText();
        String codes = problem.at("/$defs/code/description").asText();
        List<String> ruleCodes = new ArrayList<>();
        problem.path("allOf").forEach(rule -> {
            if (rule.at("/then/properties/status/const").asInt() == 409) {
                ruleCodes.add(rule.at("/if/properties/code/const").asText());
            }
        });

        assertThat(ruleCodes).hasSizeGreaterThanOrEqualTo(18).contains("over-committed", "tradeoff-not-voting")
                .allSatisfy(code -> {
                    assertThat(conflict).as("Conflict response").contains(code);
                    assertThat(codes).as("$defs/code description").contains(code + " 409: ");
                });
        List<String> enumerated = new ArrayList<>();
        problem.at("/$defs/code/enum").forEach(code -> enumerated.add(code.asText()));
        assertThat(enumerated).containsAll(ruleCodes);
    }

    private static List<String> fieldNamesOf(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private interface Visitor {
        void visit(String pointer, JsonNode node);
    }

    private static void walk(JsonNode node, String pointer, Visitor visitor) {
        if (node.isObject()) {
            visitor.visit(pointer, node);
            node.fields().forEachRemaining(field -> walk(field.getValue(),
                    pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), visitor));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, visitor);
            }
        }
    }

    private static List<Path> schemaFiles() {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            return files.filter(file -> file.toString().endsWith(".schema.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nameOf(Path file) {
        return file.getFileName().toString().replace(".schema.json", "");
    }

    private static JsonNode read(Path file) {
        ObjectMapper mapper = file.toString().endsWith(".yaml") ? new YAMLMapper() : new ObjectMapper();
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
