package org.tradeoffs.query.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tradeoffs.contract.Contract;
import org.tradeoffs.events.CycleScoped;
import org.tradeoffs.events.input.InputChannel;
import org.tradeoffs.events.input.InputContent;
import org.tradeoffs.events.input.InputEvent;
import org.tradeoffs.events.input.InputLink;
import org.tradeoffs.events.input.StakeholderGroup;
import org.tradeoffs.events.input.StakeholderInputCorrected;
import org.tradeoffs.events.input.StakeholderInputRecorded;
import org.tradeoffs.events.input.StakeholderInputTagged;
import org.tradeoffs.events.input.Stance;
import org.tradeoffs.events.priority.CostSplit;
import org.tradeoffs.events.priority.Fundability;
import org.tradeoffs.events.priority.PriorityDetails;
import org.tradeoffs.events.priority.PriorityEvent;
import org.tradeoffs.events.priority.PriorityProposed;
import org.tradeoffs.events.priority.PriorityRevised;
import org.tradeoffs.events.savings.OpportunityListed;
import org.tradeoffs.events.savings.SavingsCatalog;
import org.tradeoffs.events.tradeoff.Funding;
import org.tradeoffs.events.tradeoff.Investment;
import org.tradeoffs.events.tradeoff.Majority;
import org.tradeoffs.events.tradeoff.Outcome;
import org.tradeoffs.events.tradeoff.PackageContent;
import org.tradeoffs.events.tradeoff.Tally;
import org.tradeoffs.events.tradeoff.TradeoffClosed;
import org.tradeoffs.events.tradeoff.TradeoffDecided;
import org.tradeoffs.events.tradeoff.TradeoffDrafted;
import org.tradeoffs.events.tradeoff.TradeoffEvent;
import org.tradeoffs.events.tradeoff.TradeoffRevised;
import org.tradeoffs.events.tradeoff.TradeoffSubmitted;
import org.tradeoffs.events.tradeoff.Vote;
import org.tradeoffs.events.tradeoff.VoteCast;
import org.tradeoffs.query.inputs.InputDigest.ChannelCount;
import org.tradeoffs.query.inputs.InputDigest.Count;
import org.tradeoffs.query.inputs.InputDigest.Decision;
import org.tradeoffs.query.inputs.InputDigest.GroupCount;
import org.tradeoffs.query.inputs.InputDigest.Item;
import org.tradeoffs.query.inputs.InputDigest.YouSaidWeDid;
import org.tradeoffs.query.inputs.InputView.Consideration;
import org.tradeoffs.query.inputs.InputView.Content;
import org.tradeoffs.query.inputs.InputView.Correction;
import org.tradeoffs.query.inputs.InputView.Link;
import org.tradeoffs.query.inputs.InputView.PackageStatus;
import org.tradeoffs.query.inputs.InputsCycle.ItemEntry;
import org.tradeoffs.query.live.LiveFrame;
import org.tradeoffs.query.projection.InMemoryMongo;
import org.tradeoffs.query.projection.MongoViewStore;
import org.tradeoffs.query.projection.RecordingLiveUpdates;
import org.tradeoffs.query.projection.Tokens;
import org.tradeoffs.query.projection.WebJson;

class InputsProjectionTest {

    static final String DISTRICT = "0b8e2f7c-51a4-4d8e-9c3f-6a1d2e4b7c90";
    static final String CYCLE = "7d2c9e41-0f3a-4b6d-8e15-c4a7b9d2e6f8";
    static final String OTHER_CYCLE = "5f0e6a2b-8c3d-4e1f-9a7b-2d4c6e8f0a13";
    static final Instant EPOCH = Instant.parse("2027-04-02T19:30:00.123456Z");

    static final String LITERACY = "c1a7e3f9-2b4d-4e6a-8f0c-9d1b3e5a7c24";
    static final String COUNSELORS = "d2b8f4a0-3c5e-4f7b-9a1d-0e2c4f6b8d35";
    /** #1 general education transportation. */
    static final String TRANSPORT = "5e9a1c37-4b2d-4f8e-a6c1-3d7b9e2f4a68";

    static final String PARENT_SURVEY = "b7e3d9a1-5c2f-4a8e-8d6b-1f4c7e2a9d58";
    static final String TEACHER_TOWN_HALL = "c8f4e0b2-6d3a-4b9f-9e7c-2a5d8f3b0e69";
    static final String STUDENT_FOCUS_GROUP = "d9a5f1c3-7e4b-4c0a-8f8d-3b6e9a4c1f70";

