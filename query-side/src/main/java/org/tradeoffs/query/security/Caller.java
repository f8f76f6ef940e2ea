package org.tradeoffs.query.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is asking: the username that district roles are granted to, and whether the person is a
 * platform administrator. District roles are not here: they come from the directory projection.
 */
public record Caller(String username, boolean admin) {

    public static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

    public static Caller of(Authentication authentication) {
        boolean admin = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(ADMIN_AUTHORITY::equals);
        return new Caller(authentication.getName(), admin);
    }
}
