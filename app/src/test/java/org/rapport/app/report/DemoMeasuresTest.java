package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.calibration.Calibrated;
import org.rapport.app.calibration.Calibrations;
import org.rapport.app.calibration.Scale;
import org.rapport.app.calibration.ScaleFit;
import org.rapport.app.demo.DemoNetwork;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.school.Schools;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.DemoFixture;
import org.rapport.app.window.Windows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo network end to end: calibrated on Spring 2026, Summer 2026 scored on those anchors. */
class DemoMeasuresTest extends AppTest {
    @Autowired
    DemoNetwork demo;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Calibrations calibrations;
    @Autowired
    MeasureService measures;
    @Autowired
    ItemBank bank;
    @Autowired
    RelationshipViews relationships;
    @Autowired
    TeacherViews teachers;
    @Autowired
    Windows windows;
    @Autowired
    Schools schools;
    @Autowired
    org.rapport.app.safeguarding.Safeguarding safeguarding;
    @Autowired
    org.springframework.security.core.userdetails.UserDetailsService users;

    long network;

    @BeforeEach
    void load() throws Exception {
        network = DemoFixture.network(demo);
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
        WaveResults spring = measures.wave(network, "Spring 2026").orElseThrow();
        for (Relationship r : List.of(Relationship.PUPIL_TEACHER, Relationship.PUPIL_SCHOOL, Relationship.PARENT_SCHOOL)) {
            GroupResult all = spring.result(new Scale(r, null), GroupKey.NETWORK);
            assertThat(all.shown()).as(r.name()).isTrue();
            // the network on its own reference window: mean 50 by construction, up to pooling respondents' blocks
            assertThat(all.measure().estimate()).as(r.name()).isBetween(47.0, 53.0);
        }
    }

    @Test
    void everyRelationshipHasAnswersAndEveryCodeUsedMadeOneResponse() {
        for (String window : List.of("Spring 2026", "Summer 2026")) {
            List<Long> ids = windows.wave(network, window).windowIds();
            for (Relationship r : Relationship.values()) {
                String[] items = new Scale(r, null).items(bank).stream().map(org.rapport.app.itembank.Item::id).toArray(String[]::new);
                long answers = jdbc.sql("""
                        select count(*) from answer a join response r on r.id = a.response_id
                        where r.window_id = any(?) and r.respondent_role = ? and a.item_id = any(?)""")
                        .params(ids.toArray(Long[]::new), r.respondent().name(), items)
                        .query(Long.class).single();
                assertThat(answers).as(window + " " + r).isPositive();
            }
            // the submission path: one response per used code, no more, no fewer
            long used = jdbc.sql("select count(*) from access_code where window_id = any(?) and used").param(ids.toArray(Long[]::new))
                    .query(Long.class).single();
            long responses = jdbc.sql("select count(*) from response where window_id = any(?)").param(ids.toArray(Long[]::new))
                    .query(Long.class).single();
            assertThat(responses).isEqualTo(used).isPositive();
        }
        // the demo's answered windows only: other tests of this database leave surveys half done on purpose
        List<Long> answered = new java.util.ArrayList<>(windows.wave(network, "Spring 2026").windowIds());
        answered.addAll(windows.wave(network, "Summer 2026").windowIds());
        assertThat(jdbc.sql("select count(*) from survey_draft d join access_code c on c.code_hash = d.code_hash where c.window_id = any(?)")
                .param(answered.toArray(Long[]::new)).query(Long.class).single())
                .as("every demo survey was sent, so no draft is left").isZero();
    }

    @Test
    void aTeamIsTheGroupOfItsTeachersPupilsAndOnlyItsOwnTeachersSeeIt() {
        long school = schools.inNetwork(network).stream().filter(s -> s.name().equals("Hillcrest Academy")).findFirst().orElseThrow().id();
        long team = jdbc.sql("select id from team where school_id = ? and name = 'Maths'").param(school).query(Long.class).single();
        long window = windows.wave(network, "Summer 2026").windows().stream().filter(w -> w.schoolId() == school).findFirst()
                .orElseThrow().id();
        GroupResult g = measures.wave(network, "Summer 2026").orElseThrow().result(new Scale(Relationship.PUPIL_TEACHER, null),
                GroupKey.team(team));
        assertThat(g.kind()).isEqualTo(GroupKey.Kind.TEAM);
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

        var view = relationships.relationship(windows.get(window), schools.find(school).orElseThrow(), Relationship.PUPIL_TEACHER, Locale.ENGLISH);
        var rows = view.chart("PUPIL_TEACHER-ranges").orElseThrow().rows();
        // four teams are too few for a spread: one row that says so, with no number of any team
        assertThat(rows).filteredOn(r -> "Teams (unnamed)".equals(r.get("series"))).singleElement()
                .satisfies(r -> assertThat(r).doesNotContainKeys("estimate", "n", "invited", "p50"));
        assertThat(rows.toString()).doesNotContain("Maths", "English", "Science", "Humanities");

        // a teacher of the team sees the team beside themselves and the school
        long teacherId = jdbc.sql("select s.id from staff s where s.team_id = ? and exists (select 1 from teaching t where t.staff_id = s.id) limit 1")
                .param(team).query(Long.class).single();
        var teacher = schools.findStaff(teacherId).orElseThrow();
        var own = teachers.teacher(windows.get(window), schools.find(school).orElseThrow(), teacher, true, true, false, List.of(), Locale.ENGLISH);
        assertThat(own.chart("PUPIL_TEACHER-ranges").orElseThrow().rows()).filteredOn(r -> "Your team".equals(r.get("series")))
                .singleElement().satisfies(r -> assertThat(r.get("estimate")).isEqualTo(Math.round(g.measure().estimate() * 10) / 10.0));
        // the same report as a leader reads it once the teacher shares it: the teacher's own result, never their team's by name
        var shared = teachers.teacher(windows.get(window), schools.find(school).orElseThrow(), teacher, false, false, true, List.of(), Locale.ENGLISH);
        assertThat(shared.panels()).allSatisfy(p -> assertThat(p.charts().get(0).rows())
                .noneMatch(r -> "Your team".equals(r.get("series"))));
    }

    @Test
    void eachDemoHeadIsTheSafeguardingLeadAndSeesTheDisclosuresTheirPupilsWrote() {
        int seen = 0;
        for (var school : schools.inNetwork(network)) {
            String head = schools.staff(school.id()).stream().filter(m -> m.email().startsWith("head@")).findFirst().orElseThrow().email();
            var lead = (org.rapport.app.security.StaffUser) users.loadUserByUsername(head);
            assertThat(safeguarding.isLead(lead)).as(school.name()).isTrue();
            var concerns = safeguarding.concerns(lead);
            assertThat(concerns).allSatisfy(c -> assertThat(c.school()).isEqualTo(school.name()));
            long written = jdbc.sql("""
                    select count(*) from comment c join response r on r.id = c.response_id join survey_window w on w.id = r.window_id
                    where w.school_id = ? and c.body like '%bullying me%'""").param(school.id()).query(Long.class).single();
            assertThat(concerns).as(school.name()).hasSize((int) written);
            seen += concerns.size();
        }
        assertThat(seen).as("the demo's pupils wrote some").isPositive();
    }
}
