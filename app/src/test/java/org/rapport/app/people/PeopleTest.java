package org.rapport.app.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.safeguarding.Safeguarding;
import org.rapport.app.school.OneRosterCsv;
import org.rapport.app.school.RosterService;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.JsonApi;
import org.rapport.app.support.Uploads;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * A school's people changed one by one through the API, as a school admin does: each action previewed first, done
 * only with the preview's confirmation, refused with its reasons, and logged; for the school's admins only. This
 * server has single sign-on on, so every account may have been signed in to: a person's own results never move to
 * another account here (a merge keeping two histories is {@code PeopleMergeHistoryTest}, on a password-only server).
 */
class PeopleTest extends ApiTest {
    static final String ROSTER = "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n";
    @Autowired
    Schools schools;
    @Autowired
    WindowService windowService;
    @Autowired
    Safeguarding safeguarding;
    @Autowired
    UserDetailsService users;
    @Autowired
    RosterService roster;

    String people(Fixtures.SchoolSetup school) {
        return "/api/v1/schools/" + school.schoolId() + "/people/";
    }

    StaffMember member(long staffId) {
        return schools.findStaff(staffId).orElseThrow();
    }

    @Test
    void aStaffIdChangesOnlyWithThePreviewsConfirmationAndIsLogged() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        String path = people(school) + school.teacherA().id() + "/staff-id";
        JsonNode preview = call("POST", path + "/preview", Map.of("newId", "T-01"), school.admin(), 200);
        assertThat(preview.get("refusals")).isEmpty();
        assertThat(preview.get("changes").toString()).contains("from A to T-01");
        String confirm = preview.get("confirm").asText();
        assertThat(member(school.teacherA().id()).ref()).as("a preview changes nothing").isEqualTo("A");

        JsonApi.assertProblem(JsonApi.call(http, json, port, "POST", path, Map.of("newId", "T-01"), school.admin()), 400, "confirm", "confirm");
        JsonApi.assertProblem(JsonApi.call(http, json, port, "POST", path, Map.of("newId", "T-02", "confirm", confirm), school.admin()), 409,
                "confirm", "changed since you checked");
        assertThat(member(school.teacherA().id()).ref()).isEqualTo("A");
        call("POST", path, Map.of("newId", "T-01", "confirm", confirm), school.admin(), 200);
        assertThat(member(school.teacherA().id()).ref()).isEqualTo("T-01");
        assertThat(call("POST", path, Map.of("newId", "T-01", "confirm", confirm), school.admin(), 400).toString())
                .as("the same again is nothing to do").contains("their staff id already");

        // another person's id is refused with the reason, and cannot be confirmed
        JsonNode taken = call("POST", path + "/preview", Map.of("newId", "B"), school.admin(), 200);
        assertThat(taken.has("confirm")).isFalse();
        assertThat(taken.get("refusals").get(0).asText()).contains("Staff id B is Mr Ben Hughes's", "merge them");
        JsonApi.assertProblem(JsonApi.call(http, json, port, "POST", path, Map.of("newId", "B", "confirm", confirm), school.admin()), 409, "confirm",
                "Staff id B");
        JsonApi.assertProblem(JsonApi.call(http, json, port, "POST", path + "/preview", Map.of("newId", "<T>"), school.admin()), 400, "newId",
                "letters, digits");

