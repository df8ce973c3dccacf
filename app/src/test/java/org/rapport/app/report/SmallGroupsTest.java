package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.calibration.Scale;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.privacy.Release;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A class of three beside a class of forty, end to end through every output: the small class is
 * hidden for too few answers, the large one too (the school minus it would be the small class), and
 * neither appears on the page, in the CSV or in the API, while the school's measure does.
 */
class SmallGroupsTest extends AppTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    WindowService windows;
    @Autowired
    CalibrationService calibrations;
    @Autowired
    MeasureService measures;
    @Autowired
    MockMvc mvc;

    Fixtures.SchoolSetup setup;
    SurveyWindow window;
    final Scale pupilSchool = new Scale(Relationship.PUPIL_SCHOOL, null);

    @BeforeEach
    void answerCloseAndCalibrate() {
        setup = fixtures.school(fixtures.network(), 40, 3);
        window = fixtures.openWindow(setup.schoolId());
        Random random = new Random(7);
        answer(setup.class1(), 40, random);
        answer(setup.class2(), 3, random);
        windows.close(window);
        calibrations.calibrate(setup.networkId(), window.name());
        WaveResults wave = measures.wave(setup.networkId(), window.name()).orElseThrow();
        for (String scale : List.of("PUPIL_SCHOOL", "PUPIL_TEACHER")) {
            assertThat(wave.calibration().scales().get(scale).calibrated()).as(scale + ": " + wave.calibration().scales().get(scale).problem())
                    .isTrue();
        }
        GroupResult school = wave.result(pupilSchool, GroupKey.school(setup.schoolId()));
        assertThat(school.shown()).as(school.outcome() + " with " + school.respondents()).isTrue();
    }

    void answer(long classId, int pupils, Random random) {
        for (String code : fixtures.codes(window, RespondentRole.PUPIL, classId).subList(0, pupils)) {
            fixtures.answerAroundALevel(code, random, Map.of());
        }
    }

    @Test
    void theSmallClassAndItsComplementAreHiddenEverywhereAndTheSchoolIsShown() throws Exception {
        WaveResults wave = measures.wave(setup.networkId(), window.name()).orElseThrow();
        assertThat(wave.calibration().scale(pupilSchool)).as(wave.calibration().scales().get("PUPIL_SCHOOL").problem()).isNotNull();
        GroupResult school = wave.result(pupilSchool, GroupKey.school(setup.schoolId()));
        assertThat(school.shown()).isTrue();
        assertThat(school.respondents()).isEqualTo(43);
        assertThat(school.responseRate()).isEqualTo(1.0);
        GroupResult small = wave.result(pupilSchool, GroupKey.ofClass(setup.class2()));
        GroupResult large = wave.result(pupilSchool, GroupKey.ofClass(setup.class1()));
        assertThat(small.outcome()).isEqualTo(Release.Outcome.TOO_FEW);
        assertThat(large.outcome()).isEqualTo(Release.Outcome.WOULD_EXPOSE);
        assertThat(small.measure()).isNull();
        assertThat(large.measure()).isNull();
        assertThat(large.distribution()).isNull();

        String base = "/staff/windows/" + window.id();
        String page = mvc.perform(get(base + "/relationships/PUPIL_SCHOOL").with(user(setup.admin()))).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        String csv = mvc.perform(get(base + "/relationships/PUPIL_SCHOOL/PUPIL_SCHOOL-ranges.csv").with(user(setup.admin())))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        String api = mvc.perform(get("/api/v1" + base.substring("/staff".length()) + "/relationships/PUPIL_SCHOOL")
                .with(user(setup.admin()))).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        // two classes are too few for a spread: their row says so and carries no number
        String tooFew = "Classes (unnamed),,,,,,,,,,,\"fewer than 5 with results, so their spread is not shown: one could be singled out\"";
        assertThat(csv).contains("Your school").contains(tooFew + "\n");
        assertThat(csv.lines().filter(l -> l.startsWith("Classes"))).containsExactly(tooFew);
        assertThat(api).contains("Your school").doesNotContainPattern("Classes \\(unnamed\\)\",\"(estimate|p50)");
        assertThat(page).contains("n = 43").contains("Classes (unnamed): fewer than 5");
        // the school's measure is there, in the same words everywhere
        String text = String.format(java.util.Locale.ROOT, "%.0f (%.0f to %.0f)", Math.round(school.measure().estimate() * 10) / 10.0,
                Math.round(school.measure().lower() * 10) / 10.0, Math.round(school.measure().upper() * 10) / 10.0);
        assertThat(page).contains(text);
        assertThat(csv).contains(String.format(java.util.Locale.ROOT, "Your school,%.1f,%.1f,%.1f,43,43", school.measure().estimate(),
                school.measure().lower(), school.measure().upper()));
    }

    @Test
    void theSchoolsDistributionAcrossRespondentsCountsEveryoneOnce() throws Exception {
        WaveResults wave = measures.wave(setup.networkId(), window.name()).orElseThrow();
        GroupResult school = wave.result(pupilSchool, GroupKey.school(setup.schoolId()));
        assertThat(java.util.Arrays.stream(school.distribution()).sum()).isEqualTo(43);
        // a pupil about two teachers is one respondent in the teacher's school spread, not two
        GroupResult teachers = wave.result(new Scale(Relationship.PUPIL_TEACHER, null), GroupKey.school(setup.schoolId()));
        assertThat(teachers.shown()).as(teachers.outcome() + "; calibration: " + wave.calibration().scales().get("PUPIL_TEACHER").problem())
                .isTrue();
        assertThat(java.util.Arrays.stream(teachers.distribution()).sum()).isEqualTo(teachers.respondents()).isEqualTo(43);

        String csv = mvc.perform(get("/staff/windows/" + window.id() + "/relationships/PUPIL_SCHOOL/PUPIL_SCHOOL-distribution.csv")
                .with(user(setup.admin()))).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("band,share,referenceShare");
        assertThat(lines).hasSize(1 + GroupResult.BANDS);
        double total = lines.subList(1, lines.size()).stream().mapToDouble(l -> Double.parseDouble(l.split(",")[1])).sum();
        assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
    }
}
