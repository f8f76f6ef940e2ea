package org.tradeoffs.query.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Maps an identity provider's JWT to our caller: the username is {@code preferred_username}
 * (falling back to {@code sub}); {@code ROLE_ADMIN} if the {@code roles} claim contains
 * {@code ADMIN}. District roles never come from the token.
 */
class JwtCallerConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String username = jwt.getClaimAsString("preferred_username");
        if (username == null || username.isBlank()) {
            username = jwt.getSubject();
        }
        List<String> roles = jwt.hasClaim("roles") ? jwt.getClaimAsStringList("roles") : List.of();
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (roles != null && roles.contains("ADMIN")) {
            authorities.add(new SimpleGrantedAuthority(Caller.ADMIN_AUTHORITY));
        }
        return new JwtAuthenticationToken(jwt, authorities, username);
    }
}