        JsonNode log = call("GET", people(school) + "changes", null, school.admin(), 200);
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("what").asText()).isEqualTo("STAFF_ID");
        assertThat(log.get(0).get("oldId").asText()).isEqualTo("A");
        assertThat(log.get(0).get("newId").asText()).isEqualTo("T-01");
        assertThat(log.get(0).get("by").asText()).isEqualTo("Dr Ruth Cole");
    }

    @Test
    void onlyTheSchoolsAdminsChangeItsPeopleAndOnlyItsOwn() throws Exception {
        long network = fixtures.network();
        Fixtures.SchoolSetup school = fixtures.school(network);
        Fixtures.SchoolSetup other = fixtures.school(network);
        String path = people(school) + school.teacherA().id() + "/retire/preview";
        call("POST", path, Map.of(), school.teacherB(), 403);
        call("POST", path, Map.of(), other.admin(), 403);
        call("POST", path, Map.of(), fixtures.networkAdmin(network), 200);
        // a person of another school, under this school's path: as if there were none
        call("POST", people(school) + other.teacherA().id() + "/retire/preview", Map.of(), school.admin(), 404);
        call("POST", people(school) + school.teacherA().id() + "/merge/preview", Map.of("into", other.teacherB().id()), school.admin(), 404);
        call("GET", people(school) + "changes", null, other.admin(), 403);
    }

    @Test
    void aRetiredTeacherNoLongerSignsInOrTeachesAndNobodyRetiresThemselvesOrTheLastAdmin() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        String path = people(school) + school.teacherB().id() + "/retire";
        JsonNode preview = call("POST", path + "/preview", Map.of(), school.admin(), 200);
        assertThat(preview.get("changes").toString()).contains("can no longer sign in", "Year 7 A and Year 7 B");
        call("POST", path, Map.of("confirm", preview.get("confirm").asText()), school.admin(), 200);
        assertThat(member(school.teacherB().id()).active()).isFalse();
        assertThat(schools.teachersOf(school.class2())).as("7B has no teacher listed now").isEmpty();
        call("GET", "/api/v1/network/sign-in", null, school.teacherB(), 401);
        assertThat(call("POST", path + "/preview", Map.of(), school.admin(), 200).get("refusals").toString()).contains("retired already");

        JsonNode self = call("POST", people(school) + school.admin().id() + "/retire/preview", Map.of(), school.admin(), 200);
        assertThat(self.get("refusals").toString()).contains("Nobody can retire themselves", "only active school admin");
        assertThat(self.has("confirm") && !self.get("confirm").isNull()).isFalse();
        assertThat(member(school.admin().id()).active()).isTrue();
    }

    @Test
    void aDuplicateRecordMergesIntoThePersonWithTheirClassesTeamLeadAndStaffId() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        String head = school.admin().email();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String second = "amara.okafor-" + tag + "@test.example";
        // the school system's record of Ms Okafor came in as another person, with another address, in a team, teaching 7B
        Uploads.Answer up = new Uploads(json, port).roster(head, school.schoolId(), ROSTER
                        + "7A,Year 7 A,7,5,A,Ms Amara Okafor," + school.teacherA().email() + ",English\n"
                        + "7B,Year 7 B,7,5,U-17,Amara Okafor," + second + ",English\n",
                "staff_id,name,email,role,team\nH1,Dr Ruth Cole," + head + ",leader,\nA,Ms Amara Okafor," + school.teacherA().email() + ",teacher,\n"
                        + "B,Mr Ben Hughes," + school.teacherB().email() + ",teacher,\nU-17,Amara Okafor," + second + ",teacher,English\n");
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        StaffMember duplicate = schools.staff(school.schoolId()).stream().filter(m -> m.email().equals(second)).findFirst().orElseThrow();
        safeguarding.setLeads(school.admin(), school.schoolId(), List.of(duplicate.id()));
        // (a window open, or closed and still open to reopening, refuses merges: PeopleWindowLifeTest)
        String path = people(school) + duplicate.id() + "/merge";
        Map<String, Object> body = Map.of("into", school.teacherA().id(), "keepId", "from");
        JsonNode preview = call("POST", path + "/preview", body, school.admin(), 200);
        assertThat(preview.get("refusals")).as(preview.toString()).isEmpty();
        assertThat(preview.get("changes").toString()).contains(second + ") is removed", "staff id U-17", "Year 7 B");
        assertThat(preview.get("into").get("id").asLong()).isEqualTo(school.teacherA().id());
        JsonNode done = call("POST", path, Map.of("into", school.teacherA().id(), "keepId", "from", "confirm", preview.get("confirm").asText()),
                school.admin(), 200);
        assertThat(done.get("action").asText()).isEqualTo("MERGE");

        StaffMember merged = member(school.teacherA().id());
        assertThat(merged.ref()).isEqualTo("U-17");
        assertThat(merged.email()).as("she signs in as before").isEqualTo(school.teacherA().email());
        assertThat(schools.findStaff(duplicate.id())).isEmpty();
        assertThatThrownBy(() -> users.loadUserByUsername(second)).isInstanceOf(UsernameNotFoundException.class);
        assertThat(schools.teachersOf(school.class2())).extracting(StaffMember::id).contains(school.teacherA().id());
        assertThat(schools.teams(school.schoolId())).containsEntry(school.teacherA().id(), "English");
        assertThat(safeguarding.leads(school.admin(), school.schoolId())).filteredOn(Safeguarding.Lead::lead).extracting(Safeguarding.Lead::id)
                .containsExactly(school.teacherA().id());
        JsonNode log = call("GET", people(school) + "changes", null, school.admin(), 200);
        assertThat(log.get(0).get("what").asText()).isEqualTo("MERGE");
        assertThat(log.get(0).get("person").asText()).isEqualTo("Ms Amara Okafor");
        assertThat(log.get(0).get("other").asText()).contains(second);

        // the school system's next export, under her new id and old address, is her again: nothing new
        Uploads.Answer again = new Uploads(json, port).roster(head, school.schoolId(), ROSTER
                        + "7A,Year 7 A,7,5,U-17,Ms Amara Okafor," + school.teacherA().email() + ",English\n",
                "staff_id,name,email,role\nH1,Dr Ruth Cole," + head + ",leader\nU-17,Ms Amara Okafor," + school.teacherA().email() + ",teacher\n"
                        + "B,Mr Ben Hughes," + school.teacherB().email() + ",teacher\n");
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(schools.staff(school.schoolId())).hasSize(3);
    }

    /**
     * An outside tester's finding: the merge preview counted the respondents who had answered about a teacher, live, so a
     * head who read it before and after a pupil sent their survey learnt whether that pupil answered about the teacher,
     * and it counted the teacher's own goals and views. Read again after one more pupil and a goal, it says the same.
     */
    @Test
    void aMergePreviewSaysTheSameAfterOnePupilMoreAnsweredAboutTheTeacher() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 8, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        Random random = new Random(29);
        System.out.println("seed 29");
        List<String> codes = fixtures.codes(window, RespondentRole.PUPIL, school.class1());
        for (String code : codes.subList(0, 4)) {
            fixtures.answerAroundALevel(code, random, Map.of());
        }
        String path = people(school) + school.teacherA().id() + "/merge/preview";
        JsonNode before = call("POST", path, Map.of("into", school.teacherB().id()), school.admin(), 200);
        assertThat(before.get("changes").toString()).contains(window.name()).doesNotContain(" 4 ", "(4", ": 4");

        fixtures.answerAroundALevel(codes.get(4), random, Map.of());
        call("POST", "/api/v1/goals", Map.of("relationship", "PUPIL_TEACHER", "facet", "", "plan", "Ask them more often",
                "baselineWindow", window.name(), "evaluationWindow", fixtures.plannedWindow(school.schoolId(), "Later").name()),
                school.teacherA(), 201);
        JsonNode after = call("POST", path, Map.of("into", school.teacherB().id()), school.admin(), 200);
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aMergeIsRefusedWhereHistoryWouldNotStayTrue() throws Exception {
        long network = fixtures.network();
        Fixtures.SchoolSetup school = fixtures.school(network);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        Random random = new Random(23);
        System.out.println("seed 23");
        // 7A's pupils answer about A and B
        for (String code : fixtures.codes(window, RespondentRole.PUPIL, school.class1())) {
            fixtures.answerAroundALevel(code, random, Map.of());
        }
        windowService.close(window);

        JsonNode both = call("POST", people(school) + school.teacherB().id() + "/merge/preview", Map.of("into", school.teacherA().id()),
                school.admin(), 200);
        assertThat(both.get("refusals").toString()).contains("Pupils answered about both Mr Ben Hughes and Ms Amara Okafor in " + window.name(),
                // B's pupils' feedback is B's: merged away, it would reach A's sign-in
                "holds results private to Mr Ben Hughes");
        assertThat(both.has("confirm") && !both.get("confirm").isNull()).isFalse();
        JsonApi.assertProblem(JsonApi.call(http, json, port, "POST", people(school) + school.teacherB().id() + "/merge",
                Map.of("into", school.teacherA().id(), "confirm", "0123456789abcdef01234567"), school.admin()), 409, "confirm", "Pupils answered about both");

        assertThat(call("POST", people(school) + school.admin().id() + "/merge/preview", Map.of("into", school.teacherA().id()), school.admin(), 200)
                .get("refusals").toString()).contains("Your own account cannot be the one merged away");
        StaffUser net = fixtures.networkAdmin(network);
        Uploads.Answer joined = new Uploads(json, port).roster(school.admin().email(), school.schoolId(), ROSTER
                        + "7A,Year 7 A,7,5,A,Ms Amara Okafor," + school.teacherA().email() + ",English\n",
                "staff_id,name,email,role\nH1,Dr Ruth Cole," + school.admin().email() + ",leader\nA,Ms Amara Okafor," + school.teacherA().email()
                        + ",teacher\nB,Mr Ben Hughes," + school.teacherB().email() + ",teacher\nN,Network admin," + net.email() + ",leader\n");
        assertThat(joined.status()).as(joined.text()).isEqualTo(200);
        assertThat(call("POST", people(school) + net.id() + "/merge/preview", Map.of("into", school.teacherA().id()), school.admin(), 200)
                .get("refusals").toString()).contains("one of the network's admins");
        call("POST", people(school) + school.teacherA().id() + "/merge/preview", Map.of("into", school.teacherA().id()), school.admin(), 400);
        call("POST", people(school) + school.teacherA().id() + "/merge/preview", Map.of("into", school.teacherB().id(), "keepId", "both"),
                school.admin(), 400);
        assertThat(schools.staff(school.schoolId())).hasSize(4);
    }

    @Test
    void aPersonsLineOfTheNamesFileGoesWithTheirNewStaffIdAndAMergeKeepsTheKeptIdsLine() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        // the school system's export replaces the CSV roster, with a names file of the names pupils see
        byte[] export = Uploads.oneRoster(List.of(
                        new Uploads.Person("u-head", "Ruth", "Cole", school.admin().email(), "administrator"),
                        new Uploads.Person("u-a", "Amara", "Okafor", school.teacherA().email(), "teacher"),
                        new Uploads.Person("u-b", "Ben", "Hughes", school.teacherB().email(), "teacher")),
                List.of(new Uploads.OneClass("c-7a", "7A English", List.of("u-a", "u-b"), 5)));
        byte[] names = "staff_id,name_for_pupils,team\nu-a,Ms Okafor,English\nu-b,Mr Hughes,\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        roster.importRoster(schools.find(school.schoolId()).orElseThrow(), OneRosterCsv.parse(export, null, OneRosterCsv.Teams.DEPARTMENT, names),
                school.admin());
        assertThat(schools.pupilNames(school.schoolId())).containsEntry("u-a", "Ms Okafor").containsEntry("u-b", "Mr Hughes");
        long c7a = schools.classes(school.schoolId()).stream().filter(c -> c.name().equals("7A English")).findFirst().orElseThrow().id();

        String path = people(school) + school.teacherA().id() + "/staff-id";
        JsonNode preview = call("POST", path + "/preview", Map.of("newId", "T-01"), school.admin(), 200);
        assertThat(preview.get("changes").toString()).contains("names file goes with them to T-01", "Ms Okafor", "English");
        call("POST", path, Map.of("newId", "T-01", "confirm", preview.get("confirm").asText()), school.admin(), 200);
        assertThat(schools.pupilNames(school.schoolId())).as("pupils still read her title").containsEntry("T-01", "Ms Okafor")
                .doesNotContainKey("u-a");
        assertThat(schools.teachersOf(c7a)).extracting(StaffMember::name).contains("Ms Okafor", "Mr Hughes");
        assertThat(schools.teams(school.schoolId())).containsEntry(school.teacherA().id(), "English");

        // B merged into A, A's staff id kept: A's line stays, B's id (nobody's now) loses its line
        String merge = people(school) + school.teacherB().id() + "/merge";
        JsonNode plan = call("POST", merge + "/preview", Map.of("into", school.teacherA().id()), school.admin(), 200);
        assertThat(plan.get("refusals")).as(plan.toString()).isEmpty();
        call("POST", merge, Map.of("into", school.teacherA().id(), "confirm", plan.get("confirm").asText()), school.admin(), 200);
        assertThat(schools.pupilNames(school.schoolId())).containsExactly(Map.entry("T-01", "Ms Okafor"));
        assertThat(schools.teachersOf(c7a)).extracting(StaffMember::name).containsExactly("Ms Okafor");
    }
}
