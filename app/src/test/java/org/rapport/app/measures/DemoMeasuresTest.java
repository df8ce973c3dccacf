package org.rapport.app.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.demo.DemoNetwork;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.DemoFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo network end to end: calibrated on Spring 2026, Summer 2026 scored on those anchors. */
class DemoMeasuresTest extends AppTest {
    @Autowired
    DemoNetwork demo;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CalibrationStore calibrations;
    @Autowired
    MeasureService measures;
    @Autowired
    ItemBank bank;

    long network;

    @BeforeEach
    void load() throws Exception {
        network = DemoFixture.network(demo, jdbc);
    }

    @Test
    void everyScaleIsCalibratedOnTheReferenceWindowAndCentredAtFifty() {
        Calibrated c = calibrations.active(network).orElseThrow();
        assertThat(c.referenceWindow()).isEqualTo("Spring 2026");
        for (Scale scale : Scale.all(bank)) {
            ScaleFit fit = c.scales().get(scale.key());
            assertThat(fit).as(scale.key()).isNotNull();
            if (scale.relationship().respondent().perClass()) {
                assertThat(fit.calibrated()).as(scale.key() + ": " + fit.problem()).isTrue();
                assertThat(fit.referenceSd()).as(scale.key()).isPositive();
            } else {
                // about 30 staff in the demo: a scale may be too thin to calibrate, and must then say why
                assertThat(fit.calibrated() || !fit.problem().isBlank()).as(scale.key()).isTrue();
            }
        }
        Wave spring = measures.wave(network, "Spring 2026").orElseThrow();
        for (Relationship r : List.of(Relationship.PUPIL_TEACHER, Relationship.PUPIL_SCHOOL, Relationship.PARENT_SCHOOL)) {
            GroupResult all = spring.result(new Scale(r, null), "network");
            assertThat(all.shown()).as(r.name()).isTrue();
            // the network on its own reference window: mean 50 by construction, up to pooling respondents' blocks
            assertThat(all.measure().estimate()).as(r.name()).isBetween(47.0, 53.0);
        }
    }

    @Autowired
    org.rapport.app.report.ReportViews views;
    @Autowired
    org.rapport.app.window.WindowService windows;
    @Autowired
    org.rapport.app.school.SchoolRepository schools;

    @Test
    void aTeamIsTheGroupOfItsTeachersPupilsAndIsShownUnnamed() {
        long school = jdbc.sql("select id from school where network_id = ? and name = 'Hillcrest Academy'").param(network)
                .query(Long.class).single();
        long team = jdbc.sql("select id from team where school_id = ? and name = 'Maths'").param(school).query(Long.class).single();
        long window = jdbc.sql("select id from survey_window where school_id = ? and name = 'Summer 2026'").param(school)
                .query(Long.class).single();
        GroupResult g = measures.wave(network, "Summer 2026").orElseThrow().result(new Scale(Relationship.PUPIL_TEACHER, null), "team:" + team);
        assertThat(g.kind()).isEqualTo(GroupResult.Kind.TEAM);
        assertThat(g.schoolId()).isEqualTo(school);
        assertThat(g.shown()).isTrue();
        // every pupil who answered about one of the team's teachers, once
        long pupils = jdbc.sql("""
                select count(distinct r.id) from response r join answer a on a.response_id = r.id
                join staff s on s.id = a.target_staff where r.window_id = ? and s.team_id = ?""").params(window, team)
                .query(Long.class).single();
        assertThat(g.respondents()).isEqualTo((int) pupils);
        // invited: the pupil codes of the classes its teachers teach, each class once
        long invited = jdbc.sql("""
                select count(*) from access_code ac where ac.window_id = ? and ac.respondent_role = 'PUPIL' and ac.class_id in
                (select t.class_id from teaching t join staff s on s.id = t.staff_id where s.team_id = ?)""").params(window, team)
                .query(Long.class).single();
        assertThat(g.invited()).isEqualTo((int) invited);

        var view = views.relationship(windows.get(window), schools.find(school).orElseThrow(), Relationship.PUPIL_TEACHER,
                java.util.Locale.ENGLISH);
        var rows = view.chart("PUPIL_TEACHER-ranges").orElseThrow().rows();
        assertThat(rows).filteredOn(r -> "Teams (unnamed)".equals(r.get("series"))).hasSize(4);
        assertThat(rows.toString()).doesNotContain("Maths", "English", "Science", "Humanities");

        // a teacher of the team sees the team beside themselves and the school
        long teacherId = jdbc.sql("select s.id from staff s where s.team_id = ? and exists (select 1 from teaching t where t.staff_id = s.id) limit 1")
                .param(team).query(Long.class).single();
        var teacher = schools.findStaff(teacherId).orElseThrow();
        var own = views.teacher(windows.get(window), schools.find(school).orElseThrow(), teacher, true, false, List.of(), java.util.Locale.ENGLISH);
        assertThat(own.chart("PUPIL_TEACHER-ranges").orElseThrow().rows()).filteredOn(r -> "Your team".equals(r.get("series")))
                .singleElement().satisfies(r -> assertThat(r.get("estimate")).isEqualTo(Math.round(g.measure().estimate() * 10) / 10.0));
    }
}
