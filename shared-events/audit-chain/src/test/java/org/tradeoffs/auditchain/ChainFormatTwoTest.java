package org.tradeoffs.auditchain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tradeoffs.auditchain.HashChainTest.STORED_PAYLOAD;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Chain format 2: the record also seals how the store files the event (revision, aggregate, sequence, tags, commit
 * time), so changing any of those in the store is found like a changed payload; records of format 1 are hashed and
 * exported as before, so a chain sealed partly in each verifies.
 */
class ChainFormatTwoTest {

    static final Filing FILING = new Filing("2", "Priority", "p-1", 0, List.of("cycle:c-1", "district:d-1"),
            "2027-03-01T16:20:00.004000000Z");
    static final AuditRecord PROPOSED = AuditRecord.ofStored(12, "2027-03-01T16:20:00Z",
            "org.tradeoffs.events.priority.PriorityProposed", STORED_PAYLOAD, FILING);

    @Test
    void theCanonicalFormHasTheFilingsMembersAndTheFormatSortedWithTheOthers() {
        assertThat(PROPOSED.format()).isEqualTo(2);
        assertThat(PROPOSED.canonical()).isEqualTo("{\"actor\":\"designer\",\"aggregateId\":\"p-1\","
                + "\"aggregateType\":\"Priority\",\"committedAt\":\"2027-03-01T16:20:00.004000000Z\",\"format\":2,"
                + "\"payload\":{\"actor\":\"designer\",\"cycleId\":\"c-1\",\"details\":{\"estimatedAnnualCost\":"
                + "1250000.00,\"title\":\"K-5 literacy\"},\"districtId\":\"d-1\",\"priorityId\":\"p-1\"},"
                + "\"position\":12,\"revision\":\"2\",\"sequence\":0,\"tags\":[\"cycle:c-1\",\"district:d-1\"],"
                + "\"time\":\"2027-03-01T16:20:00Z\",\"type\":\"org.tradeoffs.events.priority.PriorityProposed\"}");
        // computed independently (Python's hashlib over the text above, after 64 zeros and a newline)
        assertThat(HashChain.link(HashChain.GENESIS, PROPOSED))
                .isEqualTo("329c32109c1d14752ee5a5f3bdb8c272fd1d307fd2844fd924d0749b30db5be2");
    }

    @Test
    void everyFieldOfTheFilingChangesTheHashAndSoDoesDroppingTheFiling() {
        String hash = HashChain.link(HashChain.GENESIS, PROPOSED);

        assertThat(List.of(
                filed(new Filing("1", "Priority", "p-1", 0, FILING.tags(), FILING.committedAt())),
                filed(new Filing(null, "Priority", "p-1", 0, FILING.tags(), FILING.committedAt())),
                filed(new Filing("2", "Cycle", "p-1", 0, FILING.tags(), FILING.committedAt())),
                filed(new Filing("2", "Priority", "p-2", 0, FILING.tags(), FILING.committedAt())),
                filed(new Filing("2", "Priority", "p-1", 1, FILING.tags(), FILING.committedAt())),
                filed(new Filing("2", "Priority", "p-1", 0, List.of("district:d-1"), FILING.committedAt())),
                filed(new Filing("2", "Priority", "p-1", 0, List.of("district:d-1", "cycle:c-1"),
                        FILING.committedAt())),
                filed(new Filing("2", "Priority", "p-1", 0, FILING.tags(), "2027-03-01T16:20:00.005000000Z")),
                filed(null)))
                .doesNotContain(hash).doesNotHaveDuplicates();
    }

    @Test
    void anExportSealedPartlyInFormatOneAndThenInFormatTwoIsIntact() throws IOException {
        List<String> lines = mixedExport();

        ExportVerifier.Verification verification = verify(lines);

        assertThat(verification.intact()).isTrue();
        assertThat(verification.checked()).isEqualTo(4);
        assertThat(lines.get(1)).doesNotContain("\"format\"");
        assertThat(lines.get(2)).contains(",\"format\":2,\"revision\":\"2\",\"aggregateType\":\"Priority\","
                + "\"aggregateId\":\"p-7\",\"sequence\":2,\"tags\":[\"cycle:c-1\",\"district:d-1\"],"
                + "\"committedAt\":\"2027-03-01T16:20:07.000000000Z\",\"previousHash\":");
    }

