package org.rapport.app.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.MovableClock;
import org.rapport.app.support.OwnClockTest;
import org.rapport.app.survey.SurveySessions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A window's life: closing only once confirmed, after reading the response rates; reopening until its
 * results are first looked at or the set time has passed; what the page says comes next, by role. On a
 * clock the test moves.
 */
class WindowLifeTest extends OwnClockTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    Windows windows;
    @Autowired
    WindowService windowService;
    @Autowired
    CalibrationService calibrations;
    @Autowired
    SurveySessions sessions;
    @Autowired
    MovableClock clock;
    final long seed = new Random().nextLong();
    final Random random = new Random(seed);

    {
        System.out.println("WindowLifeTest seed " + seed);
    }

    void answer(SurveyWindow window, long classId, int pupils) {
        for (String code : fixtures.codes(window, RespondentRole.PUPIL, classId).subList(0, pupils)) {
            fixtures.answerAroundALevel(code, random, Map.of());
        }
    }

    MockHttpServletResponse send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, StaffUser as)
            throws Exception {
        return mvc.perform(request.with(user(as)).with(csrf())).andReturn().getResponse();
    }

    String page(String path, StaffUser as) throws Exception {
        MockHttpServletResponse r = send(get(path), as);
        assertThat(r.getStatus()).as(path).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8).replace("&#39;", "'");
    }

    @Test
    void closingTakesAConfirmationThatShowsWhoHasAnswered() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 6, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        List<String> sevenA = fixtures.codes(window, RespondentRole.PUPIL, school.class1());
        List<String> sevenB = fixtures.codes(window, RespondentRole.PUPIL, school.class2());
        fixtures.codes(window, RespondentRole.PARENT, school.class1());
        for (String code : sevenA.subList(0, 4)) {
            fixtures.answerAroundALevel(code, random, Map.of());
        }
        fixtures.answerAroundALevel(sevenB.get(0), random, Map.of());
        // two pupils started without sending: one only typed the code in, one saved an answer
        sessions.start(sevenA.get(4));
        sessions.saveDraft(sevenB.get(1), Fixtures.oneAnswer(sessions.start(sevenB.get(1))), Map.of());

        // the page's form without the confirmation closes nothing: it leads to the confirmation
        MockHttpServletResponse unconfirmed = send(post("/staff/windows/" + window.id() + "/close"), school.admin());
        assertThat(unconfirmed.getRedirectedUrl()).isEqualTo("/staff/windows/" + window.id() + "/close");
        assertThat(windows.get(window.id()).status()).isEqualTo(SurveyWindow.Status.OPEN);
        Instant asked = clock.instant();
        // (the window's name is kept to itself in sentences, U+2068 and U+2069 around it: taken out to read the words)
        String confirmation = page("/staff/windows/" + window.id() + "/close", school.admin()).replaceAll("[\u2068\u2069]", "");
        assertThat(confirmation).contains("Close Autumn 2026?", "Pupils: 5 of 11 answered (45%)", "Families: 0 of 6 answered (0%)",
                "Lowest classes (Pupils)", "deleted 7 days after closing", "even if you reopen the window",
                "name=\"confirm\" value=\"true\"");
        // the lowest class first
        assertThat(confirmation.indexOf("Year 7 B: 1 of 5 answered (20%)")).isPositive()
                .isLessThan(confirmation.indexOf("Year 7 A: 4 of 6 answered (67%)"));
        assertThat(confirmation).as("a role with one class has only its total").doesNotContain("Lowest classes (Families)");
        // how many surveys in progress closing stops, counted as the window's page counts them
        assertThat(confirmation).contains("2 surveys have been started and not sent (their codes entered, with or without answers saved)");
        // the window's page: its "Started" legend says what it counts (a code typed in counts, answers saved or not)
        String windowPage = page("/staff/windows/" + window.id(), school.admin());
        assertThat(windowPage).contains("how many have been entered on the survey's start page and not sent (with or without answers saved)")
                .doesNotContain("(saved, not sent)");
        assertThat(send(post("/staff/windows/" + window.id() + "/close").param("confirm", "yes"), school.admin()).getRedirectedUrl())
                .endsWith("/close");
        assertThat(windows.get(window.id()).status()).isEqualTo(SurveyWindow.Status.OPEN);

        // the API: two steps, the first a 409 with the rates
        MockHttpServletResponse first = send(post("/api/v1/windows/" + window.id() + "/close"), school.admin());
        assertThat(first.getStatus()).isEqualTo(409);
        assertThat(first.getContentType()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(first.getContentAsString());
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("confirm");
        assertThat(problem.get("rates").findValuesAsText("role")).containsExactly("PUPIL", "PARENT");
        assertThat(problem.get("rates").get(0).get("issued").asInt()).isEqualTo(11);
        assertThat(problem.get("rates").get(0).get("used").asInt()).isEqualTo(5);
        assertThat(problem.get("rates").get(0).get("started").asInt()).as("surveys in progress closing stops").isEqualTo(2);
        assertThat(problem.get("rates").get(1).get("started").asInt()).isZero();
        assertThat(problem.get("lowestClasses").get(0).get("group").asText()).isEqualTo("Year 7 B");
        assertThat(problem.get("unusedCodesDeletedAfterDays").asInt()).isEqualTo(7);
        Instant until = Instant.parse(problem.get("reopenableUntil").asText());
        assertThat(until).isBetween(asked.plus(Duration.ofDays(7)), clock.instant().plus(Duration.ofDays(7)));
        assertThat(windows.get(window.id()).status()).isEqualTo(SurveyWindow.Status.OPEN);
        assertThat(send(post("/api/v1/windows/" + window.id() + "/close").param("confirm", "maybe"), school.admin()).getStatus())
                .isEqualTo(400);
        assertThat(send(post("/api/v1/windows/" + window.id() + "/close").param("confirm", "true"), school.teacherA()).getStatus())
                .as("a teacher may not").isEqualTo(403);
        assertThat(windows.get(window.id()).status()).isEqualTo(SurveyWindow.Status.OPEN);

        MockHttpServletResponse closed = send(post("/api/v1/windows/" + window.id() + "/close").param("confirm", "true"), school.admin());
        assertThat(closed.getStatus()).isEqualTo(200);
        assertThat(json.readTree(closed.getContentAsString()).get("status").asText()).isEqualTo("CLOSED");
        assertThat(windows.get(window.id()).closedAt()).isBetween(asked, clock.instant());
        assertThat(send(post("/api/v1/windows/" + window.id() + "/close").param("confirm", "true"), school.admin()).getStatus())
                .as("once").isEqualTo(409);
        assertThat(send(get("/staff/windows/" + window.id() + "/close"), school.admin()).getRedirectedUrl())
                .as("a closed window has nothing to confirm").isEqualTo("/staff/windows/" + window.id());
    }

    /** Two schools of a network, each with a window open on the same round: {@code answeredInA} pupils of A's first class answer, all 20 of B's. */
    record TwoSchools(Fixtures.SchoolSetup a, Fixtures.SchoolSetup b, SurveyWindow wa, SurveyWindow wb) {
    }

    TwoSchools twoSchools(long network, int answeredInA) {
        Fixtures.SchoolSetup a = fixtures.school(network, 20, 5);
        Fixtures.SchoolSetup b = fixtures.school(network, 20, 5);
        SurveyWindow wa = fixtures.openWindow(a.schoolId());
        SurveyWindow wb = fixtures.openWindow(b.schoolId());
        answer(wa, a.class1(), answeredInA);
        answer(wb, b.class1(), 20);
        return new TwoSchools(a, b, wa, wb);
    }

    @Test
    void aClosedWindowReopensUntilItsResultsAreFirstLookedAt() throws Exception {
        long network = fixtures.network();
        StaffUser networkAdmin = fixtures.networkAdmin(network);
        TwoSchools round = twoSchools(network, 18);
        Fixtures.SchoolSetup a = round.a();
        Fixtures.SchoolSetup b = round.b();
        SurveyWindow wa = round.wa();
        SurveyWindow wb = round.wb();
        List<String> late = fixtures.codes(wa, RespondentRole.PUPIL, a.class2());
        sessions.start(late.get(0));
        windowService.close(wa);
        windowService.close(wb);

        // closed: a late pupil's code does not work, until the window is reopened
        assertThatThrownBy(() -> sessions.start(late.get(1))).hasMessageContaining("closed");
        assertThat(page("/staff/windows/" + wa.id(), a.admin())).contains("You can reopen this window until", "Reopen the window");
        // a look before there are results (no calibration yet) is no look at results
        assertThat(send(get("/api/v1/windows/" + wa.id() + "/report"), a.admin()).getStatus()).isEqualTo(200);
        MockHttpServletResponse reopened = send(post("/staff/windows/" + wa.id() + "/reopen"), a.admin());
        assertThat(reopened.getRedirectedUrl()).isEqualTo("/staff/windows/" + wa.id() + "?reopened");
        assertThat(windows.get(wa.id()).status()).isEqualTo(SurveyWindow.Status.OPEN);
        assertThat(windows.get(wa.id()).closedAt()).isNull();
        assertThat(page("/staff/windows/" + wa.id() + "?reopened", a.admin())).contains("The window is open again");
        // the network calibrates on the round while A is open again: a calibration reads the closed windows' answers and
        // shows counts of them, so it settles B's window (no reopening), not A's
        calibrations.calibrate(network, wa.name());
        assertThat(windows.get(wb.id()).resultsSeenAt()).isNotNull();
        assertThat(windows.get(wa.id()).resultsSeenAt()).as("open again: its answers are still coming").isNull();
        // what closing left comes back: unused codes work, a started survey can be finished
        fixtures.answerAroundALevel(late.get(1), random, Map.of());
        fixtures.answerAroundALevel(late.get(0), random, Map.of());
        assertThat(send(post("/api/v1/windows/" + wa.id() + "/close").param("confirm", "true"), a.admin()).getStatus()).isEqualTo(200);

        // school B looks at its own results: B's window can no longer be reopened, A's still can
        assertThat(send(get("/api/v1/windows/" + wb.id() + "/report"), b.admin()).getStatus()).isEqualTo(200);
        assertThat(windows.get(wb.id()).resultsSeenAt()).isNotNull();
        assertThat(windows.get(wa.id()).resultsSeenAt()).as("another school's look is not A's results").isNull();
        MockHttpServletResponse refusedB = send(post("/api/v1/windows/" + wb.id() + "/reopen"), b.admin());
        assertThat(refusedB.getStatus()).isEqualTo(409);
        assertThat(refusedB.getContentAsString()).contains("its results were first opened on");
        assertThat(json.readTree(send(get("/api/v1/windows/" + wa.id() + "/reopening"), a.admin()).getContentAsString())
                .get("allowed").asBoolean()).isTrue();

        // a teacher of A reads their own pupils' feedback: A's results have been seen
        assertThat(send(get("/staff/windows/" + wa.id() + "/teachers/" + a.teacherA().id() + "/report"), a.teacherA()).getStatus())
                .isEqualTo(200);
        JsonNode state = json.readTree(send(get("/api/v1/windows/" + wa.id() + "/reopening"), a.admin()).getContentAsString());
        assertThat(state.get("allowed").asBoolean()).isFalse();
        assertThat(state.get("state").asText()).isEqualTo("RESULTS_SEEN");
        MockHttpServletResponse refused = send(post("/staff/windows/" + wa.id() + "/reopen"), a.admin());
        assertThat(refused.getStatus()).isEqualTo(409);
        assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("can no longer be reopened: its results were first opened on");
        assertThat(windows.get(wa.id()).status()).as("nothing changed").isEqualTo(SurveyWindow.Status.CLOSED);
        String pageA = page("/staff/windows/" + wa.id(), a.admin());
        assertThat(pageA).contains("its results were first opened on").doesNotContain("Reopen the window");
        assertThat(send(post("/api/v1/windows/" + wa.id() + "/reopen"), networkAdmin).getStatus()).isEqualTo(409);
    }

    @Test
    void theNetworkReportCountsAsALookAtEverySchoolsResults() throws Exception {
        long network = fixtures.network();
        StaffUser networkAdmin = fixtures.networkAdmin(network);
        TwoSchools round = twoSchools(network, 20);
        Fixtures.SchoolSetup a = round.a();
        SurveyWindow wa = round.wa();
        SurveyWindow wb = round.wb();
        windowService.close(wa);
        calibrations.calibrate(network, wa.name());
        // B is still open: its results are known to be still coming in
        assertThat(send(get("/staff/network/report").param("window", wa.name()), networkAdmin).getStatus()).isEqualTo(200);
        assertThat(windows.get(wa.id()).resultsSeenAt()).isNotNull();
        assertThat(windows.get(wb.id()).resultsSeenAt()).isNull();
        assertThat(windowService.reopening(windows.get(wa.id())).state()).isEqualTo(WindowService.ReopenState.RESULTS_SEEN);
        windowService.close(wb);
        assertThat(windowService.reopening(windows.get(wb.id())).allowed()).isTrue();
    }

    @Test
    void reopeningEndsAfterTheSetTime() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 6, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        answer(window, school.class1(), 3);
        windowService.close(window);
        try {
            clock.move(Duration.ofDays(7).minusMinutes(1));
            assertThat(windowService.reopening(windows.get(window.id())).allowed()).isTrue();
            clock.move(Duration.ofMinutes(1));
            WindowService.Reopening late = windowService.reopening(windows.get(window.id()));
            assertThat(late.state()).isEqualTo(WindowService.ReopenState.TOO_LATE);
            MockHttpServletResponse refused = send(post("/api/v1/windows/" + window.id() + "/reopen"), school.admin());
            assertThat(refused.getStatus()).isEqualTo(409);
            assertThat(refused.getContentAsString()).contains("can no longer be reopened: that was possible until");
            assertThat(windows.get(window.id()).status()).isEqualTo(SurveyWindow.Status.CLOSED);
            assertThat(page("/staff/windows/" + window.id(), school.admin())).contains("that was possible until")
                    .doesNotContain("Reopen the window");
        } finally {
            clock.move(Duration.ofDays(-7));
        }
    }

    @Test
    void afterClosingThePageSaysWhatComesNextForEachRole() throws Exception {
        // a school on its own: its network has one school
        long single = fixtures.network();
        StaffUser head = fixtures.networkAdmin(single);
        Fixtures.SchoolSetup school = fixtures.school(single, 20, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        assertThat(page("/staff/windows/" + window.id(), head)).doesNotContain("What comes next");
        answer(window, school.class1(), 20);
        windowService.close(window);
        String path = "/staff/windows/" + window.id();
        assertThat(page(path, head)).contains("What comes next", "Next, calibrate on Autumn 2026", "Calibrate on Autumn 2026",
                "action=\"/staff/calibration\"");
        assertThat(page(path, school.admin())).contains("the network's administrator (Jo Network ", "calibrates the scales on Autumn 2026")
                .doesNotContain("action=\"/staff/calibration\"")
                .contains("The raw answers can be deleted once the round's results are measured")
                .doesNotContain("/raw/delete\"");
        assertThat(page(path, school.teacherA())).contains("calibrates the scales on Autumn 2026").doesNotContain("Reopen");
        // the button calibrates on the round
        assertThat(send(post("/staff/calibration").param("window", "Autumn 2026"), head).getStatus()).isEqualTo(302);
        String after = page(path, head);
        assertThat(after).contains("The results are ready, measured on the network's calibration on Autumn 2026", "School results",
                "You said, we did").doesNotContain("Network report").doesNotContain("Calibrate on Autumn 2026");
        assertThat(page(path, school.teacherA())).contains("The results are ready", "My pupils' feedback").doesNotContain("You said, we did");
        assertThat(page(path, school.admin())).contains("/raw/delete\"");

        // the teacher's own view of a window closed with their results to show is fixed
        String self = "/api/v1/windows/" + window.id() + "/self";
        assertThat(json.readTree(send(get(self), school.teacherA()).getContentAsString()).get("lock").asText()).isEqualTo("CLOSED");
        // a later window closed with no answers: said plainly, not "the results are ready"; the own view stays open
        SurveyWindow empty = fixtures.openWindow(school.schoolId());
        assertThat(send(put("/api/v1/windows/" + empty.id() + "/self").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content("{\"answers\": {\"pt_res_1\": 3}}"), school.teacherA()).getStatus()).isEqualTo(200);
        windowService.close(windows.get(empty.id()));
        assertThat(page("/staff/windows/" + empty.id(), school.admin())).contains("This window closed with no answers, so it has no results to show.")
                .doesNotContain("The results are ready");
        JsonNode open = json.readTree(send(get("/api/v1/windows/" + empty.id() + "/self"), school.teacherA()).getContentAsString());
        assertThat(open.get("lock").asText()).isEqualTo("NONE");
        assertThat(open.get("open").asBoolean()).isTrue();
        // and one closed with two answers: too few
        SurveyWindow few = fixtures.openWindow(school.schoolId());
        answer(few, school.class1(), 2);
        windowService.close(windows.get(few.id()));
        assertThat(page("/staff/windows/" + few.id(), head)).contains("This window closed with 2 answers: too few to show any results")
                .doesNotContain("The results are ready");

        // a network: the network admin calibrates once every school's window of the round is closed
        long network = fixtures.network();
        StaffUser trust = fixtures.networkAdmin(network);
        Fixtures.SchoolSetup one = fixtures.school(network, 5, 5);
        Fixtures.SchoolSetup two = fixtures.school(network, 5, 5);
        SurveyWindow w1 = fixtures.openWindow(one.schoolId());
        SurveyWindow w2 = fixtures.openWindow(two.schoolId());
        windowService.close(w1);
        assertThat(page("/staff/windows/" + w1.id(), trust)).contains("1 of 2 schools have closed their window of Autumn 2026")
                .doesNotContain("action=\"/staff/calibration\"").contains("Calibration page");
        windowService.close(w2);
        assertThat(page("/staff/windows/" + w1.id(), trust)).contains("Every school's window of Autumn 2026 is closed",
                "action=\"/staff/calibration\"");
        assertThat(page("/staff/windows/" + w1.id(), one.admin())).contains("calibrates the scales on Autumn 2026");
    }
}