    static final String LITERACY_PACKAGE = "a4f2c8e6-1b3d-4e5f-9a7c-2d8b6e4f1c93";
    static final String ROUTES_PACKAGE = "b5e3d9f7-2c4e-4f6a-8b8d-3e9c7f5a2d04";

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final RecordingLiveUpdates live = new RecordingLiveUpdates();
    private final List<Applied> history = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private long nextPosition = 10;
    private InputsRepository inputs;
    private InputsProjection projection;

    @BeforeEach
    void setUp() {
        inputs = new InputsRepository(MongoViewStore.plain(mongo.database()));
        projection = new InputsProjection(inputs, live);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void recordedInputShowsItsContentWithTheTitlesOfWhatItLinksTo() {
        items();
        long recorded = nextPosition;
        record(parentSurvey(689));

        InputView view = inputs.input(PARENT_SURVEY).orElseThrow();
        assertThat(view.group()).isEqualTo(StakeholderGroup.PARENTS);
        assertThat(view.channel()).isEqualTo(InputChannel.SURVEY);
        assertThat(view.receivedOn()).isEqualTo(LocalDate.parse("2027-04-01"));
        assertThat(view.respondents()).isEqualTo(689);
        assertThat(view.links()).containsExactly(
                new Link(InputLink.Kind.PRIORITY, LITERACY, Stance.SUPPORT, "K-5 early literacy coaches"),
                new Link(InputLink.Kind.OPPORTUNITY, TRANSPORT, Stance.CONCERN,
                        SavingsCatalog.ENTRIES.get(0).question()));
        assertThat(view.themes()).containsExactly("class size", "early literacy");
        assertThat(view.corrections()).isEmpty();
        assertThat(view.consideredBy()).isEmpty();
        assertThat(view.recordedBy()).isEqualTo("designer");
        assertThat(view.recordedAt()).isEqualTo(EPOCH.plusSeconds(recorded));
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.position()).isEqualTo(recorded);
        assertThat(inputs.inputs(OTHER_CYCLE)).isEmpty();
    }

    @Test
    void digestCountsInputsAndRespondentsByEveryGroupAndChannel() {
        items();
        record(parentSurvey(689));
        record(teacherTownHall());
        record(recorded(STUDENT_FOCUS_GROUP, StakeholderGroup.PARENTS, InputChannel.SURVEY, "2027-03-20", 11,
                List.of()));

        InputDigest digest = inputs.digest(CYCLE).orElseThrow();
        assertThat(digest.totals()).isEqualTo(new Count(3, 742));
        assertThat(digest.byGroup()).containsExactly(
                new GroupCount(StakeholderGroup.PARENTS, 2, 700),
                new GroupCount(StakeholderGroup.TEACHERS, 1, 42),
                new GroupCount(StakeholderGroup.CLASSIFIED_STAFF, 0, 0),
                new GroupCount(StakeholderGroup.STUDENTS, 0, 0),
                new GroupCount(StakeholderGroup.COMMUNITY, 0, 0),
                new GroupCount(StakeholderGroup.BOARD, 0, 0),
                new GroupCount(StakeholderGroup.LABOR_PARTNER, 0, 0));
        assertThat(digest.byChannel()).containsExactly(
                new ChannelCount(InputChannel.SURVEY, 2, 700),
                new ChannelCount(InputChannel.TOWN_HALL, 1, 42),
                new ChannelCount(InputChannel.FOCUS_GROUP, 0, 0),
                new ChannelCount(InputChannel.PUBLIC_COMMENT, 0, 0),
                new ChannelCount(InputChannel.EMAIL, 0, 0),
                new ChannelCount(InputChannel.OTHER, 0, 0));
        assertThat(digest.position()).isEqualTo(nextPosition - 1);
    }

