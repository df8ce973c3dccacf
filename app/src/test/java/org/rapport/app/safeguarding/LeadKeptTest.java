package org.rapport.app.safeguarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.JsonApi;
import org.rapport.app.support.TestMail;
import org.rapport.app.support.Uploads;
import org.rapport.app.web.PublicUrl;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A disclosure always reaches a safeguarding lead (finding F2 of the outside attack pass): while a window of the
 * school is open, no roster upload (CSV or OneRoster, by the page or the API, previewed or not) and no retiring of a
 * person may leave the school without a lead, named or its head by default; each is refused with nothing changed,
 * naming the fix. And should a school have no lead all the same, a concern goes to its admins at once.
 *
 * <p>The school is one set up on its own (its head is the network's admin, on its staff as a leader, and so its lead
 * by default while none is named): only such a school can lose its last lead, since a school admin of its own is
 * always its lead by default and a school always keeps one.
 */
class LeadKeptTest extends ApiTest {
    static final String DISCLOSURE = "My uncle is hurting me at home and I am scared";
    static final long SEED = new Random().nextLong();

    @Autowired
    MockMvc mvc;
    @Autowired
    Schools schools;
    @Autowired
    Windows windows;
    @Autowired
    PublicUrl publicUrl;
    @Autowired
    Safeguarding safeguarding;
    @Autowired
    SafeguardingAlerts alerts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    org.rapport.app.school.AccountLinks accountLinks;

    final Random random = new Random(SEED);

    /** A school set up on its own: its head (the network's admin), two teachers, a class each. */
    record Elm(long id, String name, StaffUser head, long kim, long lee, String tag) {
        String kimEmail() {
            return "kim-" + tag + "@test.example";
        }

        String leeEmail() {
            return "lee-" + tag + "@test.example";
        }

        String classes(String teacherOf5B) {
            String t = teacherOf5B.equals("T1") ? "T1,Mr Kim Osei," + kimEmail() : "T2,Ms Lee Park," + leeEmail();
            return "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n"
                    + "5A,Year 5 A,5,6,T1,Mr Kim Osei," + kimEmail() + ",\n"
                    + "5B,Year 5 B,5,6," + t + ",\n";
        }

        String kimLine() {
            return "T1,Mr Kim Osei," + kimEmail() + ",teacher\n";
        }

        String leeLine() {
            return "T2,Ms Lee Park," + leeEmail() + ",teacher\n";
        }

        String headLine() {
            return "H1,Pat Elm," + head.email() + ",leader\n";
        }

        String fix(PublicUrl url) {
            return url.base() + "/staff/schools/" + id + "/safeguarding";
        }
    }

    static final String STAFF = "staff_id,name,email,role\n";

