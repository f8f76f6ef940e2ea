package org.tradeoffs.query.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

public final class WebJson {

    private WebJson() {
    }

    /** Serializes like Spring Boot's auto-configured mapper, which REST and STOMP frames use. */
    public static ObjectMapper mapper() {
        return Jackson2ObjectMapperBuilder.json().featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }
}
