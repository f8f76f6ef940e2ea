package org.tradeoffs.query.audit;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.tradeoffs.auditchain.AuditRecord;
import org.tradeoffs.auditchain.Digest;
import org.tradeoffs.auditchain.ExportFormat;
import org.tradeoffs.auditchain.HashChain;
import org.tradeoffs.query.problem.NotReadyException;

/**
 * Verifies and exports a district's chain against what the event store holds now. Both walk the seals from the
 * first to the head (one pass in order of n) and re-read each sealed event from the commit it was stored in (one
 * pass along the district's commits beside it), so they see the same records: an export of a tampered store fails
 * offline at the position verify reports. Verify also checks the commits' index fields against the events ({@link
 * CommitIndexes}), which an export does not carry.
 *
 * <p>A walk reads the whole chain and keeps three threads busy; at most {@code
 * tradeoffs.audit.max-concurrent-verifications} (default 2) verifications and {@code
 * tradeoffs.audit.max-concurrent-exports} (default 4) exports run at once, apart, since an export lasts as long as
 * its client takes to read it. One that waited {@code tradeoffs.audit.max-wait} (default 5 s) for the others of its
 * kind is answered 503 {@code not-ready} with {@code Retry-After}, so that many asked for at once cannot hold every
 * request thread nor every core, and slow downloads hold up no verification.
 */
@Service
public class AuditLog {

    /** Seals read ahead of the walk, per chunk handed over. */
    private static final int READ_AHEAD_CHUNK = 500;
    /** What a walk kept waiting by the others is told to wait before asking again. */
    private static final long RETRY_AFTER_SECONDS = 2;

    private final SealRepository seals;
    private final StoredEvents events;
    /** Where a walk's two passes are read while it goes on: two threads per walk in progress. */
    private final ExecutorService readers = Executors.newCachedThreadPool(runnable -> {
        Thread reader = new Thread(runnable, "audit-read-ahead");
        reader.setDaemon(true);
        return reader;
    });

    private final Semaphore verifications;
    private final Semaphore exports;
    private final Duration maxWait;

    public AuditLog(SealRepository seals, StoredEvents events,
            @Value("${tradeoffs.audit.max-concurrent-verifications:2}") int maxConcurrentVerifications,
            @Value("${tradeoffs.audit.max-concurrent-exports:4}") int maxConcurrentExports,
            @Value("${tradeoffs.audit.max-wait:5s}") Duration maxWait) {
        if (maxConcurrentVerifications < 1 || maxConcurrentExports < 1) {
            throw new IllegalArgumentException(
                    "tradeoffs.audit.max-concurrent-verifications and -exports must be at least 1");
        }
        this.seals = seals;
        this.events = events;
        this.verifications = new Semaphore(maxConcurrentVerifications);
        this.exports = new Semaphore(maxConcurrentExports);
        this.maxWait = maxWait;
    }

    @PreDestroy
    void stopReaders() {
        readers.shutdownNow();
    }

    /** {@code asOf} for the chain as it stands now. */
    public static final long NOW = Long.MAX_VALUE;

    /** Recomputes the district's chain from the stored events and compares it with the seals. */
    public AuditVerification verify(String districtId) {
        return verify(districtId, NOW, null);
    }

    /**
     * Verifies the chain as it stood at a global position ({@link #NOW}: as it stands): its seals in order of n up
     * to the first sealed past that position, each recomputed from the event as stored now, whatever the stored head
     * says (a head moved back hides nothing; one ahead of the last seal there is means seals were removed). With a
     * digest kept from before (null: none), the chain must also carry the digest's hash at its position. Counts the
     * district's events stored after the highest position sealed (up to the position verified): events no seal
     * covers yet.
     */
    public AuditVerification verify(String districtId, long asOf, Digest digest) {
        startWalk(verifications, "verifications");
        try {
            return verified(districtId, asOf, digest);
        } finally {
            verifications.release();
        }
    }

