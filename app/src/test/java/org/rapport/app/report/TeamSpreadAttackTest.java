package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.calibration.Scale;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.school.ClassGroup;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A teacher's private result through teams the head makes up. A teacher's pupils' feedback is theirs
 * alone; the leaders see teams only as an unnamed spread. But the head uploads the staff file, and so
 * decides the teams: re-uploaded with five teams of one teacher each (through the real roster
 * endpoint), the spread's quantiles would be those five teachers' own results; and with one of the
 * five swapped for another teacher between two looks, the value that left the spread would be that
 * teacher's. Each attack reads what the head gets (the API's chart rows) and compares what it
 * recovers with what the teacher reads in their own report, on every part of the relationship.
 * The control: five teams of three teachers with results are a spread the leaders see. A window keeps the teams it
 * opened with: a staff file uploaded later changes no past window's teams, spread or "your team" row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamSpreadAttackTest extends AppTest {
    static final Relationship RELATIONSHIP = Relationship.PUPIL_TEACHER;
    static final String TEAMS = "Teams (unnamed)";
    /**
     * How close a recovered value must come to the teacher's own to count as read: the spread is in
     * whole points (p25–p75 within 0.5 of the value, p10 and p90 give the extremes within 1.2), and a
     * one-teacher team is shrunk among other siblings than the teacher.
     */
    static final double READ = 1.5;
    static final int TEACHERS = 10;
    static final int PUPILS = 16;

    @Autowired
    Fixtures fixtures;
    @Autowired
    WindowService windowService;
    @Autowired
    CalibrationService calibrations;
    @Autowired
    MeasureService measures;
    @Autowired
    Schools schools;
    @Autowired
    MockMvc mvc;
    final ObjectMapper json = new ObjectMapper();

    long network;
    /** The school of the five one-teacher teams, the school of the swap, and the control's school of five teams of three. */
    Fixtures.StaffRoom solo;
    Fixtures.StaffRoom swap;
    Fixtures.StaffRoom control;
    final Map<Long, SurveyWindow> window = new LinkedHashMap<>();

    @BeforeAll
    void threeSchoolsAnswerAndTheNetworkCalibrates() throws Exception {
        network = fixtures.network();
        int[] sizes = new int[TEACHERS];
        Arrays.fill(sizes, PUPILS);
        solo = fixtures.staffRoom(network, sizes, 0);
        swap = fixtures.staffRoom(network, sizes, 0);
        int[] fifteen = new int[15];
        Arrays.fill(fifteen, PUPILS);
        control = fixtures.staffRoom(network, fifteen, 3);
        Random random = new Random(29);
        // the heads' staff files before the windows open: a window's teams are those of the day it opens, for good
        reupload(solo, teamsOfOne(teachers(solo).subList(0, 5)));
        reupload(swap, teamsOfOne(teachers(swap).subList(0, 5)));
        for (Fixtures.StaffRoom room : List.of(solo, swap, control)) {
            SurveyWindow w = fixtures.openWindow(room.schoolId());
            // each class answers around a level of its own, so its teacher's result is theirs
            for (long classId : room.classes()) {
                double level = 2 + 0.7 * random.nextGaussian();
                for (String code : fixtures.codes(w, RespondentRole.PUPIL, classId)) {
                    fixtures.answerAround(code, level + 0.5 * random.nextGaussian(), random, Map.of());
                }
            }
            windowService.close(w);
            window.put(room.schoolId(), w);
        }
        calibrations.calibrate(network, window.get(solo.schoolId()).name());
    }

    /**
     * Attack: the head's staff file puts five teachers in teams of one each before the window opens, and the head reads the
     * leaders' team spread. For five groups, R's quantiles p25, p50 and p75 are the 2nd to 4th
     * measures, and p10 and p90 give the 1st and 5th: the five teachers' results, part by part.
     */
    @Test
    void oneTeacherTeamsDoNotPutTeachersPrivateResultsInTheLeadersSpread() throws Exception {
        List<StaffMember> teachers = teachers(solo);
        List<StaffMember> five = teachers.subList(0, 5);
        JsonNode view = relationshipAsHead(solo);
        List<String> read = new ArrayList<>();
        int parts = 0;
        for (String chart : charts(view)) {
            parts++;
            JsonNode spread = row(view, chart, TEAMS);
            if (!spread.has("p50")) {
                continue;
            }
            double[] recovered = fiveFrom(spread);
            double[] own = five.stream().mapToDouble(t -> ownResult(solo, t, chart)).sorted().toArray();
            if (own.length == 5 && within(recovered, own)) {
                read.add(chart + ": spread gives " + Arrays.toString(recovered) + ", the five teachers' own reports " + Arrays.toString(own));
            }
        }
        assertThat(parts).as("the relationship and its parts").isEqualTo(7);
        assertThat(read).as("the head read five teachers' private results from the spread of five one-teacher teams").isEmpty();
        for (String chart : charts(view)) {
            assertThat(row(view, chart, TEAMS).has("p50")).as(chart + ": teams of one teacher make no spread").isFalse();
        }
        WaveResults wave = measures.wave(network, window.get(solo.schoolId()).name()).orElseThrow();
        for (StaffMember t : five) {
            assertThat(wave.result(new Scale(RELATIONSHIP, null), GroupKey.teacher(t.id())).shown()).as("the teacher's own result is shown to them").isTrue();
            long team = schools.teamOf(t.id()).orElseThrow();
            assertThat(wave.result(new Scale(RELATIONSHIP, null), GroupKey.team(team)).shown()).as("a team of one teacher is shown to nobody").isFalse();
        }
    }

    /**
     * Attack: differencing. The head shows five one-teacher teams, then swaps one teacher for another
     * and looks again; the value that left the spread is the teacher swapped out. The window keeps the teams it opened
     * with, so the second look is the first.
     */
    @Test
    void swappingOneTeacherInAndOutOfTheTeamsDoesNotIsolateThem() throws Exception {
        List<StaffMember> teachers = teachers(swap);
        StaffMember target = teachers.get(4);
        List<StaffMember> after = new ArrayList<>(teachers.subList(0, 4));
        after.add(teachers.get(5));
        JsonNode first = relationshipAsHead(swap);
        reupload(swap, teamsOfOne(after));
        JsonNode second = relationshipAsHead(swap);
        assertThat(second).as("a past window's teams do not follow a later staff file").isEqualTo(first);
        List<String> read = new ArrayList<>();
        for (String chart : charts(first)) {
            JsonNode a = row(first, chart, TEAMS);
            JsonNode b = row(second, chart, TEAMS);
            if (!a.has("p50") || !b.has("p50")) {
                continue;
            }
            double recovered = leftOut(fiveFrom(a), fiveFrom(b));
            double own = ownResult(swap, target, chart);
            if (Math.abs(recovered - own) <= READ) {
                read.add(chart + ": " + recovered + " from the spreads, " + own + " in the teacher's own report");
            }
        }
        assertThat(read).as("the head isolated one teacher by swapping their one-teacher team in and out of the spread").isEmpty();
    }

    /**
     * The control: five teams of three teachers with results each are what the leaders' spread is made
     * of. Then teams re-formed so that a team differs from how it was shown by one teacher.
     */
    @Test
    void fiveTeamsOfThreeTeachersAreASpreadTheLeadersSeeButNotOneTeacherApart() throws Exception {
        JsonNode view = relationshipAsHead(control);
        WaveResults wave = measures.wave(network, window.get(control.schoolId()).name()).orElseThrow();
        double[] teams = wave.shown(new Scale(RELATIONSHIP, null), GroupKey.Kind.TEAM, s -> s == control.schoolId()).stream()
                .mapToDouble(g -> g.measure().estimate()).toArray();
        assertThat(teams).as("five teams of three, each shown").hasSize(5);
        JsonNode spread = row(view, RELATIONSHIP.name() + "-ranges", TEAMS);
        assertThat(spread.get("p50").asLong()).isEqualTo(Math.round(ReidentificationAttackTest.quantile(teams, 0.5)));
        assertThat(spread.get("p10").asLong()).isEqualTo(Math.round(ReidentificationAttackTest.quantile(teams, 0.1)));
        assertThat(spread.get("p90").asLong()).isEqualTo(Math.round(ReidentificationAttackTest.quantile(teams, 0.9)));

        // Attack: the head moves Teacher 4 into Team 1, so that Team 1 read again would differ by that one teacher, and each
        // of its teachers reads "your team" again. The window keeps the teams it opened with: nothing changes, for the
        // head or for the teachers (measured on today's teams, a teacher of Team 1 read Teacher 4's result as the difference)
        List<StaffMember> teachers = teachers(control);
        JsonNode teacherOneBefore = api(fixtures.staffUser(teachers.get(0).email()),
                "/api/v1/windows/" + window.get(control.schoolId()).id() + "/teachers/" + teachers.get(0).id() + "/report");
        Map<Long, String> moved = new LinkedHashMap<>();
        for (int t = 0; t < teachers.size(); t++) {
            moved.put(teachers.get(t).id(), "Team " + (t == 3 ? 1 : t / 3 + 1));
        }
        reupload(control, moved);
        WaveResults after = measures.wave(network, window.get(control.schoolId()).name()).orElseThrow();
        Scale all = new Scale(RELATIONSHIP, null);
        long team1 = schools.teamOf(teachers.get(0).id()).orElseThrow();
        assertThat(schools.teamOf(teachers.get(3).id())).as("today's teams follow the staff file").contains(team1);
        assertThat(after.result(all, GroupKey.team(team1)).respondents()).as("the window's Team 1 as it opened")
                .isEqualTo(wave.result(all, GroupKey.team(team1)).respondents());
        assertThat(relationshipAsHead(control)).isEqualTo(view);
        JsonNode teacherOneAfter = api(fixtures.staffUser(teachers.get(0).email()),
                "/api/v1/windows/" + window.get(control.schoolId()).id() + "/teachers/" + teachers.get(0).id() + "/report");
        assertThat(teacherOneAfter.get("panels")).as("Teacher 1's report, team row and all").isEqualTo(teacherOneBefore.get("panels"));
        // and back as they were
        Map<Long, String> back = new LinkedHashMap<>();
        for (int t = 0; t < teachers.size(); t++) {
            back.put(teachers.get(t).id(), "Team " + (t / 3 + 1));
        }
        reupload(control, back);
        assertThat(row(relationshipAsHead(control), RELATIONSHIP.name() + "-ranges", TEAMS).get("p50").asLong()).isEqualTo(spread.get("p50").asLong());
    }

    // ---- the attacker

    /** The five measures behind a spread of five (R's type 7): p25, p50, p75 are the 2nd–4th, p10 = 0.6·1st + 0.4·2nd, p90 = 0.4·4th + 0.6·5th. */
    static double[] fiveFrom(JsonNode spread) {
        double p10 = spread.get("p10").asDouble();
        double p25 = spread.get("p25").asDouble();
        double p75 = spread.get("p75").asDouble();
        double p90 = spread.get("p90").asDouble();
        return new double[] {round1((p10 - 0.4 * p25) / 0.6), p25, spread.get("p50").asDouble(), p75, round1((p90 - 0.4 * p75) / 0.6)};
    }

    /** Of two sorted five, one value replaced: the one of {@code before} that left, where the other four match best. */
    static double leftOut(double[] before, double[] after) {
        double best = Double.MAX_VALUE;
        double out = Double.NaN;
        for (int i = 0; i < before.length; i++) {
            for (int j = 0; j < after.length; j++) {
                double[] a = without(before, i);
                double[] b = without(after, j);
                double d = 0;
                for (int k = 0; k < a.length; k++) {
                    d += Math.abs(a[k] - b[k]);
                }
                if (d < best) {
                    best = d;
                    out = before[i];
                }
            }
        }
        return out;
    }

    static double[] without(double[] values, int index) {
        double[] out = new double[values.length - 1];
        for (int i = 0, o = 0; i < values.length; i++) {
            if (i != index) {
                out[o++] = values[i];
            }
        }
        return out;
    }

    static boolean within(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > READ) {
                return false;
            }
        }
        return true;
    }

    static double round1(double x) {
        return Math.round(x * 10) / 10.0;
    }

    // ---- the school's staff, its roster and what each reads

    List<StaffMember> teachers(Fixtures.StaffRoom room) {
        return schools.staff(room.schoolId()).stream().filter(m -> m.ref().startsWith("T"))
                .sorted(Comparator.comparingInt(m -> Integer.parseInt(m.ref().substring(1)))).toList();
    }

    static Map<Long, String> teamsOfOne(List<StaffMember> teachers) {
        Map<Long, String> teams = new LinkedHashMap<>();
        teachers.forEach(t -> teams.put(t.id(), "Solo " + t.ref()));
        return teams;
    }

    /** The head uploads the school's roster again as it is, with a staff file that puts these teachers in these teams and nobody else in one. */
    void reupload(Fixtures.StaffRoom room, Map<Long, String> teams) throws Exception {
        Map<String, ClassGroup> classes = fixtures.classes(room.schoolId());
        StringBuilder roster = new StringBuilder("class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n");
        StringBuilder staff = new StringBuilder("staff_id,name,email,role,team\n");
        for (StaffMember m : schools.staff(room.schoolId())) {
            staff.append(m.ref()).append(',').append(m.name()).append(',').append(m.email()).append(',')
                    .append(m.leader() ? "leader" : "teacher").append(',').append(teams.getOrDefault(m.id(), "")).append('\n');
            if (m.ref().startsWith("T")) {
                ClassGroup c = classes.get("C" + m.ref().substring(1));
                roster.append(c.ref()).append(',').append(c.name()).append(",8,").append(c.pupils()).append(',').append(m.ref()).append(',')
                        .append(m.name()).append(',').append(m.email()).append(",\n");
            }
        }
        mvc.perform(multipart("/api/v1/schools/{id}/roster", room.schoolId())
                        .file(new MockMultipartFile("roster", "roster.csv", "text/csv", roster.toString().getBytes(StandardCharsets.UTF_8)))
                        .file(new MockMultipartFile("staff", "staff.csv", "text/csv", staff.toString().getBytes(StandardCharsets.UTF_8)))
                        .with(user(room.admin())))
                .andExpect(status().isOk());
        for (Map.Entry<Long, String> e : teams.entrySet()) {
            assertThat(schools.teams(room.schoolId()).get(e.getKey())).isEqualTo(e.getValue());
        }
        assertThat(Set.copyOf(schools.teams(room.schoolId()).values())).hasSize(Set.copyOf(teams.values()).size());
    }

    JsonNode relationshipAsHead(Fixtures.StaffRoom room) throws Exception {
        return api(room.admin(), "/api/v1/windows/" + window.get(room.schoolId()).id() + "/relationships/" + RELATIONSHIP);
    }

    /** What the teacher reads as their own result on the chart's part, in their own report. */
    double ownResult(Fixtures.StaffRoom room, StaffMember teacher, String chart) {
        try {
            JsonNode own = api(fixtures.staffUser(teacher.email()),
                    "/api/v1/windows/" + window.get(room.schoolId()).id() + "/teachers/" + teacher.id() + "/report");
            return ReidentificationAttackTest.row(own, chart, "You").get("estimate").asDouble();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static List<String> charts(JsonNode view) {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : view.get("panels")) {
            for (JsonNode chart : panel.get("charts")) {
                if (chart.get("id").asText().endsWith("-ranges")) {
                    out.add(chart.get("id").asText());
                }
            }
        }
        return out;
    }

    static JsonNode row(JsonNode view, String chart, String series) {
        return ReidentificationAttackTest.row(view, chart, series);
    }

    JsonNode api(StaffUser viewer, String path) throws Exception {
        var r = mvc.perform(get(path).with(user(viewer))).andReturn().getResponse();
        assertThat(r.getStatus()).as(path).isEqualTo(200);
        return json.readTree(r.getContentAsString(StandardCharsets.UTF_8));
    }
}