    @Test
    void digestCountsTheStancesTakenOnEachLinkedItemOncePerInput() {
        items();
        record(parentSurvey(689));
        record(teacherTownHall());
        record(recorded(STUDENT_FOCUS_GROUP, StakeholderGroup.STUDENTS, InputChannel.FOCUS_GROUP, "2027-03-20", 12,
                List.of(new InputLink(InputLink.Kind.PRIORITY, LITERACY, Stance.IDEA),
                        new InputLink(InputLink.Kind.PRIORITY, LITERACY, Stance.IDEA),
                        new InputLink(InputLink.Kind.PRIORITY, LITERACY, Stance.SUPPORT))));

        List<Item> items = inputs.digest(CYCLE).orElseThrow().items();
        assertThat(items).extracting(Item::kind, Item::id, Item::title).containsExactly(
                tuple(InputLink.Kind.PRIORITY, LITERACY, "K-5 early literacy coaches"),
                tuple(InputLink.Kind.PRIORITY, COUNSELORS, "Middle-school counselors"),
                tuple(InputLink.Kind.OPPORTUNITY, TRANSPORT,
                        SavingsCatalog.ENTRIES.get(0).question()));
        assertThat(items.get(0).stances()).isEqualTo(stances(new Count(2, 701), new Count(1, 42), Count.NONE,
                new Count(1, 12)));
        assertThat(items.get(1).stances()).isEqualTo(stances(Count.NONE, Count.NONE, Count.NONE, new Count(1, 42)));
        assertThat(items.get(2).stances()).isEqualTo(stances(Count.NONE, new Count(1, 42), new Count(1, 689),
                Count.NONE));
    }

    @Test
    void correctionKeepsThePreviousContentAndMovesTheCountsToTheCorrectedOne() {
        items();
        record(parentSurvey(689));
        long corrected = nextPosition;
        record(new StakeholderInputCorrected(PARENT_SURVEY, CYCLE, DISTRICT, new InputContent(StakeholderGroup.PARENTS,
                InputChannel.TOWN_HALL, LocalDate.parse("2027-04-01"), "Parents want smaller K-3 classes.", 698,
                List.of(new InputLink(InputLink.Kind.PRIORITY, COUNSELORS, Stance.OPPOSE))),
                "Nine late paper surveys were counted.", "steering"));

        InputView view = inputs.input(PARENT_SURVEY).orElseThrow();
        assertThat(view.respondents()).isEqualTo(698);
        assertThat(view.channel()).isEqualTo(InputChannel.TOWN_HALL);
        assertThat(view.summary()).isEqualTo("Parents want smaller K-3 classes.");
        assertThat(view.links()).containsExactly(
                new Link(InputLink.Kind.PRIORITY, COUNSELORS, Stance.OPPOSE, "Middle-school counselors"));
        assertThat(view.themes()).as("themes survive a correction").containsExactly("class size", "early literacy");
        assertThat(view.corrections()).containsExactly(new Correction(new Content(StakeholderGroup.PARENTS,
                InputChannel.SURVEY, LocalDate.parse("2027-04-01"), "Parents want smaller K-3 classes and earlier "
                        + "reading support; many worry about longer bus rides.", 689, List.of(
                        new Link(InputLink.Kind.PRIORITY, LITERACY, Stance.SUPPORT, "K-5 early literacy coaches"),
                        new Link(InputLink.Kind.OPPORTUNITY, TRANSPORT, Stance.CONCERN,
                                SavingsCatalog.ENTRIES.get(0).question()))),
                "Nine late paper surveys were counted.", "steering", EPOCH.plusSeconds(corrected)));
        assertThat(view.recordedBy()).as("the recording stays who recorded it").isEqualTo("designer");
        assertThat(view.version()).isEqualTo(2);
        InputDigest digest = inputs.digest(CYCLE).orElseThrow();
        assertThat(digest.totals()).isEqualTo(new Count(1, 698));
        assertThat(digest.byChannel().get(0)).isEqualTo(new ChannelCount(InputChannel.SURVEY, 0, 0));
        assertThat(digest.byChannel().get(1)).isEqualTo(new ChannelCount(InputChannel.TOWN_HALL, 1, 698));
        assertThat(digest.items()).extracting(Item::id).containsExactly(COUNSELORS);
    }

    @Test
    void taggingAddsOnlyThemesNotAlreadyThereIgnoringCase() {
        items();
        record(parentSurvey(689));
        record(new StakeholderInputTagged(PARENT_SURVEY, CYCLE, DISTRICT,
                List.of("Class Size", " transportation ", "bus rides"), "designer"));

        InputView view = inputs.input(PARENT_SURVEY).orElseThrow();
        assertThat(view.themes()).containsExactly("class size", "early literacy", "transportation", "bus rides");
        assertThat(view.version()).isEqualTo(2);
    }

