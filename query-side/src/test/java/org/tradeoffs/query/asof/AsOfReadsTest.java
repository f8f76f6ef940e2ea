package org.tradeoffs.query.asof;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tradeoffs.contract.Contract;
import org.tradeoffs.query.QueryApplication;
import org.tradeoffs.query.TestMongo;
import org.tradeoffs.query.readmodel.DistrictHistory;

/**
 * Reading the past on the real event store (in-memory MongoDB): a district's year is stored step by step; after each
 * step every read of the query side is recorded as it answered then (with {@code minPosition}, so the views had the
 * step). At the end, every read with {@code asOf} that step's position, or an instant between that step and the next,
 * must answer exactly what was recorded, for every read model. Bad {@code asOf} values are problems, a cycle before
 * it existed is 404, and who may read is today's question.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // reads wait for the views as long as a busy build machine may need: what is compared is content, not speed
        properties = {"spring.config.name=" + QueryApplication.CONFIG_NAME, "tradeoffs.consistency.max-wait=60s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsOfReadsTest {

    @RegisterExtension
    static final TestMongo MONGO = new TestMongo();
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry properties) {
        MONGO.register(properties);
    }


    @Autowired
    TestRestTemplate http;
    @Autowired
    EventStore eventStore;

    /** A GET as a user; {@code template} is its operation in openapi.yaml. */
    record Read(String username, String path, String template) {
    }

    record Answer(Read read, int status, String etag, String body) {
    }

    /** What every read answered right after a step. */
    record Recorded(String step, long position, Instant after, List<Answer> answers) {
    }

    private DistrictHistory history;
    private Instant beforeTheFirstEvent;
    private final List<Recorded> year = new ArrayList<>();

    @BeforeAll
    void liveTheYearRecordingEveryReadAfterEachStep() {
        history = new DistrictHistory(eventStore);
        beforeTheFirstEvent = Instant.now();
        boolean cycleOpen = false;
        int index = 0;
        for (DistrictHistory.Step step : history.year()) {
            long position = step.append().getAsLong();
            Instant after = Instant.now();
            cycleOpen |= step.name().startsWith("open the cycle");
            List<Answer> answers = new ArrayList<>();
            for (Read read : reads(index++ > 0, cycleOpen)) {
                ResponseEntity<String> live = get(read.username(), read.path(), "minPosition", Long.toString(position));
                assertThat(live.getStatusCode().value()).as("%s after '%s'", read.path(), step.name()).isEqualTo(200);
                answers.add(new Answer(read, 200, live.getHeaders().getETag(), live.getBody()));
            }
            year.add(new Recorded(step.name(), position, after, answers));
        }
    }

    @Test
    void asOfAPositionEveryReadAnswersWhatItAnsweredRightAfterThatPosition() throws Exception {
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Recorded then : year) {
            for (Answer recorded : then.answers()) {
                Read read = recorded.read();
                ResponseEntity<String> past = get(read.username(), read.path(), "asOf", Long.toString(then.position()));
                compared++;
                String where = read.path() + " as " + read.username() + " as of '" + then.step() + "' ("
                        + then.position() + ")";
                if (past.getStatusCode().value() != recorded.status()) {
                    differences.add(where + ": status " + past.getStatusCode().value() + " " + past.getBody());
                    continue;
                }
                if (!sameContent(read, recorded.body(), past.getBody())) {
                    differences.add(where + ":\n  then  " + recorded.body() + "\n  as of " + past.getBody());
                }
                if (recorded.etag() != null && !recorded.etag().equals(past.getHeaders().getETag())) {
                    differences.add(where + ": ETag " + past.getHeaders().getETag() + ", then " + recorded.etag());
                }
                if (!Long.toString(then.position()).equals(past.getHeaders().getFirst(AsOfReads.HEADER))) {
                    differences.add(where + ": " + AsOfReads.HEADER + " " + past.getHeaders().getFirst(AsOfReads.HEADER));
                }
                differences.addAll(contractProblems(read, past).stream().map(problem -> where + ": " + problem).toList());
            }
        }
        assertThat(differences).isEmpty();
        assertThat(compared).as("reads compared").isGreaterThan(1000);
    }

    /** A blank {@code asOf} means today, on the audit's reads as on every other. */
    @Test
    void aBlankAsOfVerifiesTheChainAsItIsToday() throws Exception {
        String path = "/api/districts/" + history.district() + "/audit/verify";
        JsonNode today = JSON.readTree(get("auditor", path, null, null).getBody());
        for (String blank : List.of("", " ")) {
            ResponseEntity<String> verified = get("auditor", path, "asOf", blank);

            assertThat(verified.getStatusCode().value()).as("asOf '%s'", blank).isEqualTo(200);
            assertThat(JSON.readTree(verified.getBody()).path("head")).isEqualTo(today.path("head"));
        }
    }

    @Test
    void asOfAPositionTheAuditChainEndsAtThatPositionIntact() throws Exception {
        for (Recorded then : year) {
            ResponseEntity<String> verified = get("auditor", "/api/districts/" + history.district() + "/audit/verify",
                    "asOf", Long.toString(then.position()));

            JsonNode verification = JSON.readTree(verified.getBody());
            assertThat(verification.path("intact").asBoolean()).as(then.step()).isTrue();
            // every event of the history is the district's, so the chain's head is the step's last event
            assertThat(verification.path("head").path("position").asLong()).as(then.step()).isEqualTo(then.position());
        }
    }

    @Test
    void asOfAnInstantAnswersAsOfTheLastEventStoredAtOrBeforeIt() throws Exception {
        int step = 0;
        for (Recorded then : year) {
            // every third instant with an offset: the same moment two hours east
            String instant = step++ % 3 == 0 ? then.after().atOffset(ZoneOffset.ofHours(2)).toString()
                    : then.after().toString();
            for (Answer recorded : then.answers().subList(0, Math.min(then.answers().size(), 4))) {
                ResponseEntity<String> past = get(recorded.read().username(), recorded.read().path(), "asOf", instant);

                assertThat(past.getHeaders().getFirst(AsOfReads.HEADER)).as("%s at %s", then.step(), instant)
                        .isEqualTo(Long.toString(then.position()));
                assertThat(sameContent(recorded.read(), recorded.body(), past.getBody()))
                        .as("%s as of %s: %s", recorded.read().path(), instant, past.getBody()).isTrue();
            }
        }

        ResponseEntity<String> beforeAnything = get("admin", "/api/districts", "asOf", beforeTheFirstEvent.toString());
        assertThat(beforeAnything.getHeaders().getFirst(AsOfReads.HEADER)).isEqualTo("0");
        assertThat(beforeAnything.getBody()).isEqualTo("[]");
        ResponseEntity<String> today = get("admin", "/api/districts", null, null);
        assertThat(today.getHeaders().containsKey(AsOfReads.HEADER)).as("a read of today names no position").isFalse();
        assertThat(today.getBody()).contains(history.district());
    }

    @Test
    void asOfThatIsNeitherAPastPositionNorAPastInstantIsAValidationProblemNamingAsOf() {
        long head = eventStore.createHeadToken().position().orElseThrow();
        List<String> bad = List.of("yesterday", "12abc", "-5", "1.5", "2027-13-01T00:00:00Z", "2027-08-01",
                "99999999999999999999", Long.toString(head + 1), Instant.now().plusSeconds(86_400).toString());
        for (String asOf : bad) {
            for (Read read : List.of(
                    new Read("steering", "/api/cycles/" + history.cycle() + "/priorities", "/api/cycles/{cycleId}/priorities"),
                    new Read("steering", "/api/districts", "/api/districts"),
                    new Read("auditor", "/api/districts/" + history.district() + "/audit/verify",
                            "/api/districts/{districtId}/audit/verify"))) {
                ResponseEntity<String> answer = get(read.username(), read.path(), "asOf", asOf);

                assertThat(answer.getStatusCode().value()).as("%s?asOf=%s", read.path(), asOf).isEqualTo(400);
                assertThat(answer.getBody()).as(asOf).contains("\"code\":\"validation-failed\"")
                        .contains("\"field\":\"asOf\"");
                assertThat(contractProblems(read, answer)).as(asOf).isEmpty();
            }
        }
    }

    @Test
    void cycleOrItemReadAsOfBeforeItExistedIsNotFound() {
        Recorded beforeTheCycle = recorded("make treasurer");
        Recorded beforeTheProposals = recorded("open the cycle");
        String cycle = "/api/cycles/" + history.cycle();
        for (String path : List.of(cycle, cycle + "/priorities", cycle + "/timeline", cycle + "/opportunities",
                cycle + "/stakeholder-inputs/digest", cycle + "/balance")) {
            ResponseEntity<String> answer = get("steering", path, "asOf", Long.toString(beforeTheCycle.position()));

            assertThat(answer.getStatusCode().value()).as(path).isEqualTo(404);
            assertThat(answer.getBody()).contains("\"code\":\"not-found\"");
        }
        ResponseEntity<String> priority = get("steering", cycle + "/priorities/" + history.priorities().get(0), "asOf",
                Long.toString(beforeTheProposals.position()));
        assertThat(priority.getStatusCode().value()).isEqualTo(404);
        assertThat(contractProblems(new Read("steering", "", "/api/cycles/{cycleId}/priorities/{priorityId}"), priority))
                .isEmpty();
        ResponseEntity<String> district = get("admin", "/api/districts/" + history.district(), "asOf", "0");
        assertThat(district.getStatusCode().value()).isEqualTo(404);
        assertThat(contractProblems(new Read("admin", "", "/api/districts/{districtId}"), district)).isEmpty();
        // the list of today's cycles as of before the cycle: none yet
        ResponseEntity<String> cycles = get("steering", "/api/districts/" + history.district() + "/cycles", "asOf",
                Long.toString(beforeTheCycle.position()));
        assertThat(cycles.getBody()).isEqualTo("[]");
    }

    @Test
    void outsiderIsForbiddenAsOfAnyPosition() {
        for (Recorded then : List.of(recorded("open the cycle"), year.get(year.size() - 1))) {
            for (Read read : List.of(
                    new Read("outsider", "/api/cycles/" + history.cycle() + "/priorities", "/api/cycles/{cycleId}/priorities"),
                    new Read("outsider", "/api/cycles/" + history.cycle() + "/timeline", "/api/cycles/{cycleId}/timeline"),
                    new Read("outsider", "/api/districts/" + history.district(), "/api/districts/{districtId}"),
                    new Read("outsider", "/api/districts/" + history.district() + "/audit/verify",
                            "/api/districts/{districtId}/audit/verify"))) {
                ResponseEntity<String> answer = get(read.username(), read.path(), "asOf", Long.toString(then.position()));

                assertThat(answer.getStatusCode().value()).as(read.path()).isEqualTo(403);
                assertThat(answer.getBody()).contains("\"code\":\"forbidden\"");
                assertThat(contractProblems(read, answer)).isEmpty();
            }
            assertThat(get("outsider", "/api/districts", "asOf", Long.toString(then.position())).getBody()).isEqualTo("[]");
        }
    }

    @Test
    void auditorReadsThePastAsTheSteeringCommitteeSawIt() throws Exception {
        Recorded then = recorded("deciding vote");
        for (Answer steering : then.answers()) {
            if (!steering.read().username().equals("steering")) {
                continue;
            }
            Read read = new Read("auditor", steering.read().path(), steering.read().template());
            ResponseEntity<String> past = get("auditor", read.path(), "asOf", Long.toString(then.position()));

            assertThat(past.getStatusCode().value()).as(read.path()).isEqualTo(200);
            if (read.template().equals("/api/districts")) {
                // the district list names the caller's own roles
                assertThat(past.getBody()).contains("\"roles\":[\"AUDITOR\"]");
            } else {
                assertThat(sameContent(read, steering.body(), past.getBody())).as(read.path()).isTrue();
            }
            assertThat(contractProblems(read, past)).as(read.path()).isEmpty();
        }
    }

    /** Every read a member (and an administrator) can make of the district at this point of its year. */
    private List<Read> reads(boolean steeringIsMember, boolean cycleOpen) {
        String district = history.district();
        String cycle = "/api/cycles/" + history.cycle();
        List<Read> reads = new ArrayList<>();
        reads.add(new Read("admin", "/api/districts", "/api/districts"));
        reads.add(new Read("admin", "/api/districts/" + district, "/api/districts/{districtId}"));
        if (!steeringIsMember) {
            return reads;
        }
        reads.add(new Read("steering", "/api/districts", "/api/districts"));
        reads.add(new Read("steering", "/api/districts/" + district, "/api/districts/{districtId}"));
        reads.add(new Read("steering", "/api/districts/" + district + "/cycles", "/api/districts/{districtId}/cycles"));
        reads.add(new Read("steering", "/api/districts/" + district + "/audit/verify",
                "/api/districts/{districtId}/audit/verify"));
        reads.add(new Read("steering", "/api/districts/" + district + "/audit/export",
                "/api/districts/{districtId}/audit/export"));
        if (!cycleOpen) {
            return reads;
        }
        reads.add(new Read("steering", cycle, "/api/cycles/{cycleId}"));
        reads.add(new Read("steering", cycle + "/priorities", "/api/cycles/{cycleId}/priorities"));
        history.priorities().forEach(id -> reads.add(
                new Read("steering", cycle + "/priorities/" + id, "/api/cycles/{cycleId}/priorities/{priorityId}")));
        reads.add(new Read("steering", cycle + "/timeline", "/api/cycles/{cycleId}/timeline"));
        reads.add(new Read("steering", cycle + "/timeline?after=40&limit=5", "/api/cycles/{cycleId}/timeline"));
        reads.add(new Read("steering", cycle + "/opportunities", "/api/cycles/{cycleId}/opportunities"));
        history.opportunities().forEach(id -> reads.add(new Read("steering", cycle + "/opportunities/" + id,
                "/api/cycles/{cycleId}/opportunities/{opportunityId}")));
        reads.add(new Read("steering", cycle + "/savings-pipeline", "/api/cycles/{cycleId}/savings-pipeline"));
        reads.add(new Read("steering", cycle + "/stakeholder-inputs", "/api/cycles/{cycleId}/stakeholder-inputs"));
        reads.add(new Read("steering", cycle + "/stakeholder-inputs/digest",
                "/api/cycles/{cycleId}/stakeholder-inputs/digest"));
        reads.add(new Read("steering", cycle + "/tradeoffs", "/api/cycles/{cycleId}/tradeoffs"));
        history.tradeoffs().forEach(id -> reads.add(
                new Read("steering", cycle + "/tradeoffs/" + id, "/api/cycles/{cycleId}/tradeoffs/{tradeoffId}")));
        reads.add(new Read("steering", cycle + "/decisions", "/api/cycles/{cycleId}/decisions"));
        reads.add(new Read("steering", cycle + "/balance", "/api/cycles/{cycleId}/balance"));
        return reads;
    }

    private Recorded recorded(String stepNamePrefix) {
        return year.stream().filter(then -> then.step().startsWith(stepNamePrefix)).findFirst().orElseThrow();
    }

    /** Equal JSON (objects compared by field), or equal JSON Lines for the audit export. */
    private static boolean sameContent(Read read, String then, String past) throws Exception {
        if (read.template().endsWith("/audit/export")) {
            return then.equals(past);
        }
        return JSON.readTree(then).equals(JSON.readTree(past));
    }

    private static List<String> contractProblems(Read read, ResponseEntity<String> answer) {
        String contentType = String.valueOf(answer.getHeaders().getContentType());
        int status = answer.getStatusCode().value();
        if (status == 200 && read.template().endsWith("/audit/export")) {
            List<String> problems = new ArrayList<>();
            answer.getBody().lines().forEach(line -> problems.addAll(Contract.load().validate("audit-export-line", line)));
            problems.addAll(Contract.load().validateResponse("GET", read.template(), status, contentType,
                    answer.getBody().lines().findFirst().orElse("")));
            return problems;
        }
        return Contract.load().validateResponse("GET", read.template(), status, contentType, answer.getBody());
    }

    /** GETs the path as the user, with one more query parameter (URL-encoded: an instant's offset may have a '+'). */
    private ResponseEntity<String> get(String username, String path, String parameter, String value) {
        String url = path;
        if (parameter != null) {
            url += (path.contains("?") ? "&" : "?") + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
        return http.withBasicAuth(username, "demo").getForEntity(URI.create(http.getRootUri() + url), String.class);
    }
}
