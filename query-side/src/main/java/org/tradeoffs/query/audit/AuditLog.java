package org.tradeoffs.query.audit;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.tradeoffs.auditchain.AuditRecord;
import org.tradeoffs.auditchain.ExportFormat;
import org.tradeoffs.auditchain.HashChain;

/**
 * Verifies and exports a district's chain against what the event store holds now. Both walk the seals from the
 * first to the head (one pass in order of n) and re-read each sealed event from the commit it was stored in (one
 * pass along the district's commits beside it), so they see the same records: an export of a tampered store fails
 * offline at the position verify reports.
 */
@Service
public class AuditLog {

    /** Seals read ahead of the walk, per chunk handed over. */
    private static final int READ_AHEAD_CHUNK = 500;

    private final SealRepository seals;
    private final StoredEvents events;
    /** Where a walk's two passes are read while it goes on: two threads per walk in progress. */
    private final ExecutorService readers = Executors.newCachedThreadPool(runnable -> {
        Thread reader = new Thread(runnable, "audit-read-ahead");
        reader.setDaemon(true);
        return reader;
    });

    public AuditLog(SealRepository seals, StoredEvents events) {
        this.seals = seals;
        this.events = events;
    }

    @PreDestroy
    void stopReaders() {
        readers.shutdownNow();
    }

    /** Recomputes the district's chain from the stored events and compares it with the seals. */
    public AuditVerification verify(String districtId) {
        return verify(districtId, Long.MAX_VALUE);
    }

    /** Verifies the chain as it stood at a global position: its links up to the last event sealed at or before it. */
    public AuditVerification verify(String districtId, long asOf) {
        ChainHead head = headAt(districtId, asOf);
        Verifier verifier = new Verifier();
        walk(head, verifier);
        AuditVerification.Head sealedHead = new AuditVerification.Head(head.position(), head.hash());
        if (verifier.badPosition == null && (verifier.sealMissing || verifier.lastPosition != head.position()
                || !verifier.running.equals(head.hash()))) {
            verifier.bad(head.position(), "the head does not match the last seal: seals are missing");
        }
        return new AuditVerification(verifier.badPosition == null, verifier.checked, verifier.badPosition,
                verifier.reason, sealedHead);
    }

    /**
     * Writes the export: one {@link ExportFormat#eventLine} per sealed event in chain order, with the event as
     * stored now and the hashes as sealed, then the {@link ExportFormat#headLine}. A missing seal leaves its line
     * out and a missing event is written with a null payload: either way the file fails offline at that place.
     */
    public void export(String districtId, OutputStream out) throws IOException {
        export(districtId, out, Long.MAX_VALUE);
    }

    /** The export of the chain as it stood at a global position (see {@link #verify(String, long)}). */
    public void export(String districtId, OutputStream out, long asOf) throws IOException {
        ChainHead head = headAt(districtId, asOf);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try {
            walk(head, link -> {
                if (link.seal() != null) {
                    write(writer, ExportFormat.eventLine(link.record(), link.seal().previousHash(), link.seal().hash()));
                }
                return true;
            });
        } catch (UncheckedWriteException e) {
            throw e.getCause();
        }
        writer.write(ExportFormat.headLine(head.position(), head.hash(), head.n()));
        writer.write('\n');
        writer.flush();
    }

    /**
     * The head the chain had at a global position: the last seal at or before it. Seals are read in order of n, as a
     * verification reads them; a missing seal is passed over here and reported by the verification.
     */
    private ChainHead headAt(String districtId, long asOf) {
        ChainHead head = seals.head(districtId).orElse(ChainHead.empty(districtId));
        if (head.position() <= asOf) {
            return head;
        }
        try (Stream<Seal> chain = seals.chain(districtId, head.n())) {
            return chain.takeWhile(seal -> seal.position() <= asOf).reduce((earlier, later) -> later)
                    .map(ChainHead::of).orElse(ChainHead.empty(districtId));
        }
    }

    private static void write(Writer writer, String line) {
        try {
            writer.write(line);
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedWriteException(e);
        }
    }

    /**
     * One link of the chain as found now: the seal (null when seal n is not stored), the record of the event it sealed
     * as stored now (null when it is no longer stored where it was sealed, or cannot be read) and why the event could
     * not be read (null when it could).
     */
    private record Link(long n, Seal seal, AuditRecord stored, String problem) {

        /** The record as stored now, or the record of a missing event. */
        AuditRecord record() {
            return stored == null ? StoredEvent.missing(seal.position()) : stored;
        }
    }

    private interface Visitor {
        /** Answers whether to go on. */
        boolean visit(Link link);
    }

    /**
     * Visits links 1..head.n in order: one pass along the district's seals and, beside it, one along its commits
     * (see {@link StoredEvents#district}). Each pass is read on a thread of its own, a few chunks ahead, so that the
     * store answers both at once while this thread canonicalizes and hashes. A seal the pass does not bring is
     * visited as missing.
     */
    private void walk(ChainHead head, Visitor visitor) {
        try (StoredEvents.DistrictCommits commits = events.district(head.districtId(), readers);
             ReadAhead<Seal> inOrder = ReadAhead.start(readers, READ_AHEAD_CHUNK, sink -> {
                 try (Stream<Seal> chain = seals.chain(head.districtId(), head.n())) {
                     chain.forEach(sink);
                 }
             })) {
            long next = 1;
            while (next <= head.n()) {
                Seal seal = inOrder.hasNext() ? inOrder.next() : null;
                for (long missing = next; missing < (seal == null ? head.n() + 1 : seal.n()); missing++) {
                    if (!visitor.visit(new Link(missing, null, null, "seal " + missing + " is missing"))) {
                        return;
                    }
                }
                if (seal == null || !visitor.visit(link(seal, commits))) {
                    return;
                }
                next = seal.n() + 1;
            }
        }
    }

    private static Link link(Seal seal, StoredEvents.DistrictCommits commits) {
        Optional<StoredEvent> event = commits.commit(seal.commit())
                .flatMap(commit -> StoredEvent.in(commit, seal.position()));
        if (event.isEmpty()) {
            return new Link(seal.n(), seal, null, "the event is no longer stored where it was sealed");
        }
        try {
            return new Link(seal.n(), seal, event.get().record(), null);
        } catch (IllegalArgumentException e) {
            return new Link(seal.n(), seal, null, "the stored payload is no longer JSON: " + e.getMessage());
        }
    }

    /** Follows the chain from the genesis hash and stops at the first link that does not verify. */
    private static final class Verifier implements Visitor {

        String running = HashChain.GENESIS;
        long lastPosition;
        long checked;
        boolean sealMissing;
        Long badPosition;
        String reason;

        @Override
        public boolean visit(Link link) {
            if (link.seal() == null) {
                sealMissing = true;
                return true;
            }
            long position = link.seal().position();
            if (sealMissing) {
                return bad(position, "the seal before this one is missing");
            }
            if (!link.seal().previousHash().equals(running)) {
                return bad(position, "the seal does not follow the one before it");
            }
            if (link.problem() != null) {
                return bad(position, link.problem());
            }
            if (!HashChain.link(running, link.record()).equals(link.seal().hash())) {
                return bad(position, "the stored event was changed after it was sealed");
            }
            running = link.seal().hash();
            lastPosition = position;
            checked++;
            return true;
        }

        boolean bad(long position, String why) {
            badPosition = position;
            reason = why;
            return false;
        }
    }

    private static final class UncheckedWriteException extends RuntimeException {

        UncheckedWriteException(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