    @Test
    void taggingLeavesTheDigestAsItWasButItsPosition() {
        items();
        record(parentSurvey(689));
        InputDigest before = inputs.digest(CYCLE).orElseThrow();
        record(new StakeholderInputTagged(PARENT_SURVEY, CYCLE, DISTRICT, List.of("bus rides"), "designer"));

        InputDigest after = inputs.digest(CYCLE).orElseThrow();
        assertThat(after.position()).isEqualTo(nextPosition - 1);
        assertThat(after).isEqualTo(before.at(nextPosition - 1))
                .isEqualTo(InputDigest.of(CYCLE, inputs.cycle(CYCLE).orElseThrow(), nextPosition - 1));
    }

    @Test
    void namingAnItemNoInputLinksToLeavesTheDigestAsItWasAndTitlesALaterLink() {
        items();
        record(parentSurvey(689));
        InputDigest before = inputs.digest(CYCLE).orElseThrow();
        record(new PriorityRevised(COUNSELORS, CYCLE, DISTRICT, details("High-school counselors"), "designer"));

        assertThat(inputs.digest(CYCLE)).as("an item no input links to is not part of the digest").contains(before);
        assertThat(inputs.cycle(CYCLE).orElseThrow().item(COUNSELORS)).as("nor of the cycle's document").isEmpty();
        record(new StakeholderInputCorrected(PARENT_SURVEY, CYCLE, DISTRICT, new InputContent(StakeholderGroup.PARENTS,
                InputChannel.SURVEY, LocalDate.parse("2027-04-01"), "Parents want counselors.", 689,
                List.of(new InputLink(InputLink.Kind.PRIORITY, COUNSELORS, Stance.SUPPORT))), "Retyped.", "designer"));
        assertThat(inputs.input(PARENT_SURVEY).orElseThrow().links()).as("a link made later shows the item's title")
                .containsExactly(new Link(InputLink.Kind.PRIORITY, COUNSELORS, Stance.SUPPORT, "High-school counselors"));
        assertThat(inputs.digest(CYCLE).orElseThrow().items()).extracting(Item::title)
                .containsExactly("High-school counselors");
    }

    @Test
    void inputsAreListedNewestReceivedFirstAndTheLatestRecordedFirstOnTheSameDay() {
        items();
        record(recorded(PARENT_SURVEY, StakeholderGroup.PARENTS, InputChannel.SURVEY, "2027-04-01", 689, List.of()));
        record(recorded(TEACHER_TOWN_HALL, StakeholderGroup.TEACHERS, InputChannel.TOWN_HALL, "2027-04-03", 42,
                List.of()));
        record(recorded(STUDENT_FOCUS_GROUP, StakeholderGroup.STUDENTS, InputChannel.FOCUS_GROUP, "2027-04-01", 12,
                List.of()));

        assertThat(inputs.inputs(CYCLE)).extracting(InputView::id)
                .containsExactly(TEACHER_TOWN_HALL, STUDENT_FOCUS_GROUP, PARENT_SURVEY);

        record(new StakeholderInputCorrected(TEACHER_TOWN_HALL, CYCLE, DISTRICT, new InputContent(
                StakeholderGroup.TEACHERS, InputChannel.TOWN_HALL, LocalDate.parse("2027-03-01"), "Teachers.", 42,
                List.of()), "Wrong date.", "designer"));
        assertThat(inputs.inputs(CYCLE)).extracting(InputView::id)
                .containsExactly(STUDENT_FOCUS_GROUP, PARENT_SURVEY, TEACHER_TOWN_HALL);
    }

    @Test
    void revisingAPriorityRetitlesTheInputsLinkingToItNowOrBeforeACorrectionWithoutAFrame() {
        items();
        record(parentSurvey(689));
        record(new StakeholderInputCorrected(PARENT_SURVEY, CYCLE, DISTRICT, new InputContent(StakeholderGroup.PARENTS,
                InputChannel.SURVEY, LocalDate.parse("2027-04-01"), "Parents.", 689, List.of()), "No links.",
                "designer"));
        live.clear();

        record(new PriorityRevised(LITERACY, CYCLE, DISTRICT, details("K-3 literacy coaches"), "designer"));

        InputView view = inputs.input(PARENT_SURVEY).orElseThrow();
        assertThat(view.corrections().get(0).previous().links().get(0).title()).isEqualTo("K-3 literacy coaches");
        assertThat(view.version()).as("a rename is no change of the input").isEqualTo(2);
        assertThat(live.sent()).isEmpty();
    }

