package org.tradeoffs.auditchain;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Checks an audit export on its own, with no service and no database: every line's hash is recomputed from the
 * line and the hash of the line before, so a changed, deleted, inserted or moved line breaks the chain at the
 * first line that no longer fits, and the head line must close the chain at its last line. Given a digest kept
 * from earlier, the line at the digest's position must carry the digest's hash: the log then extends what the
 * auditor saw, since that hash covers everything before it.
 */
public final class ExportVerifier {

    private ExportVerifier() {
    }

    /**
     * The outcome.
     *
     * @param checked          how many event lines were found intact before the first bad one (all when intact)
     * @param firstBadPosition the position of the first line that does not verify; null when intact, or when the
     *                         problem has no position (a line without one, a missing head)
     * @param problem          what is wrong there; null when intact
     * @param head             the head line's position and hash; null when there was none
     */
    public record Verification(boolean intact, long checked, Long firstBadPosition, String problem, Digest head) {

        static Verification bad(long checked, Long position, String problem) {
            return new Verification(false, checked, position, problem, null);
        }
    }

    /**
     * Verifies an export read line by line.
     *
     * @param digest a digest the log must extend; null for none
     */
    public static Verification verify(BufferedReader export, Digest digest) throws IOException {
        String expectedPrevious = HashChain.GENESIS;
        long checked = 0;
        long lastPosition = 0;
        boolean digestFound = digest != null && digest.position() == 0;
        if (digestFound && !digest.hash().equals(HashChain.GENESIS)) {
            return Verification.bad(0, 0L, "the digest names position 0, whose hash is always 64 zeros");
        }
        ExportLine.Head head = null;
        long lineNumber = 0;
        for (String text = export.readLine(); text != null; text = export.readLine()) {
            lineNumber++;
            ExportLine line;
            try {
                line = ExportFormat.parse(text);
            } catch (ExportFormat.MalformedLineException e) {
                return Verification.bad(checked, e.position(), "line " + lineNumber + " is malformed: " + e.getMessage());
            }
            if (head != null) {
                return Verification.bad(checked, line instanceof ExportLine.Event event ? event.record().position()
                        : head.position(), "line " + lineNumber + " comes after the head line");
            }
            if (line instanceof ExportLine.Head closing) {
                head = closing;
                if (!closing.hash().equals(expectedPrevious) || closing.position() != lastPosition
                        || closing.count() != checked) {
                    return Verification.bad(checked, closing.position(), "the head (position " + closing.position()
                            + ", " + closing.count() + " events) does not close the chain of the lines above it"
                            + " (last position " + lastPosition + ", " + checked + " events): a line is missing or"
                            + " was added at the end");
                }
                continue;
            }
            ExportLine.Event event = (ExportLine.Event) line;
            long position = event.record().position();
            if (!expectedPrevious.equals(event.previousHash())) {
                return Verification.bad(checked, position, "line " + lineNumber + " (position " + position
                        + ") does not follow the line before it: a line was deleted, inserted or moved here");
            }
            if (!HashChain.link(expectedPrevious, event.record()).equals(event.hash())) {
                return Verification.bad(checked, position, "line " + lineNumber + " (position " + position
                        + ") was changed: its content does not give its hash");
            }
            if (digest != null && position == digest.position()) {
                if (!digest.hash().equals(event.hash())) {
                    return Verification.bad(checked, position, "the log does not extend the digest " + digest
                            + ": position " + position + " has hash " + event.hash());
                }
                digestFound = true;
            }
            expectedPrevious = event.hash();
            lastPosition = position;
            checked++;
        }
        if (head == null) {
            return Verification.bad(checked, null, "no head line: the export is cut short after "
                    + (checked == 0 ? "its start" : "position " + lastPosition));
        }
        if (digest != null && !digestFound) {
            return Verification.bad(checked, digest.position(), "the log does not extend the digest " + digest
                    + ": it has no event at position " + digest.position());
        }
        return new Verification(true, checked, null, null, new Digest(head.position(), head.hash()));
    }
}
