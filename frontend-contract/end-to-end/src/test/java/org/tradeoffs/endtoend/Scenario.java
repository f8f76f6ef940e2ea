package org.tradeoffs.endtoend;

import org.springframework.context.ApplicationContext;
import org.springframework.messaging.simp.user.SimpUserRegistry;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sets up districts and cycles through the public API, as an administrator and steering member would. */
final class Scenario {

    private Scenario() {
    }

    /** A district with steering, designer, analyst and auditor in their roles. */
    static String district(Services services, String name, int enrollment) {
        Http.Response registered = Http.call(services.commandUrl(), "admin", "POST", "/api/districts",
                "{\"name\":\"" + name + "\",\"enrollment\":" + enrollment + "}", List.of());
        assertThat(registered.status()).isEqualTo(201);
        String district = registered.id();
        for (String[] member : new String[][]{{"steering", "STEERING_COMMITTEE"}, {"designer", "DESIGN_TEAM"},
                {"analyst", "ROI_ANALYST"}, {"auditor", "AUDITOR"}}) {
            Http.Response added = Http.call(services.commandUrl(), "admin", "POST", "/api/districts/{districtId}/members",
                    "{\"username\":\"" + member[0] + "\",\"role\":\"" + member[1] + "\"}", List.of(), district);
            assertThat(added.status()).isEqualTo(201);
        }
        return district;
    }

    static String cycle(Services services, String district, String name) {
        Http.Response opened = Http.call(services.commandUrl(), "steering", "POST", "/api/districts/{districtId}/cycles",
                "{\"name\":\"" + name + "\"}", List.of(), district);
        assertThat(opened.status()).isEqualTo(201);
        return opened.id();
    }

    /**
     * STOMP SUBSCRIBE is asynchronous: wait until the query side has registered the subscriptions
     * before issuing commands whose frames the test expects.
     */
    static void awaitSubscribed(Services services, String destination, int subscribers) {
        awaitSubscribed(services.query, destination, subscribers);
    }

    /** The same on a given query-side instance. */
    static void awaitSubscribed(ApplicationContext query, String destination, int subscribers) {
        SimpUserRegistry registry = query.getBean(SimpUserRegistry.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(registry.findSubscriptions(s -> s.getDestination().equals(destination))).hasSize(subscribers));
    }
}
