package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.School;
import org.rapport.app.school.SchoolRepository;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.survey.SurveyService;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;

/** Reports count answers exactly and hide every cell with fewer respondents than the threshold. */
class ReportTest extends AppTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    SurveyService surveys;
    @Autowired
    ReportService reports;
    @Autowired
    SchoolRepository schools;

    Fixtures.SchoolSetup setup;
    SurveyWindow window;
    School school;

    @BeforeEach
    void setUp() {
        setup = fixtures.school(fixtures.network(), 8, 8);
        window = fixtures.openWindow(setup.schoolId());
        school = schools.find(setup.schoolId()).orElseThrow();
    }

    /** Pupils of class 1 answer every question with {@code value}. */
    void pupilsAnswer(long classId, int pupils, int value) {
        List<String> codes = fixtures.codes(window, RespondentRole.PUPIL, classId);
        for (int k = 0; k < pupils; k++) {
            SurveyService.Session s = surveys.start(codes.get(k));
            Map<String, Integer> answers = new HashMap<>();
            s.plan().blocks().forEach(b -> b.items().forEach(i -> answers.put(b.key(i), value)));
            surveys.submit(codes.get(k), UUID.randomUUID().toString(), answers);
        }
    }

    Report.RelationshipSection section(Report r, String relationship) {
        return r.relationships().stream().filter(s -> s.relationship().equals(relationship)).findFirst().orElseThrow();
    }

    @Test
    void fewerThanFiveRespondentsShowsNothing() {
        pupilsAnswer(setup.class1(), 4, 3);
        Report r = reports.school(window, school, Locale.ENGLISH);
        Report.RelationshipSection pupils = section(r, "PUPIL_SCHOOL");
        assertThat(pupils.suppressed()).isTrue();
        assertThat(pupils.respondents()).isZero();
        assertThat(pupils.responseRate()).isNull();
        assertThat(pupils.facets()).allSatisfy(f -> {
            assertThat(f.suppressed()).isTrue();
            assertThat(f.counts()).isNull();
            assertThat(f.shares()).isNull();
            assertThat(f.answers()).isNull();
        });
        Report mine = reports.teacher(window, school, schools.findStaff(setup.teacherA().id()).orElseThrow(), Locale.ENGLISH);
        assertThat(mine.relationships().get(0).facets()).allSatisfy(f -> assertThat(f.counts()).isNull());
    }

    @Test
    void fiveOrMoreShowTheDistributionWithNAndResponseRate() {
        pupilsAnswer(setup.class1(), 5, 4);
        pupilsAnswer(setup.class2(), 2, 1);
        Report r = reports.school(window, school, Locale.ENGLISH);
        Report.RelationshipSection pupilsAboutSchool = section(r, "PUPIL_SCHOOL");
        assertThat(pupilsAboutSchool.suppressed()).isFalse();
        assertThat(pupilsAboutSchool.respondents()).isEqualTo(7);
        assertThat(pupilsAboutSchool.responseRate()).isEqualTo(7 / 16.0);
        for (Report.FacetCell f : pupilsAboutSchool.facets()) {
            assertThat(f.respondents()).isEqualTo(7);
            // two items per facet in the school block: 5 pupils answered 4 and 2 answered 1
            assertThat(f.counts()).containsExactly(0, 4, 0, 0, 10);
            assertThat(f.shares()[4]).isEqualTo(10 / 14.0);
        }
        // teacher A teaches class 1 only: 5 pupils, all 4s; teacher B has 7 pupils
        Report a = reports.teacher(window, school, schools.findStaff(setup.teacherA().id()).orElseThrow(), Locale.ENGLISH);
        Report.FacetCell respect = a.relationships().get(0).facets().get(0);
        assertThat(respect.respondents()).isEqualTo(5);
        assertThat(respect.counts()).containsExactly(0, 0, 0, 0, 5);
        assertThat(a.relationships().get(0).responseRate()).isEqualTo(5 / 8.0);
        Report b = reports.teacher(window, school, schools.findStaff(setup.teacherB().id()).orElseThrow(), Locale.ENGLISH);
        assertThat(b.relationships().get(0).facets().get(0).counts()).containsExactly(0, 2, 0, 0, 5);
        // the school-level pupil-teacher section pools all teachers (12 blocks from 7 pupils)
        Report.FacetCell pooled = section(r, "PUPIL_TEACHER").facets().get(0);
        assertThat(pooled.respondents()).isEqualTo(7);
        assertThat(pooled.answers()).isEqualTo(12);
    }

    @Test
    void responseRatesCountCodesPerClass() {
        pupilsAnswer(setup.class1(), 3, 2);
        List<ReportService.RateRow> rates = reports.responseRates(window);
        assertThat(rates).anySatisfy(row -> {
            assertThat(row.group()).isEqualTo("Year 7 A");
            assertThat(row.issued()).isEqualTo(8);
            assertThat(row.used()).isEqualTo(3);
        });
    }
}
