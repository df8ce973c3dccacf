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
                        .doesNotContainPattern("\\son[a-z]+=").doesNotContainPattern("\\sstyle=").doesNotContain("<style");
            }
        }
    }

    @Test
    void signingInChangesTheSessionIdAndSigningOutEndsTheSession() throws Exception {
        // over HTTP, as a browser: the session lives in PostgreSQL (Spring Session JDBC), behind a cookie
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        java.net.CookieManager cookies = new java.net.CookieManager();
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
        assertThat(send(browser, "GET", "/staff", null).headers().firstValue("Location").orElse("")).endsWith("/login");
        String before = cookie(cookies, "SESSION");
        assertThat(before).as("a session remembers where the person was going").isNotNull();
        send(browser, "GET", "/login", null);
        java.net.http.HttpResponse<String> login = send(browser, "POST", "/login", "username="
                + java.net.URLEncoder.encode(school.teacherA().email(), java.nio.charset.StandardCharsets.UTF_8)
                + "&password=" + java.net.URLEncoder.encode(Fixtures.PASSWORD, java.nio.charset.StandardCharsets.UTF_8)
                + "&_csrf=" + cookie(cookies, "XSRF-TOKEN"));
        assertThat(login.headers().firstValue("Location").orElse("")).as(login.statusCode() + " " + login.headers().map()).endsWith("/staff");
        String after = cookie(cookies, "SESSION");
        assertThat(after).isNotNull().isNotEqualTo(before);
        assertThat(sessionsOf(school.teacherA().email())).isEqualTo(1);
        assertThat(send(browser, "GET", "/staff", null).statusCode()).isEqualTo(200);
        java.net.http.HttpResponse<String> logout = send(browser, "POST", "/logout", "_csrf=" + cookie(cookies, "XSRF-TOKEN"));
        assertThat(logout.headers().firstValue("Location").orElse("")).endsWith("/login?signedOut");
        assertThat(sessionsOf(school.teacherA().email())).isZero();
        // the old session cookie, replayed, signs nobody in
        java.net.http.HttpClient replay = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> replayed = replay.send(java.net.http.HttpRequest.newBuilder(uri("/staff"))
                .header("Cookie", "SESSION=" + after).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private java.net.URI uri(String path) {
        return java.net.URI.create("http://127.0.0.1:" + port + path);
    }

    private java.net.http.HttpResponse<String> send(java.net.http.HttpClient client, String method, String path, String form) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(uri(path));
        request = form == null ? request.method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/x-www-form-urlencoded").method(method, java.net.http.HttpRequest.BodyPublishers.ofString(form));
        return client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(java.net.CookieManager cookies, String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(java.net.HttpCookie::getValue)
                .findFirst().orElse(null);
    }

    private long sessionsOf(String email) {
        return jdbc.sql("select count(*) from spring_session where principal_name = ?").param(email).query(Long.class).single();
    }

    @Test
    void aWrongPasswordDoesNotSignIn() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        mvc.perform(post("/login").with(csrf()).param("username", school.teacherA().email()).param("password", "guess"))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(post("/login").with(csrf()).param("username", "nobody@nowhere.example").param("password", "guess"))
                .andExpect(redirectedUrl("/login?error"));
    }
}
