package org.rapport.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.response.Responses;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.JsonApi;
import org.rapport.app.support.StatementCounter;
import org.rapport.app.support.TestMail;
import org.rapport.app.support.Uploads;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An outside tester's finding F1: a teacher who never set a password still holds private results (what pupils answered
 * and wrote about them), and a school admin took the account over by re-pointing its e-mail at a mailbox of their own
 * with a roster upload (CSV or OneRoster, page or API) and inviting it there, or moved the results into their own
 * record with a merge. On a password-only server (its own context: with single sign-on on, every account counts as
 * in use already) with SMTP. Each attack failed on the code before the fix; the legitimate paths still work: a
 * never-used account holding nothing private takes a corrected address, and a duplicate record holding nothing private
 * merges into the one with the results.
 *
 * <p>The school: the head (H1), A and B (7A, 7B) with passwords; Mr Seven (T7, 7C) and Ms Eight (T8, 7D), imported
 * and never invited. 7C's pupils answered and wrote about Mr Seven in a window now closed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import({Fixtures.class, StatementCounter.class})
class PrivateResultsTakeoverTest {
    private static final Path DATA = AppTest.newDataDir();
    static final String HEADER = "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppTest.register(registry, DATA);
        registry.add("rapport.oidc.issuer", () -> "");
        // a closed window is never reopened here (which alone would refuse every merge)
        registry.add("rapport.reopen-days", () -> "0");
    }

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ObjectMapper json;
    @Autowired
    MockMvc mvc;
    @Autowired
    Schools schools;
    @Autowired
    WindowService windowService;
    @Autowired
    Responses responses;
    final HttpClient http = HttpClient.newHttpClient();

    Fixtures.SchoolSetup school;
    String head;
    String seven;
    String eight;
    String attacker;
    StaffMember mrSeven;
    SurveyWindow window;
    int answersAboutSeven;

    String roster(String sevenEmail, String eightEmail) {
        return HEADER
                + "7A,Year 7 A,7,5,A,Ms Amara Okafor," + school.teacherA().email() + ",English\n"
                + "7A,Year 7 A,7,5,B,Mr Ben Hughes," + school.teacherB().email() + ",Maths\n"
                + "7B,Year 7 B,7,5,B,Mr Ben Hughes," + school.teacherB().email() + ",Maths\n"
                + "7C,Year 7 C,7,6,T7,Mr Seven," + sevenEmail + ",Science\n"
                + "7D,Year 7 D,7,5,T8,Ms Eight," + eightEmail + ",History\n";
    }

    Uploads.Answer upload(String roster) throws Exception {
        return new Uploads(json, port).roster(head, school.schoolId(), roster, null);
    }

    StaffMember staff(long id) {
        return schools.findStaff(id).orElseThrow();
    }

    StaffMember byRef(String ref) {
        return schools.staff(school.schoolId()).stream().filter(m -> ref.equals(m.ref())).findFirst().orElseThrow();
    }

    @BeforeEach
    void aTeacherWithPrivateResultsWhoNeverSignedIn() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("PrivateResultsTakeoverTest seed " + seed);
        Random random = new Random(seed);
        school = fixtures.school(fixtures.network());
        head = school.admin().email();
        seven = "t7-" + school.tag() + "@oak.example";
        eight = "t8-" + school.tag() + "@oak.exmaple";
        attacker = "head-private-box-" + school.tag() + "@oak.example";
        Uploads.Answer up = upload(roster(seven, eight));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        mrSeven = byRef("T7");
        assertThat(mrSeven.canLogIn()).isFalse();
        window = fixtures.openWindow(school.schoolId());
        long c7 = fixtures.classes(school.schoolId()).get("7C").id();
        List<String> codes = fixtures.codes(window, RespondentRole.PUPIL, c7);
        for (int i = 0; i < codes.size(); i++) {
            fixtures.answerAroundALevel(codes.get(i), random, Map.of("PUPIL_TEACHER@" + mrSeven.id(), "Private remark " + i + " for Mr Seven only"));
        }
        windowService.close(window);
        answersAboutSeven = responses.about(mrSeven.id()).responses();
        assertThat(answersAboutSeven).isEqualTo(codes.size());
    }

    void sevenUntouched() {
        StaffMember now = staff(mrSeven.id());
        assertThat(now.email()).as("Mr Seven's address").isEqualTo(seven);
        assertThat(now.canLogIn()).isFalse();
        assertThat(responses.about(mrSeven.id()).responses()).as("his results stay his").isEqualTo(answersAboutSeven);
        assertThat(TestMail.to(attacker)).as("nothing reached the admin's mailbox").isEmpty();
    }

    @Test
    void theRosterCannotMoveAnAccountWithPrivateResultsToAnotherMailboxSoItsInvitationGoesOnlyToItsOwn() throws Exception {
        // CSV through the API
        Uploads.Answer api = upload(roster(attacker, eight));
        assertThat(api.status()).as(api.text()).isEqualTo(400);
        assertThat(api.text()).contains("cannot be changed by a roster upload", "holds results private to Mr Seven", "a new staff id", "\"line\":5");
        sevenUntouched();

        // CSV through the page: checked (the form), or sent to the import without a check (a page from before there was one)
        for (String path : List.of("/staff/schools/{id}/roster/preview", "/staff/schools/{id}/roster")) {
            MockHttpServletResponse page = mvc.perform(multipart(path, school.schoolId())
                            .file(new MockMultipartFile("roster", "roster.csv", "text/csv", roster(attacker, eight).getBytes(StandardCharsets.UTF_8)))
                            .with(user(school.admin())).with(csrf()))
                    .andReturn().getResponse();
            assertThat(page.getStatus()).as(path).isEqualTo(400);
            assertThat(page.getContentAsString()).contains("holds results private to Mr Seven").doesNotContain("Import these changes");
            sevenUntouched();
        }

        // a OneRoster export, previewed and imported (API and page)
        byte[] bundle = Uploads.oneRoster(List.of(
                        new Uploads.Person("H1", "Ruth", "Cole", head, "administrator"),
                        new Uploads.Person("A", "Amara", "Okafor", school.teacherA().email(), "teacher"),
                        new Uploads.Person("B", "Ben", "Hughes", school.teacherB().email(), "teacher"),
                        new Uploads.Person("T7", "Mr", "Seven", attacker, "teacher"),
                        new Uploads.Person("T8", "Ms", "Eight", eight, "teacher")),
                List.of(new Uploads.OneClass("7A", "Year 7 A", List.of("A", "B"), 5), new Uploads.OneClass("7C", "Year 7 C", List.of("T7"), 6)));
        for (String suffix : List.of("/preview", "")) {
            Uploads.Answer one = new Uploads(json, port).bundle(head, school.schoolId(), suffix, bundle);
            assertThat(one.status()).as(suffix + ": " + one.text()).isEqualTo(400);
            assertThat(one.text()).contains("holds results private to Mr Seven");
        }
        for (String path : List.of("/staff/schools/{id}/roster/oneroster/preview", "/staff/schools/{id}/roster/oneroster")) {
            MockHttpServletResponse onPage = mvc.perform(multipart(path, school.schoolId())
                            .file(new MockMultipartFile("bundle", "oneroster.zip", "application/zip", bundle)).with(user(school.admin())).with(csrf()))
                    .andReturn().getResponse();
            assertThat(onPage.getStatus()).as(path).isEqualTo(400);
            assertThat(onPage.getContentAsString()).contains("holds results private to Mr Seven");
        }
        sevenUntouched();

        // the invitation goes to his own address only; he sets his password there and reads his own report, which the head cannot
        JsonNode invited = JsonApi.expect(http, json, port, "POST", "/api/v1/staff/" + mrSeven.id() + "/invitation", null, school.admin(), 200);
        assertThat(invited.get("email").asText()).isEqualTo(seven);
        TestMail.await(seven, 1);
        sevenUntouched();
        String token = TestMail.lastLink(seven).replaceAll(".*token=", "");
        mvc.perform(post("/account/password").param("token", token).param("password", Fixtures.PASSWORD).with(csrf()));
        JsonNode report = JsonApi.expect(http, json, port, "GET", "/api/v1/windows/" + window.id() + "/teachers/" + mrSeven.id() + "/report", null,
                fixtures.staffUser(seven), 200);
        assertThat(report.get("own").asBoolean()).isTrue();
        JsonApi.expect(http, json, port, "GET", "/api/v1/windows/" + window.id() + "/teachers/" + mrSeven.id() + "/report", null,
                school.admin(), 403);
    }

    @Test
    void aNeverUsedAccountHoldingNothingPrivateStillTakesACorrectedAddress() throws Exception {
        // Ms Eight's address was mistyped (exmaple): nothing is hers yet, so the corrected file goes through
        String corrected = "t8-" + school.tag() + "@oak.example";
        Uploads.Answer up = upload(roster(seven, corrected));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        StaffMember msEight = byRef("T8");
        assertThat(msEight.email()).isEqualTo(corrected);
        JsonNode invited = JsonApi.expect(http, json, port, "POST", "/api/v1/staff/" + msEight.id() + "/invitation", null, school.admin(), 200);
        assertThat(invited.get("email").asText()).isEqualTo(corrected);
        TestMail.await(corrected, 1);
        assertThat(TestMail.to(eight)).isEmpty();
    }

    @Test
    void noMergeMovesPrivateResultsIntoAnotherSignInButADuplicateHoldingNothingMergesIntoTheirRecord() throws Exception {
        String people = "/api/v1/schools/" + school.schoolId() + "/people/";
        // into the head's own record (API)
        JsonNode preview = JsonApi.expect(http, json, port, "POST", people + mrSeven.id() + "/merge/preview", Map.of("into", school.admin().id()),
                school.admin(), 200);
        assertThat(preview.get("refusals").toString()).as(preview.toString()).contains("record (" + seven + ") holds results private to Mr Seven",
                "go to Dr Ruth Cole's sign-in (" + head + ")");
        assertThat(preview.has("confirm") && !preview.get("confirm").isNull()).isFalse();
        JsonApi.assertProblem(JsonApi.call(http, json, port, "POST", people + mrSeven.id() + "/merge",
                Map.of("into", school.admin().id(), "confirm", "0123456789abcdef01234567"), school.admin()), 409, "confirm", "holds results private");
        // and on the page
        MockHttpServletResponse page = mvc.perform(get("/staff/schools/{s}/people/{p}", school.schoolId(), mrSeven.id())
                .param("action", "merge").param("into", Long.toString(school.admin().id())).with(user(school.admin()))).andReturn().getResponse();
        assertThat(page.getContentAsString()).contains("holds results private to Mr Seven");
        MockHttpServletResponse forced = mvc.perform(post("/staff/schools/{s}/people/{p}/merge", school.schoolId(), mrSeven.id())
                .param("into", Long.toString(school.admin().id())).param("confirm", "0123456789abcdef01234567").with(user(school.admin())).with(csrf()))
                .andReturn().getResponse();
        assertThat(forced.getStatus()).isEqualTo(409);
        sevenUntouched();
        assertThat(responses.about(school.admin().id()).responses()).as("nothing moved to the head").isZero();

        // a duplicate of Mr Seven (another id and address, nothing of its own) merges into his record, which keeps his address
        String duplicate = "seven.mr-" + school.tag() + "@oak.example";
        Uploads.Answer up = upload(roster(seven, eight) + "7D,Year 7 D,7,5,U-7,Mr Seven," + duplicate + ",Science\n");
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        StaffMember copy = byRef("U-7");
        JsonNode into = JsonApi.expect(http, json, port, "POST", people + copy.id() + "/merge/preview", Map.of("into", mrSeven.id()), school.admin(), 200);
        assertThat(into.get("refusals")).as(into.toString()).isEmpty();
        JsonApi.expect(http, json, port, "POST", people + copy.id() + "/merge", Map.of("into", mrSeven.id(), "confirm", into.get("confirm").asText()),
                school.admin(), 200);
        assertThat(schools.findStaff(copy.id())).isEmpty();
        assertThat(staff(mrSeven.id()).email()).isEqualTo(seven);
        assertThat(responses.about(mrSeven.id()).responses()).isEqualTo(answersAboutSeven);
        assertThat(schools.teachersOf(fixtures.classes(school.schoolId()).get("7D").id())).extracting(StaffMember::id).contains(mrSeven.id());
    }
}
