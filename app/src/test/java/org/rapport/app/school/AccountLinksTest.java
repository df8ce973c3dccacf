package org.rapport.app.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.config.RapportProperties;
import org.rapport.app.mail.Mailer;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.TestMail;
import org.rapport.app.web.NotFoundException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Setup, invitation and reset links: single use, expiring, never showing who has an account; with and without SMTP. */
class AccountLinksTest extends AppTest {
    @Autowired
    AccountLinks links;
    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccountTokens tokens;
    @Autowired
    RosterRepository roster;
    @Autowired
    SchoolRepository schools;
    @Autowired
    SchoolAccess access;
    @Autowired
    Onboarding onboarding;
    @Autowired
    StaffPasswords passwords;
    @Autowired
    MessageSource messages;

    MockHttpServletResponse postJson(String path, Object body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body))).andReturn().getResponse();
    }

    @Test
    void theSetupApiCreatesASchoolOnItsOwnOnceAndABadRequestLeavesTheLinkValid() throws Exception {
        String token = links.newSetupToken();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> weak = Map.of("token", token, "school", "Elm Primary " + tag, "name", "Pat Elm", "email", "pat-" + tag + "@test.example",
                "password", "qwertyuiop");
        MockHttpServletResponse refused = postJson("/api/v1/setup", weak);
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("password", "most common");
        assertThat(schools.networkNamed("Elm Primary " + tag)).as("nothing made").isEmpty();

        MockHttpServletResponse done = postJson("/api/v1/setup", Map.of("token", token, "school", "Elm Primary " + tag, "name", "Pat Elm",
                "email", "pat-" + tag + "@test.example", "password", "tall elms in the yard"));
        assertThat(done.getStatus()).as(done.getContentAsString()).isEqualTo(201);
        long network = json.readTree(done.getContentAsString()).get("networkId").asLong();
        assertThat(schools.inNetwork(network)).extracting(School::name).containsExactly("Elm Primary " + tag);
        assertThat(postJson("/api/v1/setup", Map.of("token", token, "network", "Again", "name", "X", "email", "x-" + tag + "@test.example",
                "password", "tall elms in the yard")).getStatus()).as("once").isEqualTo(404);
        assertThat(links.newSetupToken()).isNotEqualTo(token);
    }

    @Test
    void aNetworkAdminAddsASchoolWhoseAdminIsInvitedByMailAndAnExpiredLinkIsRefused() throws Exception {
        long network = fixtures.network();
        var admin = fixtures.networkAdmin(network);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String head = "head-" + tag + "@test.example";
        MockHttpServletResponse r = mvc.perform(post("/api/v1/schools").with(user(admin)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("name", "Ash School " + tag, "admin", Map.of("name", "Kai Ash", "email", head)))))
                .andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(201);
        JsonNode added = json.readTree(r.getContentAsString());
        assertThat(added.get("invitation").has("link")).as("mailed, not shown").isFalse();
        String link = TestMail.lastLink(head);
        // the names kept to themselves in the sentences (U+2068 ... U+2069), so a right-to-left name cannot turn them around
        assertThat(TestMail.lastBody(head)).contains("Hello \u2068Kai Ash\u2069", "\u2068Ash School " + tag + "\u2069", "for 7 days");
        String token = link.replaceAll(".*token=", "");
        assertThat(mvc.perform(get("/account/password").param("token", token)).andReturn().getResponse().getStatus()).isEqualTo(200);
        jdbc.sql("update account_token set expires_at = now() - interval '1 minute' where staff_id = ?").param(added.get("invitation").get("staffId").asLong())
                .update();
        assertThat(mvc.perform(get("/account/password").param("token", token)).andReturn().getResponse().getStatus()).as("expired").isEqualTo(404);
        assertThat(mvc.perform(post("/account/password").param("token", token).param("password", "a fine long password").with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void aResetIsMailedOnlyToAnAccountAndThePageSaysTheSameEitherWay() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        String known = school.teacherA().email();
        String unknown = "nobody-" + UUID.randomUUID() + "@test.example";
        int before = TestMail.to(known).size();
        String a = mvc.perform(post("/account/forgot").param("email", known).with(csrf())).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String b = mvc.perform(post("/account/forgot").param("email", unknown).with(csrf())).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        // the page's words, less its form token
        assertThat(main(a)).isEqualTo(main(b)).contains("If an account has this address");
        assertThat(TestMail.to(known)).hasSize(before + 1);
        assertThat(TestMail.to(unknown)).isEmpty();
        assertThat(TestMail.lastBody(known)).contains("for 60 minutes");
        // asking again at once sends nothing more: nobody can flood a mailbox through the form
        mvc.perform(post("/account/forgot").param("email", known).with(csrf()));
        assertThat(TestMail.to(known)).hasSize(before + 1);
        String token = TestMail.lastLink(known).replaceAll(".*token=", "");
        // should this fail, it says what the mail held and which reset links the person has
        assertThat(links.passwordLink(token)).as("the mailed link %s in %s; reset links on record: %s", token, TestMail.lastBody(known),
                jdbc.sql("select purpose || ' ' || created_at || ' ' || expires_at from account_token where staff_id = ?")
                        .param(school.teacherA().id()).query(String.class).list()).isPresent();
        links.choosePassword(token, "new words for a new day");
        assertThatThrownBy(() -> links.choosePassword(token, "and again other words")).isInstanceOf(NotFoundException.class);
    }

    @Autowired
    org.springframework.beans.factory.ObjectProvider<PrivateResults> privateResults;

    @Test
    void withoutSmtpTheAdminGetsTheLinksToPassOnAndResetsAreNotOffered() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        // the same service on a Mailer with no SMTP server, as a school without one runs it
        Mailer none = new Mailer(new RapportProperties(null, null, null, 5, null, 0, 0, null, null, null));
        AccountLinks offline = new AccountLinks(tokens, roster, schools, access, onboarding, passwords, none, messages,
                new org.rapport.app.web.PublicUrl("https://rapport.example"), privateResults, java.time.Clock.systemUTC());
        jdbc.sql("update staff set password_hash = null where id = ?").param(school.teacherB().id()).update();
        var invited = offline.inviteAllWithoutAccount(school.admin(), school.schoolId());
        assertThat(invited).singleElement().satisfies(i -> {
            assertThat(i.email()).isEqualTo(school.teacherB().email());
            assertThat(i.link()).startsWith("https://rapport.example/account/password?token=");
        });
        assertThat(offline.passwordLink(invited.get(0).link().replaceAll(".*token=", ""))).get().extracting(StaffMember::id)
                .isEqualTo(school.teacherB().id());
        assertThatThrownBy(() -> offline.requestReset(school.teacherA().email()))
                .hasMessageContaining("sends no e-mail");

        // once pupils have answered about Mr Hughes, no admin is handed his link: whoever followed it would read his results
        var window = fixtures.openWindow(school.schoolId());
        java.util.Random random = new java.util.Random(3);
        for (String code : fixtures.codes(window, org.rapport.app.itembank.RespondentRole.PUPIL, school.class2())) {
            fixtures.answerAroundALevel(code, random, java.util.Map.of());
        }
        String handed = invited.get(0).link().replaceAll(".*token=", "");
        assertThat(offline.passwordLink(handed)).as("the link handed to the admin before anyone answered about him").isEmpty();
        assertThatThrownBy(() -> offline.choosePassword(handed, "taken over at last, or so I thought"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("handed on by an administrator");
        assertThat(offline.inviteAllWithoutAccount(school.admin(), school.schoolId())).as("no link for an account holding results").isEmpty();
        assertThatThrownBy(() -> offline.invite(school.admin(), school.teacherB().id()))
                .isInstanceOf(org.rapport.app.web.ConflictException.class).hasMessageContaining("holds results private to them")
                .hasMessageContaining("RAPPORT_SMTP_HOST");
        assertThat(links.invite(school.admin(), school.teacherB().id()).link()).as("with e-mail, the invitation goes to his own mailbox").isNull();
    }

    @Test
    void withoutAPublicAddressTheAdminPagesSaySo() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        for (String page : new String[] {"/staff", "/staff/schools/" + school.schoolId() + "/roster"}) {
            String html = mvc.perform(get(page).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                    .user(school.admin()))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            // the overview says it as a step of its first-day guide
            assertThat(html).as(page).contains(page.equals("/staff") ? "Set the public address (RAPPORT_PUBLIC_URL" : "RAPPORT_PUBLIC_URL is not set")
                    .contains("http://localhost:");
        }
        String teacher = mvc.perform(get("/staff").with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .user(school.teacherA()))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(teacher).as("a teacher has nothing to do about it").doesNotContain("RAPPORT_PUBLIC_URL");
    }

    static String main(String page) {
        return page.replaceAll("(?s).*<main", "<main").replaceAll("(?s)</main>.*", "</main>").replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "");
    }
}
