package org.tradeoffs.query.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.Jwt;
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

    @Test
    void aTokenMustComeFromTheIssuerForThisServiceAndBeValidNow() {
        String issuer = "http://127.0.0.1:9/realms/tradeoffs";
        var validator = SecurityConfig.tokenValidator(issuer, "tradeoffs");
        Instant now = Instant.now();

        assertThat(validator.validate(token(issuer, List.of("tradeoffs"), now)).hasErrors()).isFalse();
        assertThat(validator.validate(token(issuer, List.of("gradebook", "tradeoffs"), now)).hasErrors()).isFalse();
        // the same issuer's token for another application, even one whose roles say ADMIN
        assertThat(validator.validate(token(issuer, List.of("gradebook"), now)).hasErrors()).isTrue();
        assertThat(validator.validate(token(issuer, null, now)).hasErrors()).isTrue();
        assertThat(validator.validate(token("http://127.0.0.1:9/realms/other", List.of("tradeoffs"), now)).hasErrors())
                .isTrue();
        assertThat(validator.validate(token(issuer, List.of("tradeoffs"), now.minusSeconds(3600))).hasErrors())
                .isTrue();
    }

    private static Jwt token(String issuer, List<String> audience, Instant issuedAt) {
        Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "RS256").subject("7f3a").issuer(issuer)
                .claim("roles", List.of("ADMIN")).issuedAt(issuedAt).expiresAt(issuedAt.plusSeconds(300));
        if (audience != null) {
            token.audience(audience);
        }
        return token.build();
    }
}
