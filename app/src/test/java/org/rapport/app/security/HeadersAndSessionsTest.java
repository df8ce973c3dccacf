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
}
