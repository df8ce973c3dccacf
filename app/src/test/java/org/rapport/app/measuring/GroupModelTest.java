package org.rapport.app.measuring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.calibration.Calibrations;
import org.rapport.app.calibration.Scale;
import org.rapport.app.calibration.Scoring;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.rapport.measure.GroupMeasure;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reports measure a group on each part of a relationship by the model of its answers, through the survey's own
 * path: a school calibrated on a first window whose pupils answered around the middle, then a second window in which
 * every pupil gave every question its top answer. Averaged WLEs put such a group at a one-item block's top measure with
 * a narrow interval around it, although nothing in the answers says how much higher its trust is; the model's interval
 * reaches the part's own top (the measure of a respondent who gave every item of the part its top answer). A whole
 * relationship, whose blocks can answer thousands of sets of items, keeps the averaged WLEs (docs/REPORTS.md).
 */
class GroupModelTest extends AppTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    WindowService windows;
    @Autowired
    CalibrationService calibrating;
    @Autowired
    Calibrations calibrations;
    @Autowired
    MeasureService measures;
    @Autowired
    ItemBank bank;

    @Test
    void aTeacherWhosePupilsAllGaveTheTopAnswerHasAnIntervalReachingThePartsTop() {
        Random random = new Random(24);
        System.out.println("GroupModelTest seed 24");
        long network = fixtures.network();
        Fixtures.SchoolSetup school = fixtures.school(network, 30, 30);
        SurveyWindow first = fixtures.openWindow(school.schoolId());
        fixtures.codes(first, RespondentRole.PUPIL, null).forEach(c -> fixtures.answerAroundALevel(c, random, Map.of()));
        windows.close(first);
        calibrating.calibrate(network, first.name());
        SurveyWindow second = fixtures.openWindow(school.schoolId());
        // far above the top answer: with the noise, every answer is still the top one
        fixtures.codes(second, RespondentRole.PUPIL, null).forEach(c -> fixtures.answerAround(c, 100, random, Map.of()));
        windows.close(second);

        WaveResults results = measures.wave(network, second.name()).orElseThrow();
        var calibration = calibrations.active(network).orElseThrow();
        GroupKey teacherA = GroupKey.teacher(school.teacherA().id());
        for (String facet : bank.facets(Relationship.PUPIL_TEACHER).keySet()) {
            Scale part = new Scale(Relationship.PUPIL_TEACHER, facet);
            GroupMeasure m = results.result(part, teacherA).measure();
            Scoring.Anchored anchored = new Scoring.Anchored(part, calibration.scale(part), bank);
            double[] points = anchored.points();
            double top = points[0] + points[1] * anchored.ends()[1];
            assertThat(m.lowerBound()).as(facet + ": measured by the model").isNotNull();
            assertThat(m.upper()).as(facet + ": the answers set no bound above; the interval reaches the part's top").isGreaterThanOrEqualTo(top - 1e-9);
            assertThat(m.lower()).as(facet).isLessThan(m.estimate());
            assertThat(m.respondents()).as(facet + ": 30 pupils of 7A").isEqualTo(30);
            assertThat(m.shrinkage()).as(facet + ": the group's own answers").isZero();
        }
        GroupMeasure whole = results.result(new Scale(Relationship.PUPIL_TEACHER, null), teacherA).measure();
        assertThat(whole.lowerBound()).as("a whole relationship: averaged WLEs").isNull();
        assertThat(whole.upper() - whole.estimate()).isCloseTo(whole.estimate() - whole.lower(), within(1e-9));
    }

    @Test
    void aPartsSetsOfItemsAreCountedAsTheSurveyDrawsThem() {
        assertThat(new Scale(Relationship.PUPIL_TEACHER, "competence").answerSets(bank)).as("one item of four").isEqualTo(4);
        assertThat(new Scale(Relationship.TEACHER_LEADERS, "autonomy").answerSets(bank)).as("one or two of four").isEqualTo(10);
        assertThat(new Scale(Relationship.TEACHER_PUPILS, null).answerSets(bank)).as("one to three of six").isEqualTo(41);
        assertThat(new Scale(Relationship.PUPIL_TEACHER, null).answerSets(bank)).as("0 or 1 of four, six times").isEqualTo(5L * 5 * 5 * 5 * 5 * 5 - 1);
    }
}
