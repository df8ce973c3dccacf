package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.calibration.Scale;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.measuring.GroupResult;
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
 * A teacher's private result through the teachers' spread the head makes up with the roster. The
 * leaders see the school's teachers only as an unnamed spread; a teacher's own result is theirs alone.
 * But the head uploads the roster, which says who teaches, and a teacher's place in the school's
 * spread must not come from it: re-uploaded (through the real roster endpoint) with the teaching of
 * all but five teachers moved to the head, the spread would be those five teachers' results; and with
 * one of the five swapped for another between two looks, the value that left the spread would be
 * that teacher's. Each attack reads what the head gets (the API's chart rows) and compares what it
 * recovers with what the teacher reads in their own report, on every part of the relationship.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeacherSpreadAttackTest extends AppTest {
    static final Relationship RELATIONSHIP = Relationship.PUPIL_TEACHER;
    static final String TEACHERS = "Teachers (unnamed)";
    static final int TEACHER_COUNT = 10;
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
    /** The school of the swap, the school where one teacher's teaching is taken out, and a third school. */
    Fixtures.StaffRoom swap;
    Fixtures.StaffRoom out;
    Fixtures.StaffRoom other;
    final Map<Long, SurveyWindow> window = new LinkedHashMap<>();

    @BeforeAll
    void threeSchoolsAnswerAndTheNetworkCalibrates() {
        network = fixtures.network();
        int[] sizes = new int[TEACHER_COUNT];
        Arrays.fill(sizes, PUPILS);
        swap = fixtures.staffRoom(network, sizes, 0);
        out = fixtures.staffRoom(network, sizes, 0);
        other = fixtures.staffRoom(network, sizes, 0, 2);
        Random random = new Random(31);
        for (Fixtures.StaffRoom room : List.of(swap, out, other)) {
            SurveyWindow w = fixtures.openWindow(room.schoolId());
            if (room == other) {
                leadersGiveTheirViews(w);
            }
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
        calibrations.calibrate(network, window.get(swap.schoolId()).name());
    }

    /**
     * Attack: differencing by teaching. The head moves every class but those of five teachers to
     * themselves and looks; then gives one of the five's class to the head too, gives a sixth teacher
     * theirs back, and looks again. Were the spread made of the teachers the roster says teach, each look
     * would be five teachers' results (for five groups, p25–p75 are the 2nd–4th and p10, p90 give the 1st
     * and 5th), and the value that left would be the teacher taken out.
     */
    @Test
    void movingOneTeachersTeachingInAndOutOfTheRosterDoesNotIsolateThem() throws Exception {
        List<StaffMember> teachers = teachers(swap);
        StaffMember target = teachers.get(4);
        Map<String, Double> own = new LinkedHashMap<>();
        reupload(swap, Set.copyOf(teachers.subList(0, 5)));
        JsonNode first = relationshipAsHead(swap);
        Set<GroupKey> firstMembers = spreadMembers(swap);
        for (String chart : TeamSpreadAttackTest.charts(first)) {
            own.put(chart, ownResult(swap, target, chart));
        }
        List<StaffMember> after = new ArrayList<>(teachers.subList(0, 4));
        after.add(teachers.get(5));
        reupload(swap, Set.copyOf(after));
        JsonNode second = relationshipAsHead(swap);
        Set<GroupKey> secondMembers = spreadMembers(swap);

        List<String> read = new ArrayList<>();
        List<String> moved = new ArrayList<>();
        int parts = 0;
        for (String chart : TeamSpreadAttackTest.charts(first)) {
            parts++;
            JsonNode a = row(first, chart);
            JsonNode b = row(second, chart);
            if (!a.has("p50") || !b.has("p50")) {
                continue;
            }
            if (!quantiles(a).equals(quantiles(b))) {
                moved.add(chart + ": " + quantiles(a) + " then " + quantiles(b));
                double recovered = TeamSpreadAttackTest.leftOut(TeamSpreadAttackTest.fiveFrom(a), TeamSpreadAttackTest.fiveFrom(b));
                if (Math.abs(recovered - own.get(chart)) <= TeamSpreadAttackTest.READ) {
                    read.add(chart + ": " + recovered + " from the spreads, " + own.get(chart) + " in the teacher's own report");
                }
            }
        }
        assertThat(parts).as("the relationship and its parts").isEqualTo(7);
        assertThat(read).as("the head isolated one teacher by moving their teaching out of the roster between two looks").isEmpty();
        assertThat(secondMembers).as("the teachers in the leaders' spread, before and after the re-upload").isEqualTo(firstMembers);
        assertThat(firstMembers).as("every teacher the school's pupils answered about").hasSize(TEACHER_COUNT);
        assertThat(moved).as("with no new answers, a roster upload moves no value of the spread").isEmpty();
    }

    /**
     * Taking one teacher's teaching out of the roster leaves them in the leaders' spread and in the
     * shrinkage among their school's teachers: their result, what the teacher reads and what the spread is
     * made of stay as they were; and the spread in the teacher's own report stays too.
     */
    @Test
    void aTeacherTakenOutOfTeachingStaysInTheSchoolsSpread() throws Exception {
        List<StaffMember> teachers = teachers(out);
        StaffMember target = teachers.get(TEACHER_COUNT - 1);
        JsonNode before = relationshipAsHead(out);
        Set<GroupKey> membersBefore = spreadMembers(out);
        WaveResults wave = measures.wave(network, window.get(out.schoolId()).name()).orElseThrow();
        GroupResult ownBefore = wave.result(new Scale(RELATIONSHIP, null), GroupKey.teacher(target.id()));
        JsonNode reportBefore = ownReport(out, target);

        reupload(out, Set.copyOf(teachers.subList(0, TEACHER_COUNT - 1)));
        JsonNode after = relationshipAsHead(out);
        WaveResults later = measures.wave(network, window.get(out.schoolId()).name()).orElseThrow();
        GroupResult ownAfter = later.result(new Scale(RELATIONSHIP, null), GroupKey.teacher(target.id()));
        JsonNode reportAfter = ownReport(out, target);

        assertThat(spreadMembers(out)).as("the teachers in the leaders' spread").isEqualTo(membersBefore).hasSize(TEACHER_COUNT);
        assertThat(ownAfter.schoolId()).as("the teacher's school comes from where their pupils answered").isEqualTo(out.schoolId());
        assertThat(ownAfter.measure().estimate()).as("their result, shrunk among the same teachers").isEqualTo(ownBefore.measure().estimate());
        assertThat(ownAfter.invited()).as("invited: the codes of the classes whose pupils answered about them").isEqualTo(ownBefore.invited());
        for (String chart : TeamSpreadAttackTest.charts(before)) {
            assertThat(quantiles(row(after, chart))).as(chart + ": the leaders' spread").isEqualTo(quantiles(row(before, chart)));
            assertThat(quantiles(ReidentificationAttackTest.row(reportAfter, chart, TEACHERS)))
                    .as(chart + ": the spread in the teacher's own report").isEqualTo(quantiles(ReidentificationAttackTest.row(reportBefore, chart, TEACHERS)));
            assertThat(ReidentificationAttackTest.row(reportAfter, chart, "You").get("estimate").asDouble())
                    .as(chart + ": what the teacher reads").isEqualTo(ReidentificationAttackTest.row(reportBefore, chart, "You").get("estimate").asDouble());
        }
    }

    /**
     * The same through the leadership team's views. Once the window is closed the leaders read the mean of
     * the views their leaders gave, with how many gave one; with four leaders, the head (who knows the
     * count) marks one of them a teacher in a re-upload and reads the mean again: were the leadership team
     * the leaders the roster names at look time, four times the first mean less three times the second
     * would be that leader's own view, exactly. (On the code before the leadership team was made of the
     * views given, this already held for another reason: a leader marked a teacher in a re-upload stays a
     * school admin, and admins count as leaders. The team no longer depends on the roster at all.)
     */
    @Test
    void markingALeaderATeacherAfterTheWindowClosedDoesNotGiveTheirViewAway() throws Exception {
        List<StaffMember> leaders = leaders(other);
        StaffMember target = leaders.get(3);
        String path = "/api/v1/windows/" + window.get(other.schoolId()).id() + "/self/leadership-team";
        JsonNode before = belonging(api(other.admin(), path));
        double own = 0;
        for (JsonNode g : api(fixtures.staffUser(target.email()), "/api/v1/windows/" + window.get(other.schoolId()).id() + "/self/beside-school")
                .get("PUPIL_SCHOOL")) {
            own = g.get("facet").asText().equals("belonging") ? g.get("self").asDouble() : own;
        }
        assertThat(before.get("leaders").asInt()).as("four leaders gave a view").isEqualTo(4);

        reupload(other, Set.copyOf(teachers(other)), Set.of(target));
        assertThat(leaders(other)).as("the roster now names three leaders").hasSize(3);
        JsonNode after = belonging(api(other.admin(), path));
        int n = before.get("leaders").asInt();
        int m = after.get("leaders").asInt();
        double recovered = n == m ? Double.NaN : n * before.get("team").asDouble() - m * after.get("team").asDouble();
        assertThat(Math.abs(recovered - own) <= 0.01)
                .as("the head read a leader's own view (" + own + ") as the difference of two means: " + recovered).isFalse();
        assertThat(after.get("leaders").asInt()).as("the leadership team: whoever gave a view as a leader").isEqualTo(4);
        assertThat(after.get("team").asDouble()).isEqualTo(before.get("team").asDouble());
    }

    /** Four leaders give their views of how pupils see the school's belonging, each another. */
    void leadersGiveTheirViews(SurveyWindow w) {
        List<StaffMember> leaders = leaders(other);
        assertThat(leaders).hasSize(4);
        for (int l = 0; l < leaders.size(); l++) {
            int v = l + 1;
            String body = "{\"answers\":{\"ps_bel_1\":" + v + ",\"ps_bel_2\":" + v + ",\"ps_bel_3\":" + Math.min(4, v + 1)
                    + ",\"ps_bel_4\":" + v + "}}";
            try {
                mvc.perform(put("/api/v1/windows/{id}/self?relationship=PUPIL_SCHOOL", w.id()).contentType("application/json").content(body)
                        .with(user(fixtures.staffUser(leaders.get(l).email())))).andExpect(status().isOk());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    List<StaffMember> leaders(Fixtures.StaffRoom room) {
        return schools.staff(room.schoolId()).stream().filter(StaffMember::leader)
                .sorted(Comparator.comparing(StaffMember::ref)).toList();
    }

    static JsonNode belonging(JsonNode team) {
        assertThat(team.get("shown").asBoolean()).as("the window is closed").isTrue();
        for (JsonNode part : team.get("relationships").path("PUPIL_SCHOOL")) {
            if (part.get("facet").asText().equals("belonging")) {
                return part;
            }
        }
        throw new AssertionError("no belonging in " + team);
    }

    // ---- what the head reads

    static String quantiles(JsonNode spread) {
        return List.of("p10", "p25", "p50", "p75", "p90").stream().map(p -> spread.path(p).asText("-")).collect(Collectors.joining(" "));
    }

    static JsonNode row(JsonNode view, String chart) {
        return ReidentificationAttackTest.row(view, chart, TEACHERS);
    }

    /** The teachers whose results make up the school's teachers' spread, as the reports pick them. */
    Set<GroupKey> spreadMembers(Fixtures.StaffRoom room) {
        WaveResults wave = measures.wave(network, window.get(room.schoolId()).name()).orElseThrow();
        return wave.shown(new Scale(RELATIONSHIP, null), GroupKey.Kind.TEACHER, s -> s == room.schoolId()).stream()
                .map(GroupResult::key).collect(Collectors.toSet());
    }

    // ---- the school's staff, its roster and what each reads

    List<StaffMember> teachers(Fixtures.StaffRoom room) {
        return schools.staff(room.schoolId()).stream().filter(m -> m.ref().startsWith("T"))
                .sorted(Comparator.comparingInt(m -> Integer.parseInt(m.ref().substring(1)))).toList();
    }

    /**
     * The head uploads the school's roster again, every class and every member of staff kept, with each
     * of {@code teaching} teaching their own class and every other class taught by the head.
     */
    void reupload(Fixtures.StaffRoom room, Set<StaffMember> teaching) throws Exception {
        reupload(room, teaching, Set.of());
    }

    /** The same, with the members of {@code demoted} marked teachers instead of leaders. */
    void reupload(Fixtures.StaffRoom room, Set<StaffMember> teaching, Set<StaffMember> demoted) throws Exception {
        Map<String, ClassGroup> classes = fixtures.classes(room.schoolId());
        StaffMember head = schools.staff(room.schoolId()).stream().filter(m -> m.ref().equals("H1")).findFirst().orElseThrow();
        StringBuilder roster = new StringBuilder("class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n");
        StringBuilder staff = new StringBuilder("staff_id,name,email,role,team\n");
        for (StaffMember m : schools.staff(room.schoolId())) {
            staff.append(m.ref()).append(',').append(m.name()).append(',').append(m.email()).append(',')
                    .append(m.leader() && !demoted.contains(m) ? "leader" : "teacher").append(",\n");
            if (m.ref().startsWith("T")) {
                ClassGroup c = classes.get("C" + m.ref().substring(1));
                StaffMember by = teaching.contains(m) ? m : head;
                roster.append(c.ref()).append(',').append(c.name()).append(",8,").append(c.pupils()).append(',').append(by.ref()).append(',')
                        .append(by.name()).append(',').append(by.email()).append(",\n");
            }
        }
        mvc.perform(multipart("/api/v1/schools/{id}/roster", room.schoolId())
                        .file(new MockMultipartFile("roster", "roster.csv", "text/csv", roster.toString().getBytes(StandardCharsets.UTF_8)))
                        .file(new MockMultipartFile("staff", "staff.csv", "text/csv", staff.toString().getBytes(StandardCharsets.UTF_8)))
                        .with(user(room.admin())))
                .andExpect(status().isOk());
        Set<Long> teachingNow = new java.util.HashSet<>(teaching.stream().map(StaffMember::id).toList());
        if (teaching.size() < teachers(room).size()) {
            teachingNow.add(head.id());
        }
        assertThat(schools.structure(List.of(room.schoolId())).teacherSchool().keySet()).as("who the roster says teaches").isEqualTo(teachingNow);
    }

    JsonNode relationshipAsHead(Fixtures.StaffRoom room) throws Exception {
        return api(room.admin(), "/api/v1/windows/" + window.get(room.schoolId()).id() + "/relationships/" + RELATIONSHIP);
    }

    JsonNode ownReport(Fixtures.StaffRoom room, StaffMember teacher) throws Exception {
        return api(fixtures.staffUser(teacher.email()),
                "/api/v1/windows/" + window.get(room.schoolId()).id() + "/teachers/" + teacher.id() + "/report");
    }

    /** What the teacher reads as their own result on the chart's part, in their own report. */
    double ownResult(Fixtures.StaffRoom room, StaffMember teacher, String chart) throws Exception {
        return ReidentificationAttackTest.row(ownReport(room, teacher), chart, "You").get("estimate").asDouble();
    }

    JsonNode api(StaffUser viewer, String path) throws Exception {
        var r = mvc.perform(get(path).with(user(viewer))).andReturn().getResponse();
        assertThat(r.getStatus()).as(path).isEqualTo(200);
        return json.readTree(r.getContentAsString(StandardCharsets.UTF_8));
    }
}
