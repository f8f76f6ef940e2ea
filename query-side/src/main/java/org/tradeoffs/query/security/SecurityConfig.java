package org.tradeoffs.query.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
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
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.tradeoffs.query.asof.AsOfReads;

/**
 * Stateless security for REST and the WebSocket handshake. Two modes, chosen by
 * {@code tradeoffs.security.jwt-issuer-uri}: blank (the default) means HTTP Basic with the demo
 * users; set means an OAuth2 resource server validating that issuer's JWTs.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {

    static final String BASIC_MODE = "'${tradeoffs.security.jwt-issuer-uri:}'.isBlank()";
    static final String JWT_MODE = "!" + BASIC_MODE;

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
    SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectMapper objectMapper,
            @Value("${tradeoffs.security.jwt-issuer-uri:}") String jwtIssuerUri) throws Exception {
        boolean basic = jwtIssuerUri.isBlank();
        ProblemSecurityResponses problems =
                new ProblemSecurityResponses(objectMapper, basic ? "Basic realm=\"tradeoffs\"" : "Bearer");
        http.csrf(AbstractHttpConfigurer::disable)
                .cors(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/actuator/**").hasAuthority(Caller.ADMIN_AUTHORITY)
                        .anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDeniedHandler()));
        if (basic) {
            http.httpBasic(httpBasic -> httpBasic.authenticationEntryPoint(problems.entryPoint()));
        } else {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtCallerConverter()))
                    .authenticationEntryPoint(problems.entryPoint())
                    .accessDeniedHandler(problems.accessDeniedHandler()));
        }
        return http.build();
    }

    /**
     * Browsers on the allowed origins (a front end served elsewhere) may call the API: preflights are answered before
     * sign-in, and the headers a client needs (Retry-After, As-Of-Position) are exposed to it. The STOMP endpoint has
     * its own origin check ({@code tradeoffs.websocket.allowed-origins}).
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(
            @Value("${tradeoffs.http.allowed-origins:http://localhost:*,http://127.0.0.1:*}") List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(origins);
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept"));
        cors.setExposedHeaders(List.of("Retry-After", "Location", AsOfReads.HEADER));
        cors.setMaxAge(Duration.ofMinutes(30));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }

    /** Demo users only; {noop} because HTTP Basic checks the password on every stateless request. */
    @Bean
    @ConditionalOnExpression(BASIC_MODE)
    UserDetailsService demoUsers() {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        users.createUser(User.withUsername("admin").password("{noop}demo").roles("ADMIN").build());
        for (String username : new String[] {"steering", "designer", "analyst", "auditor", "outsider"}) {
            users.createUser(User.withUsername(username).password("{noop}demo").roles("USER").build());
        }
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
    @ConditionalOnExpression(JWT_MODE)
    JwtDecoder jwtDecoder(@Value("${tradeoffs.security.jwt-issuer-uri}") String jwtIssuerUri,
            @Value("${tradeoffs.security.jwt-audience:tradeoffs}") String audience) {
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(jwtIssuerUri);
            decoder.setJwtValidator(tokenValidator(jwtIssuerUri, audience));
            return decoder;
        });
    }

    /** The issuer's, the validity times' and the audience's checks. */
    static OAuth2TokenValidator<Jwt> tokenValidator(String issuer, String audience) {
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)));
    }
}
