package org.rapport.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

class HeadersAndSessionsTest extends AppTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;

    @Test
    void everyPageHasAStrictContentSecurityPolicyAndCannotBeFramed() throws Exception {
        for (String path : List.of("/", "/login", "/survey", "/api/v1/survey/session", "/no-such-page")) {
            MvcResult r = mvc.perform(get(path)).andReturn();
            String csp = r.getResponse().getHeader("Content-Security-Policy");
            assertThat(csp).as(path).contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.getResponse().getHeader("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(r.getResponse().getHeader("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(r.getResponse().getHeader("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        }
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;
    @Autowired
    org.springframework.context.ApplicationContext context;

    /**
     * Every route the application declares, fetched over HTTP as a browser would (signed out, and as a
     * school admin by HTTP Basic for the API), with its path variables filled in, and requests Tomcat
     * refuses before Rapport sees them: each answer carries the security headers, whatever its status.
     */
    @Test
    void everyAnswerOfEveryRouteHasTheSecurityHeaders() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((school.admin().email() + ":" + Fixtures.PASSWORD)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<String> paths = new java.util.ArrayList<>();
        for (org.rapport.app.support.Routes.Route route : org.rapport.app.support.Routes.served(context)) {
            if (route.method().equals("GET")) {
                paths.add(route.pattern().replaceAll("\\{schoolId}", Long.toString(school.schoolId())).replaceAll("\\{[^}]+}", "1"));
            }
        }
        assertThat(paths).hasSizeGreaterThan(40);
        int checked = 0;
        for (String path : paths) {
            for (boolean signedIn : List.of(false, true)) {
                var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path));
                if (signedIn) {
                    request.header("Authorization", basic);
                }
                var r = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding());
                securityHeaders(path + (signedIn ? " signed in" : "") + " (" + r.statusCode() + ")", r.headers());
                checked++;
            }
        }
        // refused by Tomcat itself: an encoded slash and a NUL in the address
        for (String bad : List.of("/survey%2Fstart", "/%00")) {
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + bad)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            securityHeaders(bad, r.headers());
            checked++;
        }
        System.out.println("security headers checked on " + checked + " answers");
    }

    static void securityHeaders(String what, java.net.http.HttpHeaders headers) {
        String csp = headers.firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).as(what).contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(csp).as(what).containsAnyOf("script-src 'self'", "default-src 'none'");
        assertThat(headers.firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
        assertThat(headers.firstValue("Referrer-Policy")).as(what).contains("no-referrer");
        assertThat(headers.firstValue("X-Frame-Options")).as(what).contains("DENY");
        assertThat(headers.firstValue("Strict-Transport-Security")).as(what + ": no HSTS over plain HTTP").isEmpty();
    }

    @Test
    void hstsOnlyBehindTls() throws Exception {
        mvc.perform(get("/").secure(true)).andExpect(header().string("Strict-Transport-Security",
                org.hamcrest.Matchers.containsString("max-age=")));
        mvc.perform(get("/")).andExpect(header().doesNotExist("Strict-Transport-Security"));
    }

    @Test
    void templatesHaveNoInlineScriptsStylesOrHandlers() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                String html = Files.readString(f);
                assertThat(html).as(f.toString()).doesNotContainPattern("<script(?![^>]*\\s(th:)?src=)[^>]*>")
                        .doesNotContainPattern("\\son[a-z]+=").doesNotContainPattern("\\sstyle=");
                // the PDF templates are drawn on the server and never sent to a browser: their page styles may be inline
                if (!f.startsWith(Path.of("src/main/resources/templates/pdf"))) {
                    assertThat(html).as(f.toString()).doesNotContain("<style");
                }
            }
        }
    }

    @Test
    void aWrongPasswordDoesNotSignIn() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        mvc.perform(post("/login").with(csrf()).param("username", school.teacherA().email()).param("password", "guess"))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(post("/login").with(csrf()).param("username", "nobody@nowhere.example").param("password", "guess"))
                .andExpect(redirectedUrl("/login?error"));
    }

    /**
     * A sign-in form sent with a check token the browser's cookie no longer matches (cleared or replaced after the page was
     * loaded) comes back to a fresh form that says the page expired, signed in as nobody; any other form sent so is still
     * refused (403). It answered "You are not allowed to see this page" on the sign-in form (CI, after a page's late request
     * replaced the cookie).
     */
    @Test
    void anExpiredSignInFormComesBackToAFreshOne() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        MvcResult expired = mvc.perform(post("/login").with(csrf().useInvalidToken()).param("username", school.teacherA().email())
                .param("password", Fixtures.PASSWORD)).andExpect(redirectedUrl("login?expired")).andReturn();
        assertThat(expired.getResponse().getCookie("SESSION")).as("not signed in").isNull();
        mvc.perform(get("/login?expired")).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.containsString("This sign-in page had expired")));
        mvc.perform(post("/staff/schools/" + school.schoolId() + "/windows").with(csrf().useInvalidToken())
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(school.admin()))
                .param("name", "x")).andExpect(status().isForbidden());
    }
}