    private AuditVerification verified(String districtId, long asOf, Digest digest) {
        ChainHead stored = seals.head(districtId).orElse(ChainHead.empty(districtId));
        Verifier verifier = new Verifier(digest);
        Walked walked = walk(districtId, asOf, verifier, true);
        if (verifier.badPosition == null && walked.reachedEnd() && stored.n() > walked.last().n()) {
            verifier.bad(stored.position(), "the head names seal " + stored.n() + " but the chain ends at seal "
                    + walked.last().n() + ": seals are missing");
        } else if (verifier.badPosition == null && walked.reachedEnd() && stored.n() == walked.last().n()
                && (stored.position() != walked.last().position() || !stored.hash().equals(walked.last().hash()))) {
            verifier.bad(stored.position(), "the head does not match the last seal");
        }
        if (verifier.badPosition == null && digest != null && !verifier.digestFound) {
            verifier.bad(digest.position(), "the chain does not extend the digest " + digest + ": it has no seal at"
                    + " position " + digest.position());
        }
        boolean intact = verifier.badPosition == null;
        ChainHead head = walked.reportedHead(stored);
        return new AuditVerification(intact, verifier.checked, verifier.badPosition, verifier.reason,
                new AuditVerification.Head(head.position(), head.hash()),
                intact && walked.unsealed() >= 0 ? walked.unsealed() : null);
    }

    /**
     * Writes the export: one {@link ExportFormat#eventLine} per sealed event in chain order, with the event as
     * stored now and the hashes as sealed, then the {@link ExportFormat#headLine}. A missing seal leaves its line
     * out and a missing event is written with a null payload: either way the file fails offline at that place; so
     * does a chain whose stored head is ahead of its last seal, whose head line is that head.
     */
    public void export(String districtId, OutputStream out) throws IOException {
        export(districtId, NOW, () -> out);
    }

    /** Where an export is written, opened once the export may start (an export kept waiting writes nothing). */
    public interface Output {
        OutputStream open() throws IOException;
    }

    /** The export of the chain as it stood at a global position (see {@link #verify(String, long, Digest)}). */
    public void export(String districtId, long asOf, Output output) throws IOException {
        startWalk(exports, "exports");
        try {
            exportWalk(districtId, output.open(), asOf);
        } finally {
            exports.release();
        }
    }

