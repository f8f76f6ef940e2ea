package org.tradeoffs.query.consistency;

import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.tradeoffs.query.directory.Directory;

/**
 * Puts {@link MinPositionInterceptor} in front of every query. Web slice tests have no event
 * processors (no {@link TrackingProcessorsProgress}) and so no interceptor.
 */
@Configuration
public class MinPositionConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<TrackingProcessorsProgress> progress;
    private final ObjectProvider<Directory> directory;
    private final Duration maxWait;
    private final Duration pollInterval;

    public MinPositionConfiguration(ObjectProvider<TrackingProcessorsProgress> progress,
            ObjectProvider<Directory> directory,
            @Value("${tradeoffs.consistency.max-wait:2s}") Duration maxWait,
            @Value("${tradeoffs.consistency.poll-interval:10ms}") Duration pollInterval) {
        this.progress = progress;
        this.directory = directory;
        this.maxWait = maxWait;
        this.pollInterval = pollInterval;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        TrackingProcessorsProgress available = progress.getIfAvailable();
        Directory readers = directory.getIfAvailable();
        if (available == null || readers == null) {
            return;
        }
        registry.addInterceptor(new MinPositionInterceptor(ReadConsistency.of(available, maxWait, pollInterval),
                processors -> position -> available.hasProcessed(processors, position), readers))
                .addPathPatterns("/api/**");
    }
}
