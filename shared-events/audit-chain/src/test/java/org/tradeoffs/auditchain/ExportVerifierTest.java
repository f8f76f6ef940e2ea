package org.tradeoffs.auditchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportVerifierTest {

    static final long[] POSITIONS = {3, 7, 8, 15, 21};

    /** An export of five sealed events of one district, then its head line. */
    static List<String> export() {
        List<String> lines = new ArrayList<>();
        String previous = HashChain.GENESIS;
        for (long position : POSITIONS) {
            AuditRecord record = AuditRecord.ofStored(position, "2027-03-01T16:20:0" + (position % 10) + "Z",
                    "org.tradeoffs.events.priority.PriorityProposed",
                    "{\"priorityId\":\"p-" + position + "\",\"districtId\":\"d-1\",\"title\":\"Coaches «K-5»\","
                            + "\"estimatedAnnualCost\":1250000.00,\"actor\":\"designer\"}");
            String hash = HashChain.link(previous, record);
            lines.add(ExportFormat.eventLine(record, previous, hash));
            previous = hash;
        }
        lines.add(ExportFormat.headLine(21, previous, POSITIONS.length));
        return lines;
    }

    static String hashOf(List<String> lines, int index) {
        return ((ExportLine.Event) ExportFormat.parse(lines.get(index))).hash();
    }

    @Test
    void anUntouchedExportIsIntact() throws IOException {
        List<String> lines = export();

        ExportVerifier.Verification verification = verify(lines, null);

        assertThat(verification.intact()).isTrue();
        assertThat(verification.checked()).isEqualTo(5);
        assertThat(verification.firstBadPosition()).isNull();
        assertThat(verification.head()).isEqualTo(new Digest(21, hashOf(lines, 4)));
    }

    @Test
    void changingOneByteOfAPayloadIsReportedAtItsLine() throws IOException {
        List<String> lines = export();
        lines.set(2, lines.get(2).replace("1250000.00", "1250000.01"));

        assertBadAt(verify(lines, null), 8, "changed");
        assertThat(verify(lines, null).checked()).isEqualTo(2);
    }

    @Test
    void changingTheActorTimeOrTypeOfALineIsReported() throws IOException {
        for (String[] change : new String[][] {{"\"actor\":\"designer\",\"type\"", "\"actor\":\"steering\",\"type\""},
                {"16:20:08Z", "16:20:09Z"}, {"PriorityProposed\",\"payload\"", "PriorityApproved\",\"payload\""}}) {
            List<String> lines = export();
            lines.set(2, lines.get(2).replace(change[0], change[1]));

            assertBadAt(verify(lines, null), 8, "changed");
        }
    }

    @Test
    void changingAByteSoThatTheLineIsNoLongerJsonIsReportedAtItsLine() throws IOException {
        List<String> lines = export();
        lines.set(3, lines.get(3).replace("\"title\":", "\"title\";"));

        ExportVerifier.Verification verification = verify(lines, null);

        assertThat(verification.intact()).isFalse();
        assertThat(verification.problem()).contains("line 4 is malformed");
    }

    @Test
    void deletingALineIsReportedAtTheLineThatFollowedIt() throws IOException {
        List<String> lines = export();
        lines.remove(1);

        assertBadAt(verify(lines, null), 8, "deleted, inserted or moved");
    }

    @Test
    void deletingTheLastEventLineIsReportedAtItsPositionByTheHead() throws IOException {
        List<String> lines = export();
        lines.remove(4);

        assertBadAt(verify(lines, null), 21, "head");
    }

    @Test
    void deletingTheFirstLineIsReported() throws IOException {
        List<String> lines = export();
        lines.remove(0);

        assertBadAt(verify(lines, null), 7, "deleted, inserted or moved");
    }

    @Test
    void insertingACopiedLineIsReportedAtTheInsertedLine() throws IOException {
        List<String> lines = export();
        lines.add(3, lines.get(1));

        assertBadAt(verify(lines, null), 7, "deleted, inserted or moved");
    }

    @Test
    void insertingAForgedLineWithItsOwnCorrectHashIsReportedAtTheLineAfterIt() throws IOException {
        List<String> lines = export();
        AuditRecord forged = AuditRecord.ofStored(10, "2027-03-01T16:20:00Z", "org.tradeoffs.events.priority.PriorityApproved",
                "{\"priorityId\":\"p-8\",\"districtId\":\"d-1\",\"actor\":\"steering\"}");
        String previous = hashOf(lines, 2);
        lines.add(3, ExportFormat.eventLine(forged, previous, HashChain.link(previous, forged)));

        assertBadAt(verify(lines, null), 15, "deleted, inserted or moved");
    }

    @Test
    void swappingTwoLinesIsReportedAtTheFirstLineOutOfPlace() throws IOException {
        List<String> lines = export();
        Collections.swap(lines, 1, 3);

        assertBadAt(verify(lines, null), 15, "deleted, inserted or moved");
    }

    @Test
    void aLogThatWasCutShortBeforeItsHeadIsNotIntact() throws IOException {
        List<String> lines = export();
        lines.remove(5);

        ExportVerifier.Verification verification = verify(lines, null);

        assertThat(verification.intact()).isFalse();
        assertThat(verification.problem()).contains("no head line").contains("after position 21");
    }

    @Test
    void aLineAfterTheHeadIsNotIntact() throws IOException {
        List<String> lines = export();
        lines.add(lines.get(4));

        assertBadAt(verify(lines, null), 21, "after the head");
    }

    @Test
    void aKeptDigestThatTheLogExtendsVerifies() throws IOException {
        List<String> lines = export();

        assertThat(verify(lines, new Digest(8, hashOf(lines, 2))).intact()).isTrue();
        assertThat(verify(lines, new Digest(21, hashOf(lines, 4))).intact()).isTrue();
        assertThat(verify(lines, new Digest(0, HashChain.GENESIS)).intact()).isTrue();
    }

    @Test
    void aDigestWhoseHashDiffersIsReportedAtItsPosition() throws IOException {
        List<String> lines = export();

        assertBadAt(verify(lines, new Digest(8, hashOf(lines, 1))), 8, "does not extend the digest");
    }

    @Test
    void aDigestAtAPositionTheLogDoesNotHaveIsReported() throws IOException {
        List<String> lines = export();

        assertBadAt(verify(lines, new Digest(9, hashOf(lines, 2))), 9, "no event at position 9");
    }

    @Test
    void aRewrittenButSelfConsistentLogDoesNotExtendTheOldDigest() throws IOException {
        List<String> original = export();
        Digest kept = new Digest(15, hashOf(original, 3));
        // rewrite line 2 and recompute every hash after it: the file alone looks intact
        List<String> rewritten = new ArrayList<>();
        String previous = HashChain.GENESIS;
        for (String text : original.subList(0, 5)) {
            AuditRecord record = ((ExportLine.Event) ExportFormat.parse(text)).record();
            if (record.position() == 7) {
                record = new AuditRecord(7, record.time(), record.actor(), record.type(),
                        record.payload().replace("1250000.00", "1.00"));
            }
            String hash = HashChain.link(previous, record);
            rewritten.add(ExportFormat.eventLine(record, previous, hash));
            previous = hash;
        }
        rewritten.add(ExportFormat.headLine(21, previous, 5));

        assertThat(verify(rewritten, null).intact()).isTrue();
        assertBadAt(verify(rewritten, kept), 15, "does not extend the digest");
    }

    @Test
    void anEmptyChainIsJustItsHead() throws IOException {
        ExportVerifier.Verification verification =
                verify(List.of(ExportFormat.headLine(0, HashChain.GENESIS, 0)), null);

        assertThat(verification.intact()).isTrue();
        assertThat(verification.checked()).isZero();
    }

    @Test
    void theExportLineCarriesTheFieldsAnAuditorReads() {
        String line = export().get(0);

        assertThat(line).startsWith("{\"position\":3,\"time\":\"2027-03-01T16:20:03Z\",\"actor\":\"designer\","
                + "\"type\":\"org.tradeoffs.events.priority.PriorityProposed\",\"payload\":{\"actor\":\"designer\",")
                .contains(",\"previousHash\":\"" + HashChain.GENESIS + "\",\"hash\":\"");
        assertThat(ExportFormat.parse(line)).isInstanceOf(ExportLine.Event.class);
    }

    private static void assertBadAt(ExportVerifier.Verification verification, long position, String problem) {
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBadPosition()).isEqualTo(position);
        assertThat(verification.problem()).contains(problem);
    }

    private static ExportVerifier.Verification verify(List<String> lines, Digest digest) throws IOException {
        return ExportVerifier.verify(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")), digest);
    }
}
