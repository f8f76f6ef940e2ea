package org.tradeoffs.query.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.tomcat.util.threads.TaskQueue;
import org.apache.tomcat.util.threads.TaskThreadFactory;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat's request threads, made as Tomcat makes them ({@code server.tomcat.threads.*}), with one difference: Tomcat
 * hands the completion of every asynchronous WebSocket send to one of these threads, even when the send completed at
 * once on the thread that made it, and a live session's drain sends one message per change per session (100,000 a
 * second at 1,000 sessions and 100 commands a second). Waking a pooled thread for each of those took about 6% of the
 * CPU in that benchmark phase, for completions that do almost nothing. So a completion handed over by a thread in the
 * middle of a drain's send ({@link LiveSession#completesOnThisThread}) runs on that thread, which goes on with the
 * session's next message as it does for a completion that came before the send returned. Only the first completion
 * per send: one that sends more (the next part of a long message) is handed over as usual, so no chain of
 * completions nests on one thread's stack, which is why Tomcat hands them over at all.
 */
@Component
public class TomcatThreads implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, DisposableBean {

    private final ServerProperties server;
    /** One pool per web server this customizes (one, unless a management port of its own is set). */
    private final List<ThreadPoolExecutor> pools = new CopyOnWriteArrayList<>();

    public TomcatThreads(ServerProperties server) {
        this.server = server;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        ServerProperties.Tomcat.Threads settings = server.getTomcat().getThreads();
        TaskQueue queue = new TaskQueue(settings.getMaxQueueCapacity());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(settings.getMinSpare(), settings.getMax(), 60,
                TimeUnit.SECONDS, queue, new TaskThreadFactory("http-exec-", true, Thread.NORM_PRIORITY)) {
            @Override
            public void execute(Runnable task) {
                if (LiveSession.completesOnThisThread()) {
                    task.run();
                } else {
                    super.execute(task);
                }
            }
        };
        queue.setParent(pool);
        pools.add(pool);
        factory.addProtocolHandlerCustomizers(handler -> handler.setExecutor(pool));
    }

    /** After the web server stopped (it stops before the beans are destroyed). */
    @Override
    public void destroy() {
        pools.forEach(ThreadPoolExecutor::shutdownNow);
    }
}
