package org.rapport.app.school;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.safeguarding.Safeguarding;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.JsonApi;
import org.rapport.app.support.Uploads;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The first admin is a person of their school, and a roster row with an existing account's e-mail adopts that
 * account instead of being refused (issue 23): the head of a school set up on its own gets a leader code and can
 * be its safeguarding lead; a OneRoster export after a CSV roster keeps everyone's account; a network admin on a
 * school's staff list joins it, and leaves it (still a network admin) when left out. An account of another school
 * or network is refused on its own file and line.
 */
class AccountAdoptionTest extends ApiTest {
    static final String ROSTER = "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n";
    @Autowired
    AccountLinks links;
    @Autowired
    Schools schools;
    @Autowired
    Windows windows;
    @Autowired
    Safeguarding safeguarding;
    @Autowired
    UserDetailsService users;

    Uploads uploads() {
        return new Uploads(json, port);
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    StaffUser user(String email) {
        return (StaffUser) users.loadUserByUsername(email);
    }

    StaffMember member(long schoolId, String email) {
        return schools.staff(schoolId).stream().filter(m -> m.email().equalsIgnoreCase(email)).findFirst().orElseThrow();
    }

    @Test
    void theHeadOfASchoolSetUpOnItsOwnIsALeaderOnItsStaffWhoStillRunsTheNetwork() throws Exception {
        String tag = tag();
        String head = "head-" + tag + "@elm.example";
        JsonNode done = JsonApi.expect(http, json, port, "POST", "/api/v1/setup", Map.of("token", links.newSetupToken(), "school", "Elm " + tag,
                "name", "Pat Elm", "email", head, "password", Fixtures.PASSWORD), null, 201);
        long schoolId = schools.inNetwork(done.get("networkId").asLong()).get(0).id();
        StaffUser pat = user(head);
        assertThat(pat.isNetworkAdmin()).as("still the network's admin").isTrue();
        assertThat(pat.schoolId()).as("and a person of the school").isEqualTo(schoolId);
        assertThat(member(schoolId, head).leader()).isTrue();

        // the staff file lists the head with a staff id: their account takes it (it used to be refused, "roster, line 0")
        String deputy = "deputy-" + tag + "@elm.example";
        String teacher = "t-" + tag + "@elm.example";
        Uploads.Answer imported = uploads().roster(head, schoolId, ROSTER + "5A,Year 5 A,5,20,T1,Mr Teach," + teacher + ",\n",
                "staff_id,name,email,role\nH1,Pat Elm," + head + ",leader\nD1,Dee Puty," + deputy + ",leader\nT1,Mr Teach," + teacher + ",teacher\n");
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        StaffMember adopted = member(schoolId, head);
        assertThat(adopted.id()).as("the same account").isEqualTo(pat.id());
        assertThat(adopted.ref()).isEqualTo("H1");
        assertThat(adopted.role()).isEqualTo("NETWORK_ADMIN");
        assertThat(adopted.leader()).isTrue();
        assertThat(schools.staff(schoolId)).hasSize(3);

        // a leader code each for the head and the deputy; the head can be the safeguarding lead
        JsonApi.expect(http, json, port, "POST", "/api/v1/schools/" + schoolId + "/windows", Map.of("name", "Autumn " + tag), pat, 201);
        SurveyWindow window = windows.forSchool(schoolId).get(0);
        assertThat(fixtures.codes(window, RespondentRole.LEADER, null)).hasSize(2);
        assertThat(fixtures.codes(window, RespondentRole.TEACHER, null)).hasSize(1);
        safeguarding.setLeads(user(head), schoolId, List.of(pat.id()));
        assertThat(safeguarding.leads(user(head), schoolId)).filteredOn(Safeguarding.Lead::lead).extracting(Safeguarding.Lead::id)
                .containsExactly(pat.id());
        // and still manages the network's settings
        JsonApi.expect(http, json, port, "PUT", "/api/v1/network/sign-in", Map.of("passwordSignIn", true), user(head), 200);
        // the same files again change nothing
        assertThat(uploads().roster(head, schoolId, ROSTER + "5A,Year 5 A,5,20,T1,Mr Teach," + teacher + ",\n",
                "staff_id,name,email,role\nH1,Pat Elm," + head + ",leader\nD1,Dee Puty," + deputy + ",leader\nT1,Mr Teach," + teacher + ",teacher\n")
                .status()).isEqualTo(200);
        assertThat(member(schoolId, head).ref()).isEqualTo("H1");
    }

    @Test
    void aOneRosterExportAfterACsvRosterAdoptsEveryoneByEMailKeepingTheirAccounts() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        String head = school.admin().email();
        byte[] bundle = Uploads.oneRoster(List.of(
                new Uploads.Person("u-head", "Ruth", "Cole", head, "administrator"),
                new Uploads.Person("u-a", "Amara", "Okafor", school.teacherA().email(), "teacher"),
                new Uploads.Person("u-b", "Ben", "Hughes", school.teacherB().email(), "teacher")),
                List.of(new Uploads.OneClass("c-7a", "7A English", List.of("u-a"), 6), new Uploads.OneClass("c-7b", "7B Maths", List.of("u-b"), 5)));
        Uploads.Answer r = uploads().bundle(head, school.schoolId(), "", bundle);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(schools.staff(school.schoolId())).extracting(StaffMember::id, StaffMember::ref, StaffMember::active).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(school.admin().id(), "u-head", true),
                org.assertj.core.groups.Tuple.tuple(school.teacherA().id(), "u-a", true),
                org.assertj.core.groups.Tuple.tuple(school.teacherB().id(), "u-b", true));
        assertThat(r.body().get("staffDeactivated").asInt()).isZero();
        assertThat(schools.teaching(school.schoolId())).extracting(Schools.TeachingRow::teacher).containsExactlyInAnyOrder("Amara Okafor", "Ben Hughes");
        assertThat(user(head).isSchoolAdmin()).as("an administrator stays a school admin").isTrue();
    }

    @Test
    void anEMailOfAnotherSchoolOrAnotherNetworkIsRefusedOnItsOwnFileAndLine() throws Exception {
        long network = fixtures.network();
        Fixtures.SchoolSetup school = fixtures.school(network);
        Fixtures.SchoolSetup neighbour = fixtures.school(network);
        Fixtures.SchoolSetup elsewhere = fixtures.school(fixtures.network());
        String head = school.admin().email();
        String staff = "staff_id,name,email,role\nH1,Dr Ruth Cole," + head + ",leader\nA,Ms Amara Okafor," + school.teacherA().email()
                + ",teacher\nB,Mr Ben Hughes," + school.teacherB().email() + ",teacher\nN1,Mx New,%s,teacher\n";
        String roster = ROSTER + "7A,Year 7 A,7,5,A,Ms Amara Okafor," + school.teacherA().email() + ",English\n";

        Uploads.Answer other = uploads().roster(head, school.schoolId(), roster, staff.formatted(elsewhere.teacherA().email()));
        assertThat(other.status()).as(other.text()).isEqualTo(400);
        JsonNode e = other.body().get("errors");
        assertThat(e).hasSize(1);
        assertThat(e.get(0).get("file").asText()).isEqualTo("staff");
        assertThat(e.get(0).get("line").asInt()).isEqualTo(5);
        assertThat(e.get(0).get("message").asText()).contains(elsewhere.teacherA().email(), "already belongs to another account")
                .doesNotContain(schools.find(elsewhere.schoolId()).orElseThrow().name());

        Uploads.Answer sibling = uploads().roster(head, school.schoolId(), roster, staff.formatted(neighbour.teacherB().email()));
        assertThat(sibling.status()).as(sibling.text()).isEqualTo(400);
        assertThat(sibling.body().get("errors").get(0).get("line").asInt()).isEqualTo(5);
        assertThat(sibling.body().get("errors").get(0).get("message").asText())
                .contains("on the staff of " + schools.find(neighbour.schoolId()).orElseThrow().name());
        assertThat(member(neighbour.schoolId(), neighbour.teacherB().email()).active()).as("the neighbour's teacher is untouched").isTrue();

        // in a OneRoster export too: users.csv, the person's line
        byte[] bundle = Uploads.oneRoster(List.of(new Uploads.Person("u-head", "Ruth", "Cole", head, "administrator"),
                new Uploads.Person("u-x", "Xan", "Other", elsewhere.admin().email(), "teacher")),
                List.of(new Uploads.OneClass("c-1", "Class 1", List.of("u-x"), 3)));
        Uploads.Answer fromExport = uploads().bundle(head, school.schoolId(), "", bundle);
        assertThat(fromExport.status()).as(fromExport.text()).isEqualTo(400);
        assertThat(fromExport.body().get("errors").get(0).get("file").asText()).isEqualTo("users.csv");
        assertThat(fromExport.body().get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(schools.staff(school.schoolId())).extracting(StaffMember::ref).containsExactlyInAnyOrder("H1", "A", "B");
    }

    @Test
    void aNetworkAdminOnASchoolsStaffListJoinsItsStaffAndLeavesItStillANetworkAdminWhenLeftOut() throws Exception {
        long network = fixtures.network();
        Fixtures.SchoolSetup school = fixtures.school(network);
        StaffUser exec = fixtures.networkAdmin(network);
        String head = school.admin().email();
        String roster = ROSTER + "7A,Year 7 A,7,5,A,Ms Amara Okafor," + school.teacherA().email() + ",English\n";
        String staff = "staff_id,name,email,role\nH1,Dr Ruth Cole," + head + ",leader\nA,Ms Amara Okafor," + school.teacherA().email() + ",teacher\n";

        Uploads.Answer joined = uploads().roster(head, school.schoolId(), roster, staff + "X1,Exec Head," + exec.email() + ",leader\n");
        assertThat(joined.status()).as(joined.text()).isEqualTo(200);
        StaffMember member = member(school.schoolId(), exec.email());
        assertThat(member.id()).isEqualTo(exec.id());
        assertThat(member.role()).isEqualTo("NETWORK_ADMIN");
        assertThat(member.leader()).isTrue();
        assertThat(user(exec.email()).onStaffOf(school.schoolId())).isTrue();

        Uploads.Answer left = uploads().roster(head, school.schoolId(), roster, staff);
        assertThat(left.status()).as(left.text()).isEqualTo(200);
        assertThat(schools.staff(school.schoolId())).extracting(StaffMember::email).doesNotContain(exec.email());
        StaffUser after = user(exec.email());
        assertThat(after.isNetworkAdmin()).isTrue();
        assertThat(after.active()).as("a school's roster never switches a network admin off").isTrue();
        assertThat(after.schoolId()).isNull();
        JsonApi.expect(http, json, port, "GET", "/api/v1/network/sign-in", null, after, 200);
    }
}