    /**
     * Takes one of the walks of a kind that may run at once, waiting for the others at most {@code max-wait}.
     *
     * @throws NotReadyException when they kept it waiting that long
     */
    private void startWalk(Semaphore walks, String kind) {
        try {
            if (walks.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new NotReadyException("Other audit chain " + kind + " are running; ask again", RETRY_AFTER_SECONDS);
    }

    private void exportWalk(String districtId, OutputStream out, long asOf) throws IOException {
        ChainHead stored = seals.head(districtId).orElse(ChainHead.empty(districtId));
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        Walked walked;
        try {
            walked = walk(districtId, asOf, link -> {
                if (link.seal() != null) {
                    write(writer, ExportFormat.eventLine(link.record(), link.seal().previousHash(), link.seal().hash()));
                }
                return true;
            }, false);
        } catch (UncheckedWriteException e) {
            throw e.getCause();
        }
        ChainHead head = walked.reportedHead(stored);
        writer.write(ExportFormat.headLine(head.position(), head.hash(), head.n()));
        writer.write('\n');
        writer.flush();
    }

    /** Why a walk ended. */
    private enum End {
        /** It visited every seal there is. */
        ALL_SEALS,
        /** The next seal was sealed past the position the walk was asked for. */
        AS_OF,
        /** Its visitor stopped it. */
        STOPPED
    }

    /**
     * Where a walk ended: the last seal it visited, why it ended there, and how many of the district's events are
     * stored after the highest position it visited, up to its position (-1: not counted).
     */
    private record Walked(ChainHead last, End end, long unsealed) {

        boolean reachedEnd() {
            return end == End.ALL_SEALS;
        }

        /**
         * The chain's head as a verification or an export reports it: the last seal walked, unless the walk was
         * stopped before it (a link that does not verify) or the stored head is ahead of the last seal there is.
         */
        ChainHead reportedHead(ChainHead stored) {
            return end == End.STOPPED || reachedEnd() && stored.n() > last.n() ? stored : last;
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
     * as stored now (null when it is no longer stored where it was sealed, or cannot be read), why the event could
     * not be read (null when it could) and what of its commit's index fields no longer leads to it (null when all do,
     * see {@link CommitIndexes}).
     */
    private record Link(long n, Seal seal, AuditRecord stored, String problem, String indexProblem) {

        Link(long n, Seal seal, AuditRecord stored, String problem) {
            this(n, seal, stored, problem, null);
        }

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
     * Visits the district's links in order of n, up to the first seal past {@code asOf}: one pass along the
     * district's seals and, beside it, one along its commits (see {@link StoredEvents#district}). Each pass is read on
     * a thread of its own, a few chunks ahead, so that the store answers both at once while this thread canonicalizes
     * and hashes. A seal the pass does not bring is visited as missing. Counting the unsealed events reads the
     * district's commits after the highest position sealed, up to {@code asOf}, once the seals are walked.
     */
    private Walked walk(String districtId, long asOf, Visitor visitor, boolean countUnsealed) {
        try (StoredEvents.DistrictCommits commits = events.district(districtId, readers);
             ReadAhead<Seal> inOrder = ReadAhead.start(readers, READ_AHEAD_CHUNK, sink -> {
                 try (Stream<Seal> chain = seals.chain(districtId, Long.MAX_VALUE)) {
                     chain.forEach(sink);
                 }
             })) {
            ChainHead last = ChainHead.empty(districtId);
            Seal highest = null;
            while (inOrder.hasNext()) {
                Seal seal = inOrder.next();
                if (seal.position() > asOf) {
                    return new Walked(last, End.AS_OF, countUnsealed ? storedAfter(highest, districtId, asOf) : -1);
                }
                for (long missing = last.n() + 1; missing < seal.n(); missing++) {
                    if (!visitor.visit(new Link(missing, null, null, "seal " + missing + " is missing"))) {
                        return new Walked(last, End.STOPPED, -1);
                    }
                }
                if (!visitor.visit(link(seal, commits))) {
                    return new Walked(last, End.STOPPED, -1);
                }
                last = ChainHead.of(seal);
                highest = highest == null || seal.position() > highest.position() ? seal : highest;
            }
            return new Walked(last, End.ALL_SEALS, countUnsealed ? storedAfter(highest, districtId, asOf) : -1);
        }
    }

    /** The district's events stored after the highest position sealed (null: none), up to {@code upTo}. */
    private long storedAfter(Seal highest, String districtId, long upTo) {
        return highest == null ? events.countAfter(districtId, 0, 0, upTo)
                : events.countAfter(districtId, highest.position(), highest.commit(), upTo);
    }

    /**
     * The seal's link: the event as stored now, and what is wrong with it, if anything the hash does not show: the
     * event is gone or no longer JSON, or its commit's index fields no longer lead to it ({@link CommitIndexes}; an
     * export carries the event, which verifies offline, and not these).
     */
    private static Link link(Seal seal, StoredEvents.DistrictCommits commits) {
        Optional<Document> commit = commits.commit(seal.commit());
        Optional<StoredEvent> event = commit.flatMap(found -> StoredEvent.in(found, seal.position()));
        if (event.isEmpty()) {
            return new Link(seal.n(), seal, null, "the event is no longer stored where it was sealed");
        }
        AuditRecord record;
        try {
            record = event.get().record(seal.format());
        } catch (IllegalArgumentException e) {
            return new Link(seal.n(), seal, null, "the stored payload is no longer JSON: " + e.getMessage());
        }
        return new Link(seal.n(), seal, record, null, CommitIndexes.mismatch(commit.get(), event.get()));
    }

    /** Follows the chain from the genesis hash and stops at the first link that does not verify. */
    private static final class Verifier implements Visitor {

        /** A digest the chain must carry; null for none. */
        final Digest digest;
        /** Whether the chain has the digest's hash at its position (the empty chain's digest is in every chain). */
        boolean digestFound;
        String running = HashChain.GENESIS;
        long checked;
        boolean sealMissing;
        Long badPosition;
        String reason;

        Verifier(Digest digest) {
            this.digest = digest;
            this.digestFound = digest != null && digest.position() == 0 && digest.hash().equals(HashChain.GENESIS);
        }

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
            if (link.indexProblem() != null) {
                return bad(position, "the event is as sealed, but " + link.indexProblem());
            }
            if (digest != null && position == digest.position()) {
                if (!digest.hash().equals(link.seal().hash())) {
                    return bad(position, "the chain does not extend the digest " + digest + ": position " + position
                            + " has hash " + link.seal().hash());
                }
                digestFound = true;
            }
            running = link.seal().hash();
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
