package org.tradeoffs.query.security;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.tradeoffs.query.ApiSliceTest;

/** With an issuer configured the demo users are gone and 401s challenge for a bearer token. */
@WebMvcTest(properties = "tradeoffs.security.jwt-issuer-uri=http://127.0.0.1:9/realms/tradeoffs")
@Import(SecurityConfig.class)
class JwtModeTest extends ApiSliceTest {

    @Test
    void requestWithoutATokenIsChallengedForABearerToken() throws Exception {
        mvc.perform(get("/api/districts"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", startsWith("Bearer")))
                .andExpect(jsonPath("$.code").value("unauthenticated"));
    }

    @Test
    void demoPasswordsAreNotAcceptedInJwtMode() throws Exception {
        mvc.perform(get("/api/districts").with(httpBasic("admin", "demo")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthenticated"));
    }
}
