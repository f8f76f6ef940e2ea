package org.tradeoffs.command.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.tradeoffs.command.district.DistrictCommands;
import org.tradeoffs.command.district.DistrictDirectory;
import org.tradeoffs.command.web.CommandSender;
import org.tradeoffs.command.web.ReadLinks;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** With an issuer configured the demo users are gone, 401s ask for a bearer token, and claims name the actor. */
@WebMvcTest(controllers = DistrictCommands.class,
        properties = "tradeoffs.security.jwt-issuer-uri=http://127.0.0.1:9/realms/tradeoffs")
@Import({SecurityConfiguration.class, ReadLinks.class})
class JwtModeTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    CommandSender sender;
    @MockitoBean
    DistrictDirectory directory;

    @Test
    void aRequestWithoutATokenIsChallengedForABearerToken() throws Exception {
        mvc.perform(post("/api/districts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Tracy USD\",\"enrollment\":17000}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", startsWith("Bearer")))
                .andExpect(jsonPath("$.code").value("unauthenticated"));
    }

    @Test
    void demoPasswordsAreNotAcceptedInJwtMode() throws Exception {
        mvc.perform(post("/api/districts").with(httpBasic("admin", "demo")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Tracy USD\",\"enrollment\":17000}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void theUsernameComesFromPreferredUsernameAndAdminFromTheRolesClaim() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("7f3a").claim("preferred_username", "admin")
                .claim("roles", List.of("ADMIN")).issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        var authentication = new SecurityConfiguration.UsernameAndAdminFromJwt().convert(jwt);
        assertThat(authentication.getName()).isEqualTo("admin");
        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority).contains("ROLE_ADMIN");
    }

    @Test
    void withoutPreferredUsernameTheSubjectNamesTheActorAndNobodyIsAdminByDefault() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("designer")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        var authentication = new SecurityConfiguration.UsernameAndAdminFromJwt().convert(jwt);
        assertThat(authentication.getName()).isEqualTo("designer");
        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority).doesNotContain("ROLE_ADMIN");
    }

    @Test
    void aBlankPreferredUsernameFallsBackToTheSubjectAsOnTheQuerySide() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("designer").claim("preferred_username", " ")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        assertThat(new SecurityConfiguration.UsernameAndAdminFromJwt().convert(jwt).getName()).isEqualTo("designer");
    }

    @Test
    void aTokenMustComeFromTheIssuerForThisServiceAndBeValidNow() {
        String issuer = "http://127.0.0.1:9/realms/tradeoffs";
        var validator = SecurityConfiguration.tokenValidator(issuer, "tradeoffs");
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
