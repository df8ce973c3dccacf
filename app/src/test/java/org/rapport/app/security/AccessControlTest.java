package org.rapport.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.TestMail;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

/** Staff see only what their role and school allow; a teacher's pupil feedback is theirs alone. */
class AccessControlTest extends AppTest {
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @LocalServerPort
    int port;

    Fixtures.SchoolSetup mine;
    Fixtures.SchoolSetup other;
    SurveyWindow window;
    SurveyWindow otherWindow;

    @BeforeEach
    void setUp() {
        long network = fixtures.network();
        mine = fixtures.school(network);
        other = fixtures.school(network);
        window = fixtures.openWindow(mine.schoolId());
        otherWindow = fixtures.openWindow(other.schoolId());
    }

    String teacherReport(SurveyWindow w, StaffUser teacher) {
        return "/staff/windows/" + w.id() + "/teachers/" + teacher.id() + "/report";
    }

    @Test
    void aTeacherOpensTheirOwnFeedbackButNotAnotherTeachers() throws Exception {
        mvc.perform(get(teacherReport(window, mine.teacherA())).with(user(mine.teacherA()))).andExpect(status().isOk());
        mvc.perform(get(teacherReport(window, mine.teacherB())).with(user(mine.teacherA()))).andExpect(status().isForbidden());
        mvc.perform(get(teacherReport(window, mine.teacherA())).with(user(mine.teacherB()))).andExpect(status().isForbidden());
        // nor their leader, nor a network admin
        mvc.perform(get(teacherReport(window, mine.teacherA())).with(user(mine.admin()))).andExpect(status().isForbidden());
        mvc.perform(get(teacherReport(window, mine.teacherA())).with(user(fixtures.networkAdmin(mine.networkId()))))
                .andExpect(status().isForbidden());
    }

    @Test
    void aTeacherCannotOpenAnotherSchoolsPages() throws Exception {
        StaffUser teacher = mine.teacherA();
        mvc.perform(get("/staff/schools/" + other.schoolId()).with(user(teacher))).andExpect(status().isForbidden());
        mvc.perform(get("/staff/windows/" + otherWindow.id()).with(user(teacher))).andExpect(status().isForbidden());
        mvc.perform(get("/staff/windows/" + otherWindow.id() + "/report").with(user(teacher))).andExpect(status().isForbidden());
        mvc.perform(get(teacherReport(otherWindow, other.teacherA())).with(user(teacher))).andExpect(status().isForbidden());
        mvc.perform(get("/staff/schools/" + other.schoolId() + "/roster").with(user(teacher))).andExpect(status().isForbidden());
    }

    @Test
    void teachersDoNotManageAndAdminsManageOnlyTheirSchool() throws Exception {
        mvc.perform(get("/staff/schools/" + mine.schoolId() + "/roster").with(user(mine.teacherA()))).andExpect(status().isForbidden());
        mvc.perform(post("/staff/windows/" + window.id() + "/close").with(user(mine.teacherA())).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/staff/windows/" + window.id() + "/codes").param("role", "PUPIL").with(user(mine.teacherA())).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/staff/schools/" + mine.schoolId() + "/roster").with(user(mine.admin()))).andExpect(status().isOk());
        mvc.perform(get("/staff/schools/" + other.schoolId() + "/roster").with(user(mine.admin()))).andExpect(status().isForbidden());
        mvc.perform(post("/staff/windows/" + otherWindow.id() + "/close").with(user(mine.admin())).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/staff/windows/" + window.id() + "/report").with(user(mine.admin()))).andExpect(status().isOk());
    }

    @Test
    void aNetworkAdminSeesTheirNetworkOnly() throws Exception {
        StaffUser admin = fixtures.networkAdmin(mine.networkId());
        mvc.perform(get("/staff/windows/" + otherWindow.id() + "/report").with(user(admin))).andExpect(status().isOk());
        Fixtures.SchoolSetup elsewhere = fixtures.school(fixtures.network());
        mvc.perform(get("/staff/schools/" + elsewhere.schoolId()).with(user(admin))).andExpect(status().isForbidden());
    }

    @Test
    void onlyTheSchoolsAdminInvitesStaffAndNobodySetsAnotherPersonsPassword() throws Exception {
        String path = "/staff/schools/" + mine.schoolId() + "/staff/" + mine.teacherA().id() + "/invitation";
        mvc.perform(post(path).with(user(mine.teacherB())).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post(path).with(user(other.admin())).with(csrf())).andExpect(status().isForbidden());
        // a member of another school cannot be reached through my school's address
        mvc.perform(post("/staff/schools/" + mine.schoolId() + "/staff/" + other.teacherA().id() + "/invitation")
                .with(user(mine.admin())).with(csrf())).andExpect(status().isNotFound());
        // no page sets someone else's password any more
        mvc.perform(post("/staff/schools/" + mine.schoolId() + "/staff/" + mine.teacherA().id() + "/password")
                .param("password", "a new long password").with(user(mine.admin())).with(csrf())).andExpect(status().isNotFound());
        int before = TestMail.to(mine.teacherA().email()).size();
        // nor does an invitation: teacher A has a password, so no link is made for them, neither shown nor mailed
        mvc.perform(post(path).with(user(mine.admin())).with(csrf())).andExpect(status().isConflict())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("/account/password?token="))));
        assertThat(TestMail.to(mine.teacherA().email())).hasSize(before);
        // a teacher without a password yet is invited by mail, and only they get the link
        jdbc.sql("update staff set password_hash = null where id = ?").param(mine.teacherA().id()).update();
        mvc.perform(post(path).with(user(mine.admin())).with(csrf())).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("/account/password?token="))));
        assertThat(TestMail.to(mine.teacherA().email())).hasSize(before + 1);
        String token = TestMail.lastLink(mine.teacherA().email()).replaceAll(".*token=", "");
        mvc.perform(post("/account/password").param("token", token).param("password", "a new long password").with(csrf()))
                .andExpect(status().is3xxRedirection());
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/windows/"
                + window.id() + "/report")).header("Authorization", basic(mine.teacherA().email(), "a new long password")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(200);
    }

    @Test
    void stateChangesNeedTheCsrfToken() throws Exception {
        mvc.perform(post("/staff/windows/" + window.id() + "/close").with(user(mine.admin()))).andExpect(status().isForbidden());
    }

    @Test
    void anonymousPeopleAreSentToSignIn() throws Exception {
        // to the sign-in page by a relative address, which names no host
        mvc.perform(get("/staff")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
        mvc.perform(get(teacherReport(window, mine.teacherA()))).andExpect(status().is3xxRedirection());
    }

    @Test
    void theApiChecksTheSameRulesWithRealPasswords() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String path = "/api/v1/windows/" + window.id() + "/teachers/" + mine.teacherA().id() + "/report";
        assertThat(api(http, path, mine.teacherA())).isEqualTo(200);
        assertThat(api(http, path, mine.teacherB())).isEqualTo(403);
        assertThat(api(http, "/api/v1/windows/" + otherWindow.id() + "/report", mine.teacherA())).isEqualTo(403);
        assertThat(api(http, "/api/v1/windows/" + window.id() + "/report", null)).isEqualTo(401);
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", basic(mine.teacherA().email(), "wrong password")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    int api(HttpClient http, String path, StaffUser user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (user != null) {
            b.header("Authorization", basic(user.email(), Fixtures.PASSWORD));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
