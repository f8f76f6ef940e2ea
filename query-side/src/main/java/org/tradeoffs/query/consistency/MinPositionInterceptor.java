package org.tradeoffs.query.consistency;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.tradeoffs.query.directory.Directory;
import org.tradeoffs.query.directory.DirectoryProjection;
import org.tradeoffs.query.problem.InvalidParameterException;
import org.tradeoffs.query.problem.NotFoundException;
import org.tradeoffs.query.problem.NotReadyException;
import org.tradeoffs.query.security.Caller;

/**
 * Read your writes: a query with {@code minPosition} (the {@code position} a write answered) is
 * answered only once the processors of the views it reads, named by its controller's {@link ReadsFrom}, and the
 * directory's have processed that position; every processor's, for a controller that names none.
 *
 * <p>It runs after Spring Security has authenticated the caller (so an anonymous request never
 * waits) and before the controller, which checks membership against the directory view. Waiting
 * first is what makes a read right after "open a cycle" or "add me to the district" see the cycle or
 * the membership. When the position is not reached in time, the caller gets 503 {@code not-ready}
 * only if the directory as it is now lets them read what the path names: a non-member gets 403
 * either way; an id the directory does not know yet may be what the awaited write creates, so it is
 * not-ready, not 404.
 */
public class MinPositionInterceptor implements HandlerInterceptor {

    public static final String PARAMETER = "minPosition";
    static final long RETRY_AFTER_SECONDS = 1;

    private final ReadConsistency everyProcessor;
    private final Function<Set<String>, ProjectionProgress> progressOf;
    private final Directory directory;
    /** By controller class: the wait for the processors it reads from (every processor, for one naming none). */
    private final Map<Class<?>, ReadConsistency> byController = new ConcurrentHashMap<>();

    /**
     * @param everyProcessor the bounded wait for every processor, whose timing the others share
     * @param progressOf     the progress of the named processors
     */
    public MinPositionInterceptor(ReadConsistency everyProcessor, Function<Set<String>, ProjectionProgress> progressOf,
            Directory directory) {
        this.everyProcessor = everyProcessor;
        this.progressOf = progressOf;
        this.directory = directory;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !isRead(request)) {
            return true;
        }
        String value = request.getParameter(PARAMETER);
        if (value == null) {
            return true;
        }
        long position = parse(value);
        if (consistencyFor(method.getBeanType()).awaitProcessed(position)) {
            return true;
        }
        refuseWhatTheCallerMayNotRead(request);
        throw new NotReadyException("The views have not reached position " + position + " yet; ask again",
                RETRY_AFTER_SECONDS);
    }

    private ReadConsistency consistencyFor(Class<?> controller) {
        return byController.computeIfAbsent(controller, type -> {
            ReadsFrom reads = type.getAnnotation(ReadsFrom.class);
            if (reads == null) {
                return everyProcessor;
            }
            Set<String> processors = new LinkedHashSet<>(List.of(reads.value()));
            processors.add(DirectoryProjection.PROCESSING_GROUP);
            return everyProcessor.on(progressOf.apply(Set.copyOf(processors)));
        });
    }

    private static boolean isRead(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    static long parse(String value) {
        long position;
        try {
            position = Long.parseLong(value.trim());
        } catch (NumberFormatException notANumber) {
            throw new InvalidParameterException(PARAMETER, "must be a whole number");
        }
        if (position < 0) {
            throw new InvalidParameterException(PARAMETER, "must be greater than or equal to 0");
        }
        return position;
    }

    private void refuseWhatTheCallerMayNotRead(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> path)) {
            return;
        }
        Caller caller = Caller.of(authentication);
        try {
            if (path.get("cycleId") instanceof String cycleId) {
                directory.readableCycle(cycleId, caller);
            } else if (path.get("districtId") instanceof String districtId) {
                directory.district(districtId, caller);
            }
        } catch (NotFoundException unknownYet) {
            // maybe created at the awaited position: not-ready, not 404
        }
    }
}
