package org.rapport.app.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.calibration.Scale;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.response.Responses;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.JsonApi;
import org.rapport.app.support.StatementCounter;
import org.rapport.app.support.Uploads;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two records of one teacher, each with their pupils' answers in a window of its own, on a password-only server (its
 * own context: an account nobody set a password for has never been signed in to). Neither can be merged into the
 * other, in either direction: each holds results private to the person who signs in with it, and a merge would hand
 * one's to the other's sign-in (finding F1: "never used" is not "holds nothing"). Both stay, every teacher's result as
 * it was; a team shown with one of them and not the other is a reason of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import({Fixtures.class, StatementCounter.class})
class PeopleMergeHistoryTest {
    private static final Path DATA = AppTest.newDataDir();
    static final int TEACHERS = 10;
    static final int PUPILS = 16;
    static final Scale SCALE = new Scale(Relationship.PUPIL_TEACHER, null);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppTest.register(registry, DATA);
        registry.add("rapport.oidc.issuer", () -> "");
    }

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ObjectMapper json;
    @Autowired
    Schools schools;
    @Autowired
    WindowService windowService;
    @Autowired
    CalibrationService calibrations;
    @Autowired
    MeasureService measures;
    @Autowired
    Responses responses;
    @Autowired
    UserDetailsService users;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    final HttpClient http = HttpClient.newHttpClient();

    /** Every class answers around a level of its own; one pupil of class 1 writes about its teacher. */
    void answer(Fixtures.StaffRoom room, SurveyWindow window, Random random, long firstTeacher, String comment) {
        for (long classId : room.classes()) {
            double level = 2 + 0.7 * random.nextGaussian();
            boolean first = classId == room.classes().get(0);
            List<String> codes = fixtures.codes(window, RespondentRole.PUPIL, classId);
            for (int i = 0; i < codes.size(); i++) {
                fixtures.answerAround(codes.get(i), level + 0.5 * random.nextGaussian(), random,
                        first && i == 0 ? Map.of("PUPIL_TEACHER@" + firstTeacher, comment) : Map.of());
            }
        }
        windowService.close(window);
    }

    Map<Long, Double> teacherResults(long network, SurveyWindow window) {
        Map<Long, Double> out = new HashMap<>();
        measures.wave(network, window.name()).orElseThrow().results().get(SCALE).forEach((key, result) -> {
            if (key.kind() == GroupKey.Kind.TEACHER && result.shown()) {
                out.put(key.id(), result.measure().estimate());
            }
        });
        return out;
    }

    /**
     * Uploads the school's roster again with Teacher 1 under a new id (N1) and address, teaching class 1, and the old
     * record left out of the staff list; with {@code teamSize > 0} teams of that many, N1 in the last team. Answers
     * the new address.
     */
    String newRecordOfTeacherOne(Fixtures.StaffRoom room, List<StaffMember> staff, StaffMember first, int teamSize) throws Exception {
        String newEmail = "teacher1.new-" + room.schoolId() + "@test.example";
        StringBuilder staffFile = new StringBuilder("staff_id,name,email,role,team\n");
        StringBuilder rosterFile = new StringBuilder("class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n");
        for (StaffMember m : staff) {
            boolean one = m.id() == first.id();
            String team = "";
            if (teamSize > 0 && m.ref().startsWith("T")) {
                int t = one ? TEACHERS : Integer.parseInt(m.ref().substring(1));
                team = "Team " + ((t - 1) / teamSize + 1);
            }
            staffFile.append(one ? "N1" : m.ref()).append(',').append(m.name()).append(',').append(one ? newEmail : m.email()).append(',')
                    .append(m.leader() ? "leader" : "teacher").append(',').append(team).append('\n');
            if (m.ref().startsWith("T")) {
                rosterFile.append("C").append(m.ref().substring(1)).append(",Class ").append(m.ref().substring(1)).append(",8,").append(PUPILS)
                        .append(',').append(one ? "N1" : m.ref()).append(',').append(m.name()).append(',').append(one ? newEmail : m.email()).append(",\n");
            }
        }
        Uploads.Answer up = new Uploads(json, port).roster(room.admin().email(), room.schoolId(), rosterFile.toString(), staffFile.toString());
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        return newEmail;
    }

    /** The same teachers with the same results (a wave rebuilt adds in another order: the last bits may differ). */
    static void same(Map<Long, Double> actual, Map<Long, Double> expected, String what) {
        assertThat(actual.keySet()).as(what).isEqualTo(expected.keySet());
        expected.forEach((teacher, points) -> assertThat(actual.get(teacher)).as(what + ": teacher " + teacher)
                .isCloseTo(points, org.assertj.core.data.Offset.offset(1e-9)));
    }

    @Test
    void twoRecordsOfOneTeacherEachWithTheirOwnResultsStayTwoWithTheirResultsAsTheyWere() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("PeopleMergeHistoryTest seed " + seed);
        Random random = new Random(seed);
        long network = fixtures.network();
        int[] sizes = new int[TEACHERS];
        java.util.Arrays.fill(sizes, PUPILS);
        Fixtures.StaffRoom room = fixtures.staffRoom(network, sizes, 0);
        // a second school of the network, its teachers in two teams of five
        Fixtures.StaffRoom teams = fixtures.staffRoom(network, sizes, 5);
        List<StaffMember> staff = schools.staff(room.schoolId());
        List<StaffMember> teamStaff = schools.staff(teams.schoolId());
        StaffMember first = staff.stream().filter(m -> "T1".equals(m.ref())).findFirst().orElseThrow();
        StaffMember teamFirst = teamStaff.stream().filter(m -> "T1".equals(m.ref())).findFirst().orElseThrow();
        SurveyWindow spring = fixtures.openWindow(room.schoolId());
        SurveyWindow teamSpring = fixtures.openWindow(teams.schoolId());
        answer(room, spring, random, first.id(), "Spring: you explain things well");
        answer(teams, teamSpring, random, teamFirst.id(), "Spring");

        // the school system's export came in before records were matched by e-mail: Teacher 1 under a new id and address,
        // teaching class 1; the old record left the staff list (in the second school, the new record in Team 2, the old
        // one still in Team 1)
        String newEmail = newRecordOfTeacherOne(room, staff, first, 0);
        String teamNewEmail = newRecordOfTeacherOne(teams, teamStaff, teamFirst, 5);
        StaffMember second = schools.staff(room.schoolId()).stream().filter(m -> newEmail.equals(m.email())).findFirst().orElseThrow();
        StaffMember teamSecond = schools.staff(teams.schoolId()).stream().filter(m -> teamNewEmail.equals(m.email())).findFirst().orElseThrow();
        SurveyWindow summer = fixtures.openWindow(room.schoolId());
        SurveyWindow teamSummer = fixtures.openWindow(teams.schoolId());
        answer(room, summer, random, second.id(), "Summer: thank you for the trip");
        answer(teams, teamSummer, random, teamSecond.id(), "Summer");
        calibrations.calibrate(network, spring.name());

        // in the second school, summer's Team 1 was shown with the old record (no answers then) and without the new one,
        // whose answers they were: merged, the ledger would say that team had held them, and the leaders, who saw Team 1
        // without them, would read the new record's result as Team 1 now less Team 1 then
        Map<GroupKey, GroupResult> teamResults = measures.wave(network, summer.name()).orElseThrow().results().get(SCALE);
        assertThat(teamResults.entrySet().stream().filter(e -> e.getKey().kind() == GroupKey.Kind.TEAM && e.getValue().shown()).count())
                .as("both teams shown").isEqualTo(2);
        JsonNode refused = JsonApi.expect(http, json, port, "POST", "/api/v1/schools/" + teams.schoolId() + "/people/" + teamSecond.id()
                + "/merge/preview", Map.of("into", teamFirst.id()), teams.admin(), 200);
        assertThat(refused.get("refusals").toString()).contains("In " + summer.name() + " a team was shown with one of them and without the other");
        assertThat(refused.has("confirm")).isFalse();

        Map<Long, Double> springBefore = teacherResults(network, spring);
        Map<Long, Double> summerBefore = teacherResults(network, summer);
        assertThat(springBefore).as("both schools' teachers").containsKey(first.id()).hasSize(2 * TEACHERS);
        assertThat(summerBefore).containsKey(second.id()).doesNotContainKey(first.id()).hasSize(2 * TEACHERS);

        StaffUser head = room.admin();
        String path = "/api/v1/schools/" + room.schoolId() + "/people/" + second.id() + "/merge";
        Map<String, Object> body = Map.of("into", first.id(), "keepId", "from");
        // closed windows can be reopened until their results are first looked at or calibrated: no merge until then
        // (spring, calibrated, is settled)
        JsonNode reopenable = JsonApi.expect(http, json, port, "POST", path + "/preview", body, head, 200);
        assertThat(reopenable.get("refusals").toString()).contains("Window " + summer.name() + " is closed but can still be reopened")
                .doesNotContain("Window " + spring.name() + " is closed but can still be reopened");
        for (SurveyWindow w : List.of(spring, summer)) {
            JsonApi.expect(http, json, port, "GET", "/api/v1/windows/" + w.id() + "/report", null, head, 200);
        }
        // both records hold their own pupils' feedback: merged, one's would reach the other's sign-in, and nothing shows the
        // two are one person; so they stay two, each with its results as they were
        JsonNode preview = JsonApi.expect(http, json, port, "POST", path + "/preview", body, head, 200);
        assertThat(preview.get("refusals").toString()).as(preview.toString()).contains("holds results private to Teacher 1")
                .doesNotContain("can still be reopened");
        assertThat(preview.has("confirm") && !preview.get("confirm").isNull()).isFalse();
        JsonApi.assertProblem(JsonApi.call(http, json, port, "POST", path, Map.of("into", first.id(), "keepId", "from", "confirm",
                "0123456789abcdef01234567"), head), 409, "confirm", "holds results private to Teacher 1");
        JsonNode otherWay = JsonApi.expect(http, json, port, "POST", "/api/v1/schools/" + room.schoolId() + "/people/" + first.id() + "/merge/preview",
                Map.of("into", second.id()), head, 200);
        assertThat(otherWay.get("refusals").toString()).contains("holds results private to Teacher 1");

        assertThat(schools.findStaff(second.id())).isPresent();
        assertThat(responses.about(first.id()).windows()).containsExactly(spring.id());
        assertThat(responses.about(second.id()).windows()).containsExactly(summer.id());
        same(teacherResults(network, spring), springBefore, "spring, as it was");
        same(teacherResults(network, summer), summerBefore, "summer, as it was");
        assertThat(users.loadUserByUsername(newEmail)).isNotNull();
    }
}
