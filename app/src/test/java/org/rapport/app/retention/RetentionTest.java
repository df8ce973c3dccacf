package org.rapport.app.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.calibration.Scale;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.survey.SurveySessions;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.rapport.app.window.Windows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Deleting raw answers keeps what was released and refuses any later release against them; the retention job. */
@ExtendWith(OutputCaptureExtension.class)
class RetentionTest extends AppTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    WindowService windowService;
    @Autowired
    Windows windows;
    @Autowired
    CalibrationService calibrations;
    @Autowired
    MeasureService measures;
    @Autowired
    SurveySessions sessions;
    @Autowired
    Retention retention;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;
    final Random random = new Random(3);
    static final Scale PUPIL_SCHOOL = new Scale(Relationship.PUPIL_SCHOOL, null);

    void answer(SurveyWindow window, long classId, int pupils, String comment) {
        for (String code : fixtures.codes(window, RespondentRole.PUPIL, classId).subList(0, pupils)) {
            fixtures.answerAround(code, 2 + random.nextGaussian(), random, Map.of("PUPIL_SCHOOL", comment));
        }
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    String read(String path, StaffUser as) throws Exception {
        MockHttpServletResponse r = mvc.perform(get(path).with(user(as))).andReturn().getResponse();
        assertThat(r.getStatus()).as(path).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    MockHttpServletResponse deleteRaw(long windowId, StaffUser as) throws Exception {
        return mvc.perform(delete("/api/v1/windows/" + windowId + "/raw").param("confirm", "true").with(user(as)).with(csrf())).andReturn().getResponse();
    }

    @Test
    void deletingAWindowsRawAnswersLeavesNothingRawAndKeepsWhatWasShown() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 30, 12);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        answer(window, school.class1(), 30, "The library is great");
        answer(window, school.class2(), 10, "More clubs please");
        // a pupil who started and never sent
        String unsent = fixtures.codes(window, RespondentRole.PUPIL, school.class2()).get(0);
        sessions.start(unsent);
        windowService.close(window);
        calibrations.calibrate(school.networkId(), window.name());
        String api = "/api/v1/windows/" + window.id() + "/relationships/PUPIL_SCHOOL";
        JsonNode before = json.readTree(read(api, school.admin()));
        String ratesBefore = read("/staff/windows/" + window.id(), school.admin()).replaceAll("(?s).*<ul class=\"totals\">(.*?)</ul>.*", "$1");
        assertThat(before.get("panels").get(0).get("measure").get("respondents").asInt()).isEqualTo(40);
        assertThat(before.get("comments").toString()).contains("The library is great");
        assertThat(count("select count(*) from survey_draft d join access_code c on c.code_hash = d.code_hash where c.window_id = ?", window.id()))
                .isEqualTo(1);

        assertThat(deleteRaw(window.id(), school.teacherA()).getStatus()).as("a teacher may not").isEqualTo(403);
        // the API deletes nothing until confirmed, as the page's tick box
        long answersBefore = count("select count(*) from response where window_id = ?", window.id());
        for (String unconfirmed : new String[] {null, "false"}) {
            var request = delete("/api/v1/windows/" + window.id() + "/raw").with(user(school.admin())).with(csrf());
            MockHttpServletResponse refused = mvc.perform(unconfirmed == null ? request : request.param("confirm", unconfirmed)).andReturn().getResponse();
            assertThat(refused.getStatus()).as("without confirm=true").isEqualTo(409);
            assertThat(refused.getContentAsString()).contains("confirm=true");
        }
        assertThat(mvc.perform(delete("/api/v1/windows/" + window.id() + "/raw").param("confirm", "yes").with(user(school.admin())).with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(count("select count(*) from response where window_id = ?", window.id())).as("nothing deleted unconfirmed").isEqualTo(answersBefore)
                .isPositive();
        MockHttpServletResponse done = deleteRaw(window.id(), school.admin());
        assertThat(done.getStatus()).as(done.getContentAsString()).isEqualTo(200);
        JsonNode counts = json.readTree(done.getContentAsString());
        assertThat(counts.get("responses").asInt()).isEqualTo(40);
        assertThat(counts.get("drafts").asInt()).isEqualTo(1);
        assertThat(counts.get("receipts").asInt()).isEqualTo(40);

        // nothing raw is left
        assertThat(count("select count(*) from response where window_id = ?", window.id())).isZero();
        assertThat(count("select count(*) from response_batch where window_id = ?", window.id())).isZero();
        assertThat(count("select count(*) from response_score s where not exists (select 1 from response r where r.id = s.response_id)")).isZero();
        assertThat(count("select count(*) from answer a where not exists (select 1 from response r where r.id = a.response_id)")).isZero();
        assertThat(count("select count(*) from comment c where c.body in ('The library is great', 'More clubs please')")).isZero();
        assertThat(count("select count(*) from access_code where window_id = ? and not used", window.id())).isZero();
        assertThat(count("select count(*) from survey_draft d join access_code c on c.code_hash = d.code_hash where c.window_id = ?", window.id()))
                .as("no draft of this window is left (other tests' drafts may be in the database)").isZero();
        assertThat(count("""
                select count(*) from submission_receipt s where s.code_hash in (select code_hash from access_code where window_id = ?)""", window.id()))
                .isZero();

        // what was shown is kept in the database (not only in this instance's memory), and still shown, number for number;
        // the response rates still count every code issued
        assertThat(count("select count(*) from frozen_result where network_id = ? and window_name = ? and scale = 'PUPIL_SCHOOL'",
                school.networkId(), window.name())).isEqualTo(1);
        JsonNode after = json.readTree(read(api, school.admin()));
        assertThat(after.get("panels")).isEqualTo(before.get("panels"));
        assertThat(after.get("comments")).as("comments are raw: gone").isEmpty();
        String page = read("/staff/windows/" + window.id(), school.admin());
        assertThat(page.replaceAll("(?s).*<ul class=\"totals\">(.*?)</ul>.*", "$1")).isEqualTo(ratesBefore);
        assertThat(page).contains("The raw answers of this window were deleted on " + LocalDate.now());
        // the relationship page says the comments were deleted, not that nobody wrote one
        String relationshipPage = read("/staff/windows/" + window.id() + "/relationships/PUPIL_SCHOOL", school.admin());
        assertThat(relationshipPage).contains("The comments of this window were deleted on")
                .doesNotContain("nobody wrote one");

        // logged: what, how many, by whom
        JsonNode log = json.readTree(read("/api/v1/deletions", school.admin()));
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("what").asText()).isEqualTo("raw answers");
        assertThat(log.get(0).get("by").asText()).isEqualTo("Dr Ruth Cole");
        assertThat(log.get(0).get("counts").get("answers").asInt()).isPositive();
        assertThat(deleteRaw(window.id(), school.admin()).getStatus()).as("once").isEqualTo(409);
        // the round is closed for good: no school can add a window to it
        Fixtures.SchoolSetup other = fixtures.school(school.networkId(), 5, 5);
        MockHttpServletResponse late = mvc.perform(post("/api/v1/schools/" + other.schoolId() + "/windows").with(user(other.admin())).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + window.name() + "\"}")).andReturn().getResponse();
        assertThat(late.getStatus()).isEqualTo(400);
        assertThat(late.getContentAsString()).contains("closed for good");
    }

    /**
     * Attack: school A's three answers were hidden, and so was school C (else A = network − B − C);
     * the network and B were shown. If A's raw answers were deleted and the round measured again
     * (a new calibration), the network would be B ∪ C and C could be shown: the old network minus
     * B and C is A's three pupils. The round stays as it was shown.
     */
    @Test
    void afterDeletionNothingOfTheRoundIsReleasedAgainSoNothingCanBeDifferencedAgainstIt() throws Exception {
        long network = fixtures.network();
        Fixtures.SchoolSetup a = fixtures.school(network, 3, 5);
        Fixtures.SchoolSetup b = fixtures.school(network, 20, 5);
        Fixtures.SchoolSetup c = fixtures.school(network, 20, 5);
        SurveyWindow wa = fixtures.openWindow(a.schoolId());
        SurveyWindow wb = fixtures.openWindow(b.schoolId());
        SurveyWindow wc = fixtures.openWindow(c.schoolId());
        answer(wa, a.class1(), 3, "fine");
        answer(wb, b.class1(), 20, "fine");
        answer(wc, c.class1(), 20, "fine");
        for (SurveyWindow w : List.of(wa, wb, wc)) {
            windowService.close(w);
        }
        calibrations.calibrate(network, wa.name());
        WaveResults shown = measures.wave(network, wa.name()).orElseThrow();
        GroupResult networkBefore = shown.result(PUPIL_SCHOOL, GroupKey.NETWORK);
        assertThat(networkBefore.shown()).isTrue();
        assertThat(networkBefore.respondents()).isEqualTo(43);
        assertThat(shown.result(PUPIL_SCHOOL, GroupKey.school(a.schoolId())).shown()).isFalse();
        assertThat(shown.result(PUPIL_SCHOOL, GroupKey.school(b.schoolId())).shown()).isTrue();
        assertThat(shown.result(PUPIL_SCHOOL, GroupKey.school(c.schoolId())).shown()).as("C hidden, or A = N − B − C").isFalse();

        assertThat(deleteRaw(wa.id(), a.admin()).getStatus()).isEqualTo(200);
        calibrations.calibrate(network, wa.name());
        WaveResults now = measures.wave(network, wa.name()).orElseThrow();
        assertThat(now.result(PUPIL_SCHOOL, GroupKey.NETWORK).respondents()).as("the network as shown, A's answers in it").isEqualTo(43);
        assertThat(now.result(PUPIL_SCHOOL, GroupKey.NETWORK).measure()).isEqualTo(networkBefore.measure());
        assertThat(now.result(PUPIL_SCHOOL, GroupKey.school(c.schoolId())).shown()).as("C still hidden").isFalse();
        assertThat(now.calibration().id()).as("measured on the calibration it was shown with").isEqualTo(shown.calibration().id());
        // B's and C's raw answers are still there, for their own schools to delete
        assertThat(count("select count(*) from response where window_id = any(?)", (Object) new Long[] {wb.id(), wc.id()})).isEqualTo(40);
    }

    /** Without a calibration the round's results cannot be kept: deleting its raw answers then would lose the round. */
    @Test
    void deletionWaitsUntilTheRoundsResultsCanBeKept() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 20, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        answer(window, school.class1(), 20, "fine");
        windowService.close(window);
        MockHttpServletResponse refused = deleteRaw(window.id(), school.admin());
        assertThat(refused.getStatus()).isEqualTo(409);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("cannot be deleted yet", "the network is not calibrated", "would lose the round");
        // the page says so instead of offering the form, and a form sent anyway is refused with the reason
        String page = read("/staff/windows/" + window.id(), school.admin());
        assertThat(page).contains("can be deleted once the round").doesNotContain("id=\"confirm-delete\"");
        assertThat(read("/staff/windows/" + window.id() + "/raw/delete", school.admin())).contains("can be deleted once the round")
                .doesNotContain("id=\"confirm-delete\"");
        MockHttpServletResponse form = mvc.perform(post("/staff/windows/" + window.id() + "/raw/delete").param("confirm", "true")
                .with(user(school.admin())).with(csrf())).andReturn().getResponse();
        assertThat(form.getStatus()).isEqualTo(409);
        assertThat(form.getContentAsString(StandardCharsets.UTF_8)).contains("cannot be deleted yet");
        assertThat(count("select count(*) from response where window_id = ?", window.id())).as("nothing changed").isEqualTo(20);
        assertThat(windows.get(window.id()).rawDeletedOn()).isNull();
        assertThat(count("select count(*) from frozen_result f join school s on s.network_id = f.network_id where s.id = ?",
                school.schoolId())).isZero();

        calibrations.calibrate(school.networkId(), window.name());
        // the window's page leads to the confirmation, which now has the tick box
        assertThat(read("/staff/windows/" + window.id(), school.admin())).contains("href=\"/staff/windows/" + window.id() + "/raw/delete\"");
        assertThat(read("/staff/windows/" + window.id() + "/raw/delete", school.admin())).contains("id=\"confirm-delete\"");
        assertThat(deleteRaw(window.id(), school.admin()).getStatus()).isEqualTo(200);
        assertThat(count("select count(*) from response where window_id = ?", window.id())).isZero();
        assertThat(count("select count(*) from frozen_result f join school s on s.network_id = f.network_id where s.id = ?",
                school.schoolId())).as("the round's results are kept").isPositive();
    }

    @Test
    void deletionWaitsUntilEverySchoolsWindowOfTheRoundIsClosed() throws Exception {
        long network = fixtures.network();
        Fixtures.SchoolSetup a = fixtures.school(network, 5, 5);
        Fixtures.SchoolSetup b = fixtures.school(network, 5, 5);
        SurveyWindow wa = fixtures.openWindow(a.schoolId());
        fixtures.openWindow(b.schoolId());
        answer(wa, a.class1(), 5, "fine");
        assertThat(deleteRaw(wa.id(), a.admin()).getStatus()).as("A still open").isEqualTo(409);
        windowService.close(wa);
        MockHttpServletResponse r = deleteRaw(wa.id(), a.admin());
        assertThat(r.getStatus()).isEqualTo(409);
        assertThat(r.getContentAsString()).contains("once every school's window of Autumn 2026 is closed; 1 is not");
        assertThat(count("select count(*) from response where window_id = ?", wa.id())).as("nothing changed").isEqualTo(5);
        retention.runFor(network, LocalDate.now().plusYears(5));
        assertThat(count("select count(*) from response where window_id = ?", wa.id())).as("nor does the job").isEqualTo(5);
    }

    @Test
    void theJobPurgesUnusedCodesAfterTheGraceAndRawAnswersAfterTheNetworksPeriod(CapturedOutput output) throws Exception {
        long network = fixtures.network();
        StaffUser admin = fixtures.networkAdmin(network);
        Fixtures.SchoolSetup school = fixtures.school(network, 6, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        answer(window, school.class1(), 4, "fine");
        List<String> unused = fixtures.codes(window, RespondentRole.PUPIL, school.class2());
        sessions.start(unused.get(0));
        windowService.close(window);
        LocalDate closed = windows.get(window.id()).closedOn();

        retention.runFor(network, closed.plusDays(6));
        assertThat(count("select count(*) from access_code where window_id = ? and not used", window.id())).as("within the grace period")
                .isEqualTo(7);
        retention.runFor(network, closed.plusDays(7));
        assertThat(count("select count(*) from access_code where window_id = ? and not used", window.id())).isZero();
        assertThat(count("select count(*) from survey_draft d join access_code c on c.code_hash = d.code_hash where c.window_id = ?", window.id()))
                .as("no draft of this window is left (other tests' drafts may be in the database)").isZero();
        assertThat(count("select count(*) from response where window_id = ?", window.id())).as("raw answers kept for now").isEqualTo(4);
        assertThat(read("/staff/windows/" + window.id(), school.admin())).contains("Pupils: 4 of 11 answered");

        // the network's period: refused outside 30..3650 days and for anyone but a network admin
        for (Object bad : new Object[] {29, 3651, "many"}) {
            assertThat(mvc.perform(put("/api/v1/network/retention").with(user(admin)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"retentionDays\": " + json.writeValueAsString(bad) + "}")).andReturn().getResponse().getStatus()).isEqualTo(400);
        }
        // a misspelt or missing field is refused, not read as "keep them" (which would switch deletion off)
        for (String bad : new String[] {"{\"days\": 30}", "{}", "[]", "{\"retentionDays\": 30.5}"}) {
            assertThat(mvc.perform(put("/api/v1/network/retention").with(user(admin)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                    .content(bad)).andReturn().getResponse().getStatus()).as(bad).isEqualTo(400);
        }
        // the page's form likewise: without its field (a script, a misspelt name) nothing is switched off
        assertThat(mvc.perform(post("/staff/retention").with(user(admin)).with(csrf()).param("retentionDay", "730"))
                .andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(mvc.perform(put("/api/v1/network/retention").with(user(school.admin())).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"retentionDays\": 30}")).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(put("/api/v1/network/retention").with(user(admin)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"retentionDays\": 30}")).andReturn().getResponse().getStatus()).isEqualTo(200);

        retention.runFor(network, closed.plusDays(29));
        assertThat(count("select count(*) from response where window_id = ?", window.id())).isEqualTo(4);
        // past the period, but the network is not calibrated: deleting would lose the round, so the job keeps them and says so
        retention.runFor(network, closed.plusDays(30));
        assertThat(count("select count(*) from response where window_id = ?", window.id())).isEqualTo(4);
        assertThat(output.getAll()).contains("raw answers of window " + window.id() + " (" + window.name() + ", school " + school.schoolId()
                + ") are past the retention period but kept: the network " + network + " is not calibrated");
        calibrations.calibrate(network, window.name());
        retention.runFor(network, closed.plusDays(30));
        assertThat(count("select count(*) from response where window_id = ?", window.id())).isZero();
        assertThat(windows.get(window.id()).rawDeletedOn()).isNotNull();
        JsonNode log = json.readTree(read("/api/v1/deletions", admin));
        assertThat(log.findValuesAsText("what")).containsExactly("raw answers", "unused codes and drafts");
        assertThat(log.get(0).has("by")).as("by the job").isFalse();
        assertThat(read("/staff/retention", admin)).contains("Rapport (retention period)", "deleted 30 days after a window closes");
    }
}