    @Test
    void packagesConsideringAnInputShowInItsConsideredByWithTheirStatusAndOutcome() {
        items();
        record(parentSurvey(689));
        record(teacherTownHall());
        record(drafted(LITERACY_PACKAGE, "Fund early-literacy coaches", PARENT_SURVEY, TEACHER_TOWN_HALL));
        record(drafted(ROUTES_PACKAGE, "Consolidate bus routes", PARENT_SURVEY));

        assertThat(inputs.input(PARENT_SURVEY).orElseThrow().consideredBy()).containsExactly(
                new Consideration(LITERACY_PACKAGE, "Fund early-literacy coaches", PackageStatus.DRAFT, null),
                new Consideration(ROUTES_PACKAGE, "Consolidate bus routes", PackageStatus.DRAFT, null));

        record(new TradeoffRevised(LITERACY_PACKAGE, CYCLE, DISTRICT, 2, content("Fund K-3 literacy coaches",
                TEACHER_TOWN_HALL), "designer"));
        record(submitted(LITERACY_PACKAGE));
        record(new TradeoffDecided(LITERACY_PACKAGE, CYCLE, DISTRICT, Outcome.APPROVED, new Tally(3, 0, 1),
                "chair"));
        record(submitted(ROUTES_PACKAGE));
        record(new TradeoffClosed(ROUTES_PACKAGE, CYCLE, DISTRICT, Outcome.REJECTED, new Tally(1, 2, 0),
                "Too disruptive this year.", "chair"));

        assertThat(inputs.input(PARENT_SURVEY).orElseThrow().consideredBy()).as("the revision dropped it").containsExactly(
                new Consideration(ROUTES_PACKAGE, "Consolidate bus routes", PackageStatus.REJECTED, Outcome.REJECTED));
        assertThat(inputs.input(TEACHER_TOWN_HALL).orElseThrow().consideredBy()).containsExactly(
                new Consideration(LITERACY_PACKAGE, "Fund K-3 literacy coaches", PackageStatus.APPROVED,
                        Outcome.APPROVED));
        assertThat(inputs.input(PARENT_SURVEY).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void youSaidWeDidLinksEachConsideredInputNewestReceivedFirstToWhatBecameOfThePackages() {
        items();
        record(parentSurvey(689));
        record(teacherTownHall());
        record(recorded(STUDENT_FOCUS_GROUP, StakeholderGroup.STUDENTS, InputChannel.FOCUS_GROUP, "2027-03-20", 12,
                List.of()));
        record(drafted(LITERACY_PACKAGE, "Fund early-literacy coaches", PARENT_SURVEY, TEACHER_TOWN_HALL));
        record(drafted(ROUTES_PACKAGE, "Consolidate bus routes", PARENT_SURVEY));
        record(submitted(LITERACY_PACKAGE));
        record(new VoteCast(LITERACY_PACKAGE, CYCLE, DISTRICT, Vote.APPROVE, "", "chair"));
        long decided = nextPosition;
        record(new TradeoffDecided(LITERACY_PACKAGE, CYCLE, DISTRICT, Outcome.APPROVED, new Tally(3, 0, 1),
                "chair"));

        assertThat(inputs.digest(CYCLE).orElseThrow().youSaidWeDid()).containsExactly(
                new YouSaidWeDid(PARENT_SURVEY, "Parents want smaller K-3 classes and earlier reading support; many "
                        + "worry about longer bus rides.", StakeholderGroup.PARENTS, 689, List.of(
                        new Decision(LITERACY_PACKAGE, "Fund early-literacy coaches", Outcome.APPROVED,
                                EPOCH.plusSeconds(decided)),
                        new Decision(ROUTES_PACKAGE, "Consolidate bus routes", null, null))),
                new YouSaidWeDid(TEACHER_TOWN_HALL, "Teachers ask for counselors, not route cuts.",
                        StakeholderGroup.TEACHERS, 42, List.of(new Decision(LITERACY_PACKAGE,
                        "Fund early-literacy coaches", Outcome.APPROVED, EPOCH.plusSeconds(decided)))));
    }

    @Test
    void onlyPackageChangesThatChangeWhatInputsShowArePushedAndWithoutAnInput() {
        items();
        record(parentSurvey(689));
        live.clear();

        record(new TradeoffDrafted(ROUTES_PACKAGE, CYCLE, DISTRICT, content("Consolidate bus routes"), "designer"));
        record(drafted(LITERACY_PACKAGE, "Fund early-literacy coaches", PARENT_SURVEY));
        record(submitted(LITERACY_PACKAGE));
        record(new VoteCast(LITERACY_PACKAGE, CYCLE, DISTRICT, Vote.APPROVE, "", "chair"));
        record(new TradeoffDecided(LITERACY_PACKAGE, CYCLE, DISTRICT, Outcome.APPROVED, new Tally(3, 0, 0),
                "chair"));

        assertThat(live.sent()).extracting(sent -> sent.frame().type())
                .containsExactly("TradeoffDrafted", "TradeoffDecided");
        assertThat(live.sent()).extracting(sent -> ((InputChange) sent.frame().view()).input()).containsOnlyNulls();
        InputChange decided = (InputChange) live.sent().get(1).frame().view();
        assertThat(decided.digest()).isEqualTo(inputs.digest(CYCLE).orElseThrow());
        assertThat(inputs.input(PARENT_SURVEY).orElseThrow().consideredBy()).extracting(Consideration::status)
                .containsExactly(PackageStatus.APPROVED);
    }

    @Test
    void everyLiveChangeIsPushedToTheCyclesInputsTopicAsTheContractDescribes() throws Exception {
        fullStory();

        assertThat(live.sent()).extracting(RecordingLiveUpdates.Sent::destination)
                .containsOnly("/topic/cycles/" + CYCLE + "/inputs");
        assertThat(live.sent()).extracting(sent -> sent.frame().type()).containsExactly(
                "StakeholderInputRecorded", "StakeholderInputRecorded", "StakeholderInputCorrected",
                "StakeholderInputTagged", "TradeoffDrafted", "TradeoffRevised", "TradeoffDecided",
                "TradeoffDrafted", "TradeoffClosed");
        LiveFrame<?> first = live.sent().get(0).frame();
        assertThat(((InputChange) first.view()).input().id()).isEqualTo(PARENT_SURVEY);
        LiveFrame<?> last = live.sent().get(live.sent().size() - 1).frame();
        assertThat(last.position()).isEqualTo(nextPosition - 1);
        assertThat(((InputChange) last.view()).digest()).isEqualTo(inputs.digest(CYCLE).orElseThrow());
        ObjectMapper webJson = WebJson.mapper();
        Contract contract = Contract.load();
        for (RecordingLiveUpdates.Sent sent : live.sent()) {
            String frame = webJson.writeValueAsString(sent.frame());
            assertThat(contract.validateFrame("/topic/cycles/{cycleId}/inputs", frame)).as(frame).isEmpty();
        }
        for (InputView view : inputs.inputs(CYCLE)) {
            assertThat(contract.validate("input-view", webJson.writeValueAsString(view))).isEmpty();
        }
        assertThat(contract.validate("input-digest", webJson.writeValueAsString(inputs.digest(CYCLE).orElseThrow())))
                .isEmpty();
    }

    @Test
    void emptyDigestListsEveryGroupAndChannelAtZeroAsTheContractDescribes() throws Exception {
        InputDigest empty = InputDigest.empty(CYCLE);

        assertThat(empty.totals()).isEqualTo(Count.NONE);
        assertThat(empty.byGroup()).hasSize(7).allMatch(count -> count.inputs() == 0 && count.respondents() == 0);
        assertThat(empty.byChannel()).hasSize(6).allMatch(count -> count.inputs() == 0 && count.respondents() == 0);
        assertThat(empty.items()).isEmpty();
        assertThat(empty.youSaidWeDid()).isEmpty();
        assertThat(Contract.load().validate("input-digest", WebJson.mapper().writeValueAsString(empty))).isEmpty();
    }

    @Test
    void reapplyingAnAlreadyAppliedPositionChangesNothingAndPushesNothing() {
        fullStory();
        List<InputView> list = inputs.inputs(CYCLE);
        InputDigest digest = inputs.digest(CYCLE).orElseThrow();
        live.clear();

        for (Applied applied : history) {
            apply(applied, ReplayStatus.REGULAR);
        }

        assertThat(inputs.inputs(CYCLE)).isEqualTo(list);
        assertThat(inputs.digest(CYCLE)).contains(digest);
        assertThat(live.sent()).isEmpty();
    }

    @Test
    void resetAndReplayRebuildTheSameViewsWithoutPushing() {
        fullStory();
        record(new OpportunityListed("00000000-0000-4000-8000-000000000001", OTHER_CYCLE, DISTRICT, 1,
                SavingsCatalog.ENTRIES.get(0).focusArea(), SavingsCatalog.ENTRIES.get(0).question(), true,
                "steering"));
        List<InputView> list = inputs.inputs(CYCLE);
        InputDigest digest = inputs.digest(CYCLE).orElseThrow();
        Optional<InputDigest> otherDigest = inputs.digest(OTHER_CYCLE);
        Optional<ItemEntry> otherItem = inputs.item("00000000-0000-4000-8000-000000000001");
        live.clear();

        projection.reset();
        assertThat(inputs.inputs(CYCLE)).isEmpty();
        assertThat(inputs.digest(CYCLE)).isEmpty();
        for (Applied applied : history) {
            apply(applied, ReplayStatus.REPLAY);
        }

        assertThat(inputs.inputs(CYCLE)).isEqualTo(list);
        assertThat(inputs.digest(CYCLE)).contains(digest);
        assertThat(inputs.digest(OTHER_CYCLE)).isEqualTo(otherDigest);
        assertThat(inputs.item("00000000-0000-4000-8000-000000000001")).isEqualTo(otherItem).isPresent();
        assertThat(live.sent()).isEmpty();
    }

    @Test
    void eventsForAnInputOrPackageNeverRecordedAreIgnored() {
        record(new StakeholderInputTagged(PARENT_SURVEY, CYCLE, DISTRICT, List.of("class size"), "designer"));
        record(submitted(LITERACY_PACKAGE));

        assertThat(inputs.input(PARENT_SURVEY)).isEmpty();
        assertThat(inputs.inputs(CYCLE)).isEmpty();
        assertThat(inputs.digest(CYCLE)).isEmpty();
        assertThat(live.sent()).isEmpty();
    }

    // ------------------------------------------------------------------ a story and its steps

    /** Every kind of event the projection handles, in an order the command side allows. */
    private void fullStory() {
        items();
        record(parentSurvey(689));
        record(teacherTownHall());
        record(new StakeholderInputCorrected(PARENT_SURVEY, CYCLE, DISTRICT, new InputContent(StakeholderGroup.PARENTS,
                InputChannel.SURVEY, LocalDate.parse("2027-04-01"), "Parents want smaller K-3 classes.", 698,
                List.of(new InputLink(InputLink.Kind.PRIORITY, LITERACY, Stance.SUPPORT))),
                "Nine late paper surveys were counted.", "designer"));
        record(new StakeholderInputTagged(TEACHER_TOWN_HALL, CYCLE, DISTRICT, List.of("counseling"), "designer"));
        record(new PriorityRevised(LITERACY, CYCLE, DISTRICT, details("K-3 literacy coaches"), "designer"));
        record(drafted(LITERACY_PACKAGE, "Fund early-literacy coaches", PARENT_SURVEY));
        record(new TradeoffRevised(LITERACY_PACKAGE, CYCLE, DISTRICT, 2, content("Fund K-3 literacy coaches",
                PARENT_SURVEY, TEACHER_TOWN_HALL), "designer"));
        record(submitted(LITERACY_PACKAGE));
        record(new VoteCast(LITERACY_PACKAGE, CYCLE, DISTRICT, Vote.APPROVE, "", "chair"));
        record(new TradeoffDecided(LITERACY_PACKAGE, CYCLE, DISTRICT, Outcome.APPROVED, new Tally(3, 0, 1),
                "chair"));
        record(drafted(ROUTES_PACKAGE, "Consolidate bus routes", PARENT_SURVEY));
        record(submitted(ROUTES_PACKAGE));
        record(new TradeoffClosed(ROUTES_PACKAGE, CYCLE, DISTRICT, Outcome.REJECTED, new Tally(0, 0, 0),
                "No quorum before the board meeting.", "chair"));
    }

    private void items() {
        record(new PriorityProposed(LITERACY, CYCLE, DISTRICT, details("K-5 early literacy coaches"), "designer"));
        record(new PriorityProposed(COUNSELORS, CYCLE, DISTRICT, details("Middle-school counselors"), "designer"));
        SavingsCatalog.Entry transport = SavingsCatalog.ENTRIES.get(0);
        record(new OpportunityListed(TRANSPORT, CYCLE, DISTRICT, 1, transport.focusArea(), transport.question(), true,
                "steering"));
    }

    private static StakeholderInputRecorded parentSurvey(int respondents) {
        return new StakeholderInputRecorded(PARENT_SURVEY, CYCLE, DISTRICT, new InputContent(StakeholderGroup.PARENTS,
                InputChannel.SURVEY, LocalDate.parse("2027-04-01"), "Parents want smaller K-3 classes and earlier "
                        + "reading support; many worry about longer bus rides.", respondents, List.of(
                        new InputLink(InputLink.Kind.PRIORITY, LITERACY, Stance.SUPPORT),
                        new InputLink(InputLink.Kind.OPPORTUNITY, TRANSPORT, Stance.CONCERN))),
                List.of("class size", "early literacy"), "designer");
    }

    private static StakeholderInputRecorded teacherTownHall() {
        return new StakeholderInputRecorded(TEACHER_TOWN_HALL, CYCLE, DISTRICT, new InputContent(
                StakeholderGroup.TEACHERS, InputChannel.TOWN_HALL, LocalDate.parse("2027-03-28"),
                "Teachers ask for counselors, not route cuts.", 42, List.of(
                        new InputLink(InputLink.Kind.PRIORITY, COUNSELORS, Stance.IDEA),
                        new InputLink(InputLink.Kind.PRIORITY, LITERACY, Stance.OPPOSE),
                        new InputLink(InputLink.Kind.OPPORTUNITY, TRANSPORT, Stance.OPPOSE))),
                List.of(), "steering");
    }

    private static StakeholderInputRecorded recorded(String inputId, StakeholderGroup group, InputChannel channel,
            String receivedOn, int respondents, List<InputLink> links) {
        return new StakeholderInputRecorded(inputId, CYCLE, DISTRICT, new InputContent(group, channel,
                LocalDate.parse(receivedOn), "What " + group + " said.", respondents, links), List.of(), "designer");
    }

    private static TradeoffDrafted drafted(String tradeoffId, String title, String... consideredInputs) {
        return new TradeoffDrafted(tradeoffId, CYCLE, DISTRICT, content(title, consideredInputs), "designer");
    }

    private static PackageContent content(String title, String... consideredInputs) {
        return new PackageContent(title, "", List.of(new Investment(LITERACY, new BigDecimal("300000"))),
                List.of(new Funding(TRANSPORT, null, new BigDecimal("300000"))), List.of(consideredInputs));
    }

    private static TradeoffSubmitted submitted(String tradeoffId) {
        return new TradeoffSubmitted(tradeoffId, CYCLE, DISTRICT, 3, Majority.SIMPLE, List.of("chair", "steering"),
                "designer");
    }

    private static PriorityDetails details(String title) {
        return new PriorityDetails(title, "", "Coaching raises reading.", Fundability.ACTION,
                CostSplit.allUnallocated(new BigDecimal("1250000.00")), null);
    }

    private static Map<Stance, Count> stances(Count support, Count oppose, Count concern, Count idea) {
        Map<Stance, Count> stances = new EnumMap<>(Stance.class);
        stances.put(Stance.SUPPORT, support);
        stances.put(Stance.OPPOSE, oppose);
        stances.put(Stance.CONCERN, concern);
        stances.put(Stance.IDEA, idea);
        return stances;
    }

    private record Applied(CycleScoped event, long position, long sequence) {
    }

    /** Applies the event live at the next global position and the next sequence number of its aggregate. */
    private void record(CycleScoped event) {
        long sequence = sequences.merge(aggregateId(event), 0L, (previous, ignored) -> previous + 1);
        Applied applied = new Applied(event, nextPosition++, sequence);
        history.add(applied);
        apply(applied, ReplayStatus.REGULAR);
    }

    private void apply(Applied applied, ReplayStatus status) {
        TrackingToken token = Tokens.at(applied.position());
        Instant time = EPOCH.plusSeconds(applied.position());
        if (applied.event() instanceof InputEvent event) {
            projection.on(event, token, time, applied.sequence(), status);
        } else if (applied.event() instanceof TradeoffEvent event) {
            projection.on(event, token, time, status);
        } else if (applied.event() instanceof PriorityProposed event) {
            projection.on(event, token);
        } else if (applied.event() instanceof PriorityRevised event) {
            projection.on(event, token);
        } else if (applied.event() instanceof OpportunityListed event) {
            projection.on(event, token);
        } else {
            throw new IllegalArgumentException("not an event this projection handles: " + applied.event());
        }
    }

    private static String aggregateId(CycleScoped event) {
        if (event instanceof InputEvent input) {
            return input.inputId();
        }
        if (event instanceof TradeoffEvent tradeoff) {
            return tradeoff.tradeoffId();
        }
        if (event instanceof PriorityEvent priority) {
            return priority.priorityId();
        }
        return ((OpportunityListed) event).opportunityId();
    }
}
