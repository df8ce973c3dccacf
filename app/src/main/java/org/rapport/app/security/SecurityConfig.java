package org.rapport.app.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    /** bcrypt by default (adaptive), with the algorithm recorded in each hash so it can be raised later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Passwords checked against the adaptive hash, behind the limits on guessing ({@link SignInThrottle});
     * refused for a network that has switched password sign-in off (its staff use single sign-on).
     */
    @Bean
    org.springframework.security.authentication.AuthenticationProvider passwordSignIn(
            org.springframework.security.core.userdetails.UserDetailsService users, PasswordEncoder encoder, SignInThrottle throttle) {
        // an account that has not chosen its password yet is checked against a hash no password matches: refused as a
        // wrong password is, after the same work, rather than failing on a missing hash (which told such accounts apart)
        String unusable = encoder.encode(java.util.UUID.randomUUID().toString());
        org.springframework.security.core.userdetails.UserDetailsService checked = email -> {
            var found = users.loadUserByUsername(email);
            return found instanceof StaffUser staff && staff.passwordHash() == null ? staff.withPasswordHash(unusable) : found;
        };
        var provider = new org.springframework.security.authentication.dao.DaoAuthenticationProvider(checked);
        provider.setPasswordEncoder(encoder);
        var status = new org.springframework.security.authentication.AccountStatusUserDetailsChecker();
        provider.setPreAuthenticationChecks(u -> {
            status.check(u);
            if (u instanceof StaffUser staff && !staff.passwordSignIn()) {
                throw new org.springframework.security.authentication.DisabledException("password sign-in is off for this network");
            }
        });
        return new ThrottledSignIn(provider, throttle, users);
    }

    /** The JSON API: stateless, staff by HTTP Basic, survey endpoints open (the access code is the credential). */
    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/v1/survey/**", "/api/v1/setup", "/api/v1/languages", "/api/v1/you-said/*").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint((req, res, e) -> {
                    if (e instanceof SignInThrottledException slowed) {
                        res.setHeader("Retry-After", Long.toString(slowed.retryAfterSeconds()));
                        problem(res, 429, "Too many failed sign-ins", "Too many failed sign-ins for this account or from this address: try again in "
                                + slowed.retryAfterSeconds() + " seconds.");
                    } else {
                        problem(res, 401, "Unauthorized", "Sign in with a staff account (HTTP Basic) to use this endpoint.");
                    }
                }))
                .exceptionHandling(e -> e.accessDeniedHandler((req, res, ex) -> problem(res, 403, "Forbidden",
                        "Your account may not use this endpoint for this school or window.")))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable())
                .headers(SecurityConfig::headers);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, OidcClients oidc, org.springframework.security.core.userdetails.UserDetailsService users,
                            @org.springframework.beans.factory.annotation.Qualifier("singleSignOn")
                            org.springframework.security.web.authentication.AuthenticationSuccessHandler singleSignOn) throws Exception {
        if (oidc.configured()) {
            // staff sign in with their organisation's account; matched to an existing account by verified e-mail
            http.oauth2Login(o -> o.loginPage("/login").clientRegistrationRepository(oidc).successHandler(singleSignOn)
                    .failureUrl("/login?ssoFailed"));
        }
        CsrfTokenRequestAttributeHandler csrfHandler = new CsrfTokenRequestAttributeHandler();
        csrfHandler.setCsrfRequestAttributeName(null);
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/", "/survey", "/survey/**", "/login", "/error", "/css/**", "/js/**", "/setup", "/account/**", "/language", "/you-said/*",
                                "/webjars/**", "/favicon.ico", "/favicon.svg", "/actuator/health", "/actuator/health/**",
                                "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/staff/**").authenticated()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/staff", true).failureHandler(failures()).permitAll())
                .addFilterBefore(new SessionCheck(users), org.springframework.security.web.authentication.AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(signIn()).accessDeniedHandler(expiredSignIn()))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut").deleteCookies("SESSION"))
                .csrf(c -> c.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse()).csrfTokenRequestHandler(csrfHandler))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(SecurityConfig::headers);
        return http.build();
    }

    /** To the sign-in page by a relative address: a redirect never names the request's (perhaps forged) Host. */
    private static org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint signIn() {
        var entryPoint = new org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint("/login");
        entryPoint.setFavorRelativeUris(true);
        return entryPoint;
    }

    /**
     * A sign-in form whose check token no longer matches the browser's (its cookie was replaced or cleared after the page
     * was loaded) goes back to a fresh form that says so, not to "You are not allowed to see this page"; any other refusal
     * as before.
     */
    private static org.springframework.security.web.access.AccessDeniedHandler expiredSignIn() {
        var otherwise = new org.springframework.security.web.access.AccessDeniedHandlerImpl();
        return (request, response, denied) -> {
            if (denied instanceof org.springframework.security.web.csrf.CsrfException && "POST".equals(request.getMethod())
                    && (request.getContextPath() + "/login").equals(request.getRequestURI())) {
                response.sendRedirect("login?expired");
            } else {
                otherwise.handle(request, response, denied);
            }
        };
    }

    /** A wrong password back to the form with "?error"; a sign-in refused while slowed with "?tooMany". */
    private static org.springframework.security.web.authentication.AuthenticationFailureHandler failures() {
        var handler = new org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler();
        handler.setDefaultFailureUrl("/login?error");
        handler.setExceptionMappings(java.util.Map.of(SignInThrottledException.class.getName(), "/login?tooMany"));
        return handler;
    }

    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /**
     * Pages with charts: Vega compiles its expression language with Function(), so these pages, and
     * only these, allow 'unsafe-eval'. Still no inline scripts; the CSP-safe interpreter
     * (vega-interpreter) is not available as a WebJar here.
     */
    public static void allowCharts(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"));
    }

    private static void headers(org.springframework.security.config.annotation.web.configurers.HeadersConfigurer<HttpSecurity> h) {
        h.contentSecurityPolicy(c -> c.policyDirectives(POLICY))
                .frameOptions(f -> f.deny())
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .httpStrictTransportSecurity(Customizer.withDefaults());
    }

    static void problem(HttpServletResponse res, int status, String title, String detail) throws java.io.IOException {
        res.setStatus(status);
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        res.getWriter().write(org.rapport.app.web.ProblemJson.of(status, title, detail, null, null));
    }
}
