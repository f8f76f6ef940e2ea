package org.tradeoffs.benchmark.live;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The garbage collector's stop-the-world pauses in this JVM, as its collectors report them: every frame in flight and
 * every request waits one out, so a phase's latency percentiles show its pauses. Concurrent cycles (the beans whose
 * name says "Cycles", as ZGC's and Shenandoah's) run beside the application and are not counted. With G1 these are
 * its young and mixed collections (and full ones); the short remark and cleanup pauses of its concurrent marking are
 * not reported by Java 17, so not counted either.
 */
final class GcPauses {

    private static final GcPauses INSTANCE = new GcPauses();

    /** When each pause was reported (System.nanoTime) and its length in milliseconds, in the order reported. */
    private final List<long[]> pauses = new ArrayList<>();
    private final boolean reported;

    private GcPauses() {
        boolean any = false;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter && !collector.getName().contains("Cycles")) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                            .equals(notification.getType())) {
                        record(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                                .getGcInfo().getDuration());
                    }
                }, null, null);
                any = true;
            }
        }
        this.reported = any;
    }

    /** Starts listening (once per JVM); the pauses are counted from then on. */
    static GcPauses listening() {
        return INSTANCE;
    }

    private synchronized void record(long millis) {
        pauses.add(new long[] {System.nanoTime(), millis});
    }

    /**
     * "N, X ms in all, the longest Y ms" (N pauses) for the pauses reported after {@code since} (System.nanoTime; a
     * collector reports a pause just after it ends), "none", or "not reported" where the JVM's collectors do not tell.
     */
    synchronized String since(long since) {
        if (!reported) {
            return "not reported";
        }
        long count = 0;
        long total = 0;
        long longest = 0;
        for (long[] pause : pauses) {
            if (pause[0] - since > 0) {
                count++;
                total += pause[1];
                longest = Math.max(longest, pause[1]);
            }
        }
        return count == 0 ? "none" : String.format(Locale.ROOT, "%,d, %,d ms in all, the longest %,d ms",
                count, total, longest);
    }
}
