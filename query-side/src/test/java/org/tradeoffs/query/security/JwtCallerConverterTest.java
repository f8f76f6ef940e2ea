package org.tradeoffs.query.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

class JwtCallerConverterTest {

    private final JwtCallerConverter converter = new JwtCallerConverter();

    @Test
    void usernameIsThePreferredUsername() {
        Caller caller = Caller.of(converter.convert(jwt().subject("f81d4fae").claim("preferred_username", "designer")
                .build()));

        assertThat(caller).isEqualTo(new Caller("designer", false));
    }

    @Test
    void usernameFallsBackToTheSubject() {
        assertThat(converter.convert(jwt().subject("steering").build()).getName()).isEqualTo("steering");
    }

    @Test
    void adminInTheRolesClaimMakesAnAdministrator() {
        AbstractAuthenticationToken authentication =
                converter.convert(jwt().subject("root").claim("roles", List.of("USER", "ADMIN")).build());

        assertThat(Caller.of(authentication)).isEqualTo(new Caller("root", true));
    }

    @Test
    void otherRolesGrantNoAdministration() {
        assertThat(Caller.of(converter.convert(jwt().subject("x").claim("roles", List.of("STEERING_COMMITTEE"))
                .build())).admin()).isFalse();
    }

    private static Jwt.Builder jwt() {
        return Jwt.withTokenValue("token").header("alg", "RS256").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
    }
}