    Elm elm() throws Exception {
        System.out.println("LeadKeptTest seed " + SEED);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String head = "pat-" + tag + "@test.example";
        MockHttpServletResponse done = mvc.perform(post("/api/v1/setup").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("token", accountLinks.newSetupToken(), "school", "Elm Primary " + tag, "name", "Pat Elm",
                        "email", head, "password", Fixtures.PASSWORD)))).andReturn().getResponse();
        assertThat(done.getStatus()).as(done.getContentAsString()).isEqualTo(201);
        School school = schools.inNetwork(json.readTree(done.getContentAsString()).get("networkId").asLong()).get(0);
        StaffUser headUser = fixtures.staffUser(head);
        Elm draft = new Elm(school.id(), school.name(), headUser, 0, 0, tag);
        Uploads.Answer listed = uploads().roster(head, school.id(), draft.classes("T2"), STAFF + draft.headLine() + draft.kimLine() + draft.leeLine());
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        long kim = staffId(school.id(), draft.kimEmail());
        long lee = staffId(school.id(), draft.leeEmail());
        assertThat(safeguarding.leadsOf(school.id())).as("the head leads by default").extracting(StaffMember::email).containsExactly(head);
        return new Elm(school.id(), school.name(), headUser, kim, lee, tag);
    }

    Uploads uploads() {
        return new Uploads(json, port);
    }

    long staffId(long school, String email) {
        return schools.staff(school).stream().filter(m -> m.email().equals(email)).findFirst().orElseThrow().id();
    }

    long openWindow(Elm elm) throws Exception {
        long window = call("POST", "/api/v1/schools/" + elm.id() + "/windows", Map.of("name", "Spring 2027"), elm.head(), 201).get("id").asLong();
        assertThat(call("POST", "/api/v1/windows/" + window + "/open", null, elm.head(), 200).get("status").asText()).isEqualTo("OPEN");
        return window;
    }

    JsonNode leads(Elm elm) throws Exception {
        return call("GET", "/api/v1/schools/" + elm.id() + "/safeguarding", null, elm.head(), 200);
    }

    /** The refusal's words (the window's name is quoted, and so escaped in JSON, on either side of it). */
    String refusal(Elm elm) {
        return "This would leave " + elm.name() + " with no designated safeguarding lead while window ";
    }

    static String lost(String name) {
        return "is open (" + name + " would no longer be one), so a comment that may disclose harm would reach nobody. Nothing was changed.";
    }

    /** A pupil of class 5A writes a disclosure in the open window. */
    void pupilDiscloses(Elm elm, long windowId) {
        SurveyWindow window = windows.get(windowId);
        long class5A = fixtures.classes(elm.id()).get("5A").id();
        List<String> codes = new ArrayList<>(fixtures.codes(window, RespondentRole.PUPIL, class5A));
        fixtures.answerAround(codes.get(0), 2, random, Map.of("PUPIL_SCHOOL", DISCLOSURE));
    }

    static String text(MimeMessage m) throws Exception {
        return m.getSubject() + "\n" + com.icegreen.greenmail.util.GreenMailUtil.getBody(m).replace("=\r\n", "").replace("=3D", "=");
    }

    @Test
    void aStaffListLeavingOutTheHeadIsRefusedWhileAWindowIsOpenByEveryWayOfUploadingIt() throws Exception {
        Elm elm = elm();
        long window = openWindow(elm);
        String teachersOnly = STAFF + elm.kimLine() + elm.leeLine();

        // CSV by the API: 400 naming the lead lost, the window and the fix with its address; nothing changed
        Uploads.Answer api = uploads().roster(elm.head().email(), elm.id(), elm.classes("T2"), teachersOnly);
        assertThat(api.status()).as(api.text()).isEqualTo(400);
        assertThat(api.text()).contains(refusal(elm), lost("Pat Elm"), "Name another safeguarding lead first: " + elm.fix(publicUrl))
                .doesNotContain("Exception");
        assertThat(schools.staff(elm.id())).extracting(StaffMember::email).contains(elm.head().email());
        JsonNode state = leads(elm);
        assertThat(state.get("leads").toString()).isEqualTo("[" + elm.head().id() + "]");
        assertThat(state.get("leadByDefault").asBoolean()).isTrue();

        // CSV by the roster page: the same, in the page's list of problems, when the files are checked
        MockHttpServletResponse page = mvc.perform(multipart("/staff/schools/{id}/roster/preview", elm.id())
                        .file(new MockMultipartFile("roster", "roster.csv", "text/csv", elm.classes("T2").getBytes(StandardCharsets.UTF_8)))
                        .file(new MockMultipartFile("staff", "staff.csv", "text/csv", teachersOnly.getBytes(StandardCharsets.UTF_8)))
                        .with(user(elm.head())).with(csrf()))
                .andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(400);
        assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("Nothing was imported", "Pat Elm would no longer be one",
                "Name another safeguarding lead first").doesNotContain("Import these changes");

        // OneRoster, previewed first (API): the preview says so before anything is confirmed, and the import refuses it too
        byte[] bundle = Uploads.oneRoster(List.of(new Uploads.Person("u-kim", "Kim", "Osei", elm.kimEmail(), "teacher"),
                        new Uploads.Person("u-lee", "Lee", "Park", elm.leeEmail(), "teacher")),
                List.of(new Uploads.OneClass("c-5a", "Year 5 A", List.of("u-kim"), 6), new Uploads.OneClass("c-5b", "Year 5 B", List.of("u-lee"), 6)));
        Uploads.Answer preview = uploads().bundle(elm.head().email(), elm.id(), "/preview", bundle);
        assertThat(preview.status()).as(preview.text()).isEqualTo(400);
        assertThat(preview.text()).contains(refusal(elm), lost("Pat Elm"), "Name another safeguarding lead first");
        Uploads.Answer bundled = uploads().bundle(elm.head().email(), elm.id(), "", bundle);
        assertThat(bundled.status()).as(bundled.text()).isEqualTo(400);
        assertThat(bundled.text()).contains(refusal(elm), lost("Pat Elm"));
        // and by the roster page's preview
        MockHttpServletResponse previewPage = mvc.perform(multipart("/staff/schools/{id}/roster/oneroster/preview", elm.id())
                        .file(new MockMultipartFile("bundle", "export.zip", "application/zip", bundle)).with(user(elm.head())).with(csrf()))
                .andReturn().getResponse();
        assertThat(previewPage.getContentAsString(StandardCharsets.UTF_8)).contains("Pat Elm would no longer be one")
                .doesNotContain("Import these changes");
        assertThat(schools.staff(elm.id())).extracting(StaffMember::ref).containsExactlyInAnyOrder("H1", "T1", "T2");
        assertThat(leads(elm).get("leads").toString()).isEqualTo("[" + elm.head().id() + "]");

        // the disclosure reaches the head, still the lead
        pupilDiscloses(elm, window);
        assertThat(text(TestMail.await(elm.head().email(), 1).get(0))).contains("may need your attention", publicUrl.base() + "/staff/safeguarding");

        // with another lead named first, the same staff list is imported: the head leaves, Kim leads
        call("PUT", "/api/v1/schools/" + elm.id() + "/safeguarding", Map.of("leads", List.of(elm.kim())), elm.head(), 200);
        Uploads.Answer named = uploads().roster(elm.head().email(), elm.id(), elm.classes("T2"), teachersOnly);
        assertThat(named.status()).as(named.text()).isEqualTo(200);
        assertThat(safeguarding.leadsOf(elm.id())).extracting(StaffMember::id).containsExactly(elm.kim());
    }

    @Test
    void droppingOrRetiringTheOnlyNamedLeadIsRefusedWhileAWindowIsOpenAndAllowedOnceItIsClosed() throws Exception {
        Elm elm = elm();
        call("PUT", "/api/v1/schools/" + elm.id() + "/safeguarding", Map.of("leads", List.of(elm.kim())), elm.head(), 200);
        // the head leaves the staff before the window opens: Kim, named, is the school's only lead
        Uploads.Answer left = uploads().roster(elm.head().email(), elm.id(), elm.classes("T2"), STAFF + elm.kimLine() + elm.leeLine());
        assertThat(left.status()).as(left.text()).isEqualTo(200);
        long window = openWindow(elm);
        String people = "/api/v1/schools/" + elm.id() + "/people/";
        StaffUser head = fixtures.staffUser(elm.head().email()); // signed in again: no longer on the school's staff

        // retiring Kim: the preview says why not, and the retirement is refused, nothing changed
        JsonNode plan = call("POST", people + elm.kim() + "/retire/preview", Map.of(), elm.head(), 200);
        assertThat(plan.get("refusals").toString()).contains(refusal(elm), lost("Mr Kim Osei"), "Name another safeguarding lead first: " + elm.fix(publicUrl));
        assertThat(plan.hasNonNull("confirm")).as("nothing to confirm").isFalse();
        JsonApi.Answer retire = JsonApi.call(http, json, port, "POST", people + elm.kim() + "/retire", Map.of("confirm", "anything"), elm.head());
        JsonApi.assertProblem(retire, 409, "confirm", "Name another safeguarding lead first");
        // by the people page too
        MockHttpServletResponse form = mvc.perform(post("/staff/schools/{id}/people/{staff}/retire", elm.id(), elm.kim()).param("confirm", "anything")
                .with(user(head)).with(csrf())).andReturn().getResponse();
        assertThat(form.getStatus()).as(form.getRedirectedUrl()).isEqualTo(409);
        assertThat(form.getContentAsString(StandardCharsets.UTF_8)).contains("Mr Kim Osei would no longer be one");
        String personPage = mvc.perform(get("/staff/schools/{id}/people/{staff}", elm.id(), elm.kim()).param("action", "retire").with(user(head)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(personPage).contains("Mr Kim Osei would no longer be one");
        assertThat(schools.findStaff(elm.kim()).orElseThrow().active()).isTrue();
        assertThat(leads(elm).get("leads").toString()).isEqualTo("[" + elm.kim() + "]");
        // Lee, who is not the lead, can be retired
        assertThat(call("POST", people + elm.lee() + "/retire/preview", Map.of(), elm.head(), 200).get("refusals")).isEmpty();

        // a staff list without Kim: refused the same way
        Uploads.Answer dropped = uploads().roster(elm.head().email(), elm.id(), elm.classes("T2").replace("T1,Mr Kim Osei," + elm.kimEmail(),
                "T2,Ms Lee Park," + elm.leeEmail()), STAFF + elm.leeLine());
        assertThat(dropped.status()).as(dropped.text()).isEqualTo(400);
        assertThat(dropped.text()).contains(refusal(elm), lost("Mr Kim Osei"));
        assertThat(schools.findStaff(elm.kim()).orElseThrow().active()).isTrue();

        // the disclosure reaches Kim
        pupilDiscloses(elm, window);
        assertThat(text(TestMail.await(elm.kimEmail(), 1).get(0))).contains("may need your attention");

        // once the window is closed, the rule no longer holds the change back (reopening asks for a lead again)
        call("POST", "/api/v1/windows/" + window + "/close?confirm=true", null, elm.head(), 200);
        JsonNode after = call("POST", people + elm.kim() + "/retire/preview", Map.of(), elm.head(), 200);
        assertThat(after.get("refusals")).as(after.toString()).isEmpty();
    }

    @Test
    void aConcernArrivingWhileTheSchoolHasNoLeadGoesToItsAdminsAtOnceAndToTheLeadOnceNamed() throws Exception {
        // A school left without a lead while a window was open, as before this version refused it. No change of the
        // staff can leave a school so now, so the school loses its lead while no window is open, and the concern comes
        // through the submission's own screening, in a transaction as the submission's.
        Elm elm = elm();
        Uploads.Answer left = uploads().roster(elm.head().email(), elm.id(), elm.classes("T2"), STAFF + elm.kimLine() + elm.leeLine());
        assertThat(left.status()).as(left.text()).isEqualTo(200);
        assertThat(safeguarding.hasLead(elm.id())).isFalse();
        long window = call("POST", "/api/v1/schools/" + elm.id() + "/windows", Map.of("name", "Spring 2027"), elm.head(), 201).get("id").asLong();
        int headMail = TestMail.to(elm.head().email()).size();
        new TransactionTemplate(transactions).executeWithoutResult(s ->
                safeguarding.screen(windows.get(window), RespondentRole.PUPIL, List.of(DISCLOSURE, "More football please")));

        // at once, not after the escalation time: the school has no admin of its own, so the network's admins (its head)
        MimeMessage m = TestMail.await(elm.head().email(), headMail + 1).get(headMail);
        assertThat(text(m)).contains("has no safeguarding lead", "Number of comments: 1", elm.fix(publicUrl)).doesNotContainIgnoringCase("uncle")
                .doesNotContainIgnoringCase("hurting");
        MockHttpServletResponse shown = mvc.perform(get("/staff").with(user(fixtures.staffUser(elm.head().email())))).andReturn().getResponse();
        assertThat(shown.getStatus()).as(shown.getRedirectedUrl()).isEqualTo(200);
        String overview = shown.getContentAsString(StandardCharsets.UTF_8);
        assertThat(overview).contains("No designated safeguarding lead", "is sent at once to the school&#39;s administrators",
                "Comments that may disclose harm, not yet reviewed by a lead: 1",
                "Arrived while the school had no safeguarding lead, so the school&#39;s administrators were alerted at once: 1")
                .doesNotContain("Waited more than").doesNotContain("uncle");
        // mailed once: the job sends no more to the admins
        assertThat(alerts.run()).isTrue();
        Thread.sleep(300);
        assertThat(TestMail.to(elm.head().email())).hasSize(headMail + 1);

        // a lead named: the job mails them within a minute, and they read it
        call("PUT", "/api/v1/schools/" + elm.id() + "/safeguarding", Map.of("leads", List.of(elm.kim())), elm.head(), 200);
        assertThat(alerts.run()).isTrue();
        assertThat(text(TestMail.await(elm.kimEmail(), 1).get(0))).contains("may need your attention");
        StaffUser kim = fixtures.staffUser(elm.kimEmail());
        JsonNode concerns = json.readTree(mvc.perform(get("/api/v1/safeguarding/concerns").with(user(kim))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(concerns.findValuesAsText("text")).containsExactly(DISCLOSURE);
    }
}