    @Test
    void aChangedRevisionAggregateSequenceTagOrCommitTimeInAFormatTwoLineIsReportedAtItsPosition()
            throws IOException {
        List<UnaryOperator<String>> changes = List.of(
                line -> line.replace("\"revision\":\"2\"", "\"revision\":\"1\""),
                line -> line.replace("\"aggregateId\":\"p-7\"", "\"aggregateId\":\"p-8\""),
                line -> line.replace("\"sequence\":2", "\"sequence\":3"),
                line -> line.replace("[\"cycle:c-1\",\"district:d-1\"]", "[\"district:d-1\"]"),
                line -> line.replace("16:20:07.000000000Z", "16:20:09.000000000Z"));
        for (UnaryOperator<String> change : changes) {
            List<String> lines = mixedExport();
            String changed = change.apply(lines.get(2));
            assertThat(changed).isNotEqualTo(lines.get(2));
            lines.set(2, changed);

            ExportVerifier.Verification verification = verify(lines);

            assertThat(verification.intact()).isFalse();
            assertThat(verification.firstBadPosition()).isEqualTo(7);
            assertThat(verification.problem()).contains("changed");
        }
    }

    @Test
    void aFormatTwoLineTurnedIntoOneOfFormatOneIsReported() throws IOException {
        List<String> lines = mixedExport();
        String line = lines.get(2);
        lines.set(2, line.substring(0, line.indexOf(",\"format\":2"))
                + line.substring(line.indexOf(",\"previousHash\"")));

        ExportVerifier.Verification verification = verify(lines);

        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBadPosition()).isEqualTo(7);
        assertThat(verification.problem()).contains("changed");
    }

    @Test
    void aLineWithSomeOfTheFilingOrAFormatNotKnownIsMalformed() {
        String line = mixedExport().get(2);

        assertThatThrownBy(() -> ExportFormat.parse(line.replace(",\"format\":2", "")))
                .isInstanceOf(ExportFormat.MalformedLineException.class).hasMessageContaining("without \"format\"");
        assertThatThrownBy(() -> ExportFormat.parse(line.replace(",\"sequence\":2", "")))
                .isInstanceOf(ExportFormat.MalformedLineException.class).hasMessageContaining("missing sequence");
        assertThatThrownBy(() -> ExportFormat.parse(line.replace("\"format\":2", "\"format\":3")))
                .isInstanceOf(ExportFormat.MalformedLineException.class).hasMessageContaining("format 3");
        assertThatThrownBy(() -> ExportFormat.parse(line.replace("[\"cycle:c-1\",", "[7,")))
                .isInstanceOf(ExportFormat.MalformedLineException.class).hasMessageContaining("tags");
    }

    private static String filed(Filing filing) {
        AuditRecord p = PROPOSED;
        return HashChain.link(HashChain.GENESIS, new AuditRecord(p.position(), p.time(), p.actor(), p.type(),
                p.payload(), filing));
    }

    /** Positions 3 and 5 sealed in format 1, then 7 and 9 in format 2, and the head. */
    private static List<String> mixedExport() {
        List<String> lines = new ArrayList<>();
        String previous = HashChain.GENESIS;
        for (long position : new long[] {3, 5, 7, 9}) {
            String time = "2027-03-01T16:20:0" + position + "Z";
            String payload = "{\"priorityId\":\"p-" + position + "\",\"districtId\":\"d-1\",\"actor\":\"designer\"}";
            Filing filing = position < 7 ? null : new Filing("2", "Priority", "p-" + position, position / 3,
                    List.of("cycle:c-1", "district:d-1"), "2027-03-01T16:20:0" + position + ".000000000Z");
            AuditRecord record = AuditRecord.ofStored(position, time, "org.tradeoffs.events.priority.PriorityProposed",
                    payload, filing);
            String hash = HashChain.link(previous, record);
            lines.add(ExportFormat.eventLine(record, previous, hash));
            previous = hash;
        }
        lines.add(ExportFormat.headLine(9, previous, 4));
        return lines;
    }

    private static ExportVerifier.Verification verify(List<String> lines) throws IOException {
        return ExportVerifier.verify(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")), null);
    }
}
