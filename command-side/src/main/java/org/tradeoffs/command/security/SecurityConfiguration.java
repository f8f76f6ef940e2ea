package org.tradeoffs.command.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.tradeoffs.command.web.ProblemHandling;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * HTTP Basic with the demo users by default; an OAuth2 JWT resource server when
 * {@code tradeoffs.security.jwt-issuer-uri} (env {@code TRADEOFFS_JWT_ISSUER_URI}) is set. Platform
 * administrators carry {@code ROLE_ADMIN}; district roles come from the district's events.
 */
@Configuration
public class SecurityConfiguration {

    static final List<String> DEMO_USERS = List.of("steering", "designer", "analyst", "auditor", "outsider");

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json,
                            @Value("${tradeoffs.security.jwt-issuer-uri:}") String jwtIssuer) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            if (jwtIssuer.isBlank()) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"tradeoffs\"");
            } else {
                response.setHeader("WWW-Authenticate", "Bearer");
            }
            write(response, json, ProblemHandling.problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "Sign in first"));
        };
        AccessDeniedHandler forbidden = (request, response, e) -> write(response, json,
                ProblemHandling.problem(HttpStatus.FORBIDDEN, "forbidden", "You may not do this"));
        http.csrf(csrf -> csrf.disable())
                .cors(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden));
        if (jwtIssuer.isBlank()) {
            http.httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated));
        } else {
            http.oauth2ResourceServer(oauth -> oauth
                    .authenticationEntryPoint(unauthenticated)
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new UsernameAndAdminFromJwt())));
        }
        return http.build();
    }

    /**
     * Browsers on the allowed origins (a front end served elsewhere) may call the API: preflights are answered before
     * sign-in, and the headers a client needs (ETag, Location) are exposed to it.
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(
            @Value("${tradeoffs.http.allowed-origins:http://localhost:*,http://127.0.0.1:*}") List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(origins);
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "If-Match"));
        cors.setExposedHeaders(List.of("ETag", "Location"));
        cors.setMaxAge(Duration.ofMinutes(30));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }

    /**
     * No Spring Security observations: with Micrometer present Spring Security wraps every filter of every request in
     * an observation (a sixth of a command's request thread in a profile), and disabling them by name
     * ({@code management.observations.enable.spring.security}) still left the wrapping and a lookup per filter (a tenth
     * in the profile of 2026-12-01): this setting leaves the filter chain as it is. No endpoint here exposes them.
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnExpression("'${tradeoffs.security.jwt-issuer-uri:}'.isEmpty()")
    UserDetailsService demoUsers() {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        users.createUser(User.withUsername("admin").password("{noop}demo").roles("ADMIN").build());
        DEMO_USERS.forEach(name -> users.createUser(User.withUsername(name).password("{noop}demo").roles("USER").build()));
        // Only the lookup is exposed: Spring Security would otherwise "upgrade" the {noop} passwords to
        // bcrypt on first login (the manager is a UserDetailsPasswordService) and every later request
        // would pay a ~70 ms bcrypt check.
        return users::loadUserByUsername;
    }

    /**
     * Resolves the issuer's keys on first use, so the service starts while the issuer is down. A token must name this
     * service in its audience ({@code aud}): the issuer's tokens for other applications are refused, whatever roles
     * they carry.
     */
    @Bean
    @ConditionalOnExpression("!'${tradeoffs.security.jwt-issuer-uri:}'.isEmpty()")
    JwtDecoder jwtDecoder(@Value("${tradeoffs.security.jwt-issuer-uri}") String issuer,
                          @Value("${tradeoffs.security.jwt-audience:tradeoffs}") String audience) {
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer);
            decoder.setJwtValidator(tokenValidator(issuer, audience));
            return decoder;
        });
    }

    /** The issuer's, the validity times' and the audience's checks. */
    static OAuth2TokenValidator<Jwt> tokenValidator(String issuer, String audience) {
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)));
    }

    private static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /**
     * Username from {@code preferred_username} (else, or when blank, {@code sub}); ROLE_ADMIN when the {@code roles}
     * claim has ADMIN.
     */
    static final class UsernameAndAdminFromJwt implements Converter<Jwt, AbstractAuthenticationToken> {
        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            String username = jwt.getClaimAsString("preferred_username");
            if (username == null || username.isBlank()) {
                username = jwt.getSubject(); // as the query side does: both must name the same user
            }
            Collection<SimpleGrantedAuthority> authorities = new ArrayList<>();
            authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
            List<String> roles = jwt.hasClaim("roles") ? jwt.getClaimAsStringList("roles") : List.of();
            if (roles.contains("ADMIN")) {
                authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
            }
            return new JwtAuthenticationToken(jwt, authorities, username);
        }
    }
}
