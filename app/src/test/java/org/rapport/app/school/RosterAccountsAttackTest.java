package org.rapport.app.school;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The roster attacks an outside test found, made over HTTP as a head or a network admin makes them:
 * a leader demoted or removed in the staff file kept their admin rights, and a roster could move any
 * account (its password and private data) to another e-mail address. Each test states its attack; each
 * failed on the code before the fix.
 *
 * <p>The school: the head (staff id H1, school admin), teachers A and B (7A: A and B, 7B: B), each with a password.
 */
class RosterAccountsAttackTest extends ApiTest {
    static final String ROSTER_HEADER = "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n";
    @Autowired
    JdbcClient jdbc;

    Fixtures.SchoolSetup school;
    String head;
    String a;
    String b;

    @BeforeEach
    void aSchool() {
        school = fixtures.school(fixtures.network());
        head = school.admin().email();
        a = school.teacherA().email();
        b = school.teacherB().email();
    }

    // requests as a client makes them: Basic authentication with the account's e-mail and password

    HttpResponse<String> send(String method, String path, String email, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((email + ":" + Fixtures.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)));
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a survey window of the school as {@code email}: 201 for a school admin. */
    int createWindow(String email) throws Exception {
        return send("POST", "/api/v1/schools/" + school.schoolId() + "/windows", email, "application/json",
                ("{\"name\":\"Window " + UUID.randomUUID().toString().substring(0, 6) + "\"}").getBytes(StandardCharsets.UTF_8)).statusCode();
    }

    /** Any signed-in request: 401 when the e-mail and password sign nobody in. */
    int signIn(String email) throws Exception {
        return send("GET", "/api/v1/schools/" + school.schoolId() + "/windows", email, null, null).statusCode();
    }

    HttpResponse<String> upload(String email, String path, Map<String, String> parts) throws Exception {
        String boundary = "----rapport" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> p : parts.entrySet()) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.getKey() + "\"; filename=\"" + p.getKey()
                    + ".csv\"\r\nContent-Type: text/csv\r\n\r\n" + p.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, email, "multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    HttpResponse<String> uploadRoster(String email, String roster, String staff) throws Exception {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("roster", roster);
        if (staff != null) {
            parts.put("staff", staff);
        }
        return upload(email, "/api/v1/schools/" + school.schoolId() + "/roster", parts);
    }

    HttpResponse<String> uploadBundle(String email, byte[] zip) throws Exception {
        String boundary = "----rapport" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\"oneroster.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(zip);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", "/api/v1/schools/" + school.schoolId() + "/roster/oneroster", email, "multipart/form-data; boundary=" + boundary,
                out.toByteArray());
    }

    /** The fixture's roster, with A's and B's e-mails as given. */
    static String roster(String emailA, String emailB) {
        return ROSTER_HEADER
                + "7A,Year 7 A,7,5,A,Ms Amara Okafor," + emailA + ",English\n"
                + "7A,Year 7 A,7,5,B,Mr Ben Hughes," + emailB + ",Maths\n"
                + "7B,Year 7 B,7,5,B,Mr Ben Hughes," + emailB + ",Maths\n";
    }

    /** A staff file with the head as a leader and A and B with these roles (null: left out of the file). */
    String staff(String headRole, String roleA, String roleB) {
        StringBuilder s = new StringBuilder("staff_id,name,email,role\n");
        if (headRole != null) {
            s.append("H1,Dr Ruth Cole,").append(head).append(',').append(headRole).append('\n');
        }
        if (roleA != null) {
            s.append("A,Ms Amara Okafor,").append(a).append(',').append(roleA).append('\n');
        }
        if (roleB != null) {
            s.append("B,Mr Ben Hughes,").append(b).append(',').append(roleB).append('\n');
        }
        return s.toString();
    }

    String emailOf(StaffUser user) {
        return jdbc.sql("select email from staff where id = ?").param(user.id()).query(String.class).single();
    }

    // 1. a demoted or removed leader kept their admin rights

    @Test
    void aLeaderDemotedToTeacherInTheStaffFileLosesTheSchoolAdminsRights() throws Exception {
        assertThat(uploadRoster(head, roster(a, b), staff("leader", "teacher", "leader")).statusCode()).isEqualTo(200);
        assertThat(createWindow(b)).as("promoted: B is a school admin").isEqualTo(201);

        HttpResponse<String> demote = uploadRoster(head, roster(a, b), staff("leader", "teacher", "teacher"));
        assertThat(demote.statusCode()).as(demote.body()).isEqualTo(200);
        assertThat(createWindow(b)).as("demoted: B may no longer create windows").isEqualTo(403);
        assertThat(uploadRoster(b, roster(a, b), staff("leader", "teacher", "leader")).statusCode())
                .as("nor upload a roster that makes them a leader again").isEqualTo(403);
        assertThat(signIn(b)).as("B still signs in, as a teacher").isEqualTo(200);
        assertThat(jdbc.sql("select role || ' ' || is_leader from staff where id = ?").param(school.teacherB().id()).query(String.class).single())
                .isEqualTo("TEACHER false");
    }

    @Test
    void aPersonLeftOutOfTheStaffFileCanNoLongerSignInButTheirAccountIsKept() throws Exception {
        assertThat(uploadRoster(head, roster(a, b), staff("leader", "teacher", "leader")).statusCode()).isEqualTo(200);
        String withoutB = ROSTER_HEADER + "7A,Year 7 A,7,5,A,Ms Amara Okafor," + a + ",English\n";

        HttpResponse<String> removed = uploadRoster(head, withoutB, staff("leader", "teacher", null));
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(createWindow(b)).as("the removed leader creates no window").isEqualTo(401);
        assertThat(signIn(b)).as("and cannot sign in at all").isEqualTo(401);
        assertThat(jdbc.sql("select active from staff where id = ?").param(school.teacherB().id()).query(Boolean.class).single())
                .as("the account is kept, inactive, for the school's history").isFalse();

        // a teacher left out goes the same way
        String onlyTheHead = ROSTER_HEADER + "7A,Year 7 A,7,5,H1,Dr Ruth Cole," + head + ",English\n";
        assertThat(uploadRoster(head, onlyTheHead, staff("leader", null, null)).statusCode()).isEqualTo(200);
        assertThat(signIn(a)).isEqualTo(401);
        assertThat(signIn(head)).isEqualTo(200);

        // back in a later file: active again, with the file's role
        assertThat(uploadRoster(head, roster(a, b), staff("leader", "teacher", "teacher")).statusCode()).isEqualTo(200);
        assertThat(signIn(b)).isEqualTo(200);
        assertThat(createWindow(b)).isEqualTo(403);
    }

    @Test
    void aRosterWithoutAStaffFileChangesNobodysRoleAndRemovesNobody() throws Exception {
        assertThat(uploadRoster(head, roster(a, b), staff("leader", "teacher", "leader")).statusCode()).isEqualTo(200);
        String onlyA = ROSTER_HEADER + "7A,Year 7 A,7,5,A,Ms Amara Okafor," + a + ",English\n"
                + "7B,Year 7 B,7,5,B,Mr Ben Hughes," + b + ",Maths\n";
        assertThat(uploadRoster(head, onlyA, null).statusCode()).isEqualTo(200);
        assertThat(createWindow(b)).as("a teaching leader stays a leader").isEqualTo(201);
        assertThat(signIn(head)).as("the head, in no roster row, stays").isEqualTo(200);
        assertThat(jdbc.sql("select is_leader from staff where id = ?").param(school.teacherB().id()).query(Boolean.class).single()).isTrue();
    }

    @Test
    void aSchoolAdminCannotDemoteOrRemoveThemself() throws Exception {
        HttpResponse<String> demoted = uploadRoster(head, roster(a, b), staff("teacher", "teacher", "leader"));
        assertThat(demoted.statusCode()).as(demoted.body()).isEqualTo(400);
        assertThat(demoted.body()).contains("\"line\":2").contains("your own account").contains(head);
        HttpResponse<String> removed = uploadRoster(head, roster(a, b), staff(null, "leader", "leader"));
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(400);
        assertThat(removed.body()).contains("your own account").contains(head);
        assertThat(createWindow(head)).as("nothing was imported: the head is still an admin").isEqualTo(201);
        assertThat(createWindow(b)).as("and B was not made one").isEqualTo(403);
    }

    @Test
    void noUploadLeavesTheSchoolWithoutAnActiveSchoolAdmin() throws Exception {
        StaffUser network = fixtures.networkAdmin(school.networkId());
        HttpResponse<String> r = uploadRoster(network.email(), roster(a, b), staff("teacher", "teacher", "teacher"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("no active school admin");
        assertThat(uploadRoster(network.email(), roster(a, b), staff(null, "teacher", "teacher")).statusCode()).isEqualTo(400);
        assertThat(createWindow(head)).isEqualTo(201);

        // a network admin may hand the school to another leader; the network admin's own account is no school's to touch
        HttpResponse<String> handedOver = uploadRoster(network.email(), roster(a, b), staff("teacher", "leader", "teacher"));
        assertThat(handedOver.statusCode()).as(handedOver.body()).isEqualTo(200);
        assertThat(createWindow(a)).isEqualTo(201);
        assertThat(createWindow(head)).isEqualTo(403);
        assertThat(createWindow(network.email())).isEqualTo(201);
        assertThat(jdbc.sql("select active from staff where id = ?").param(network.id()).query(Boolean.class).single()).isTrue();
    }

    // the same through a OneRoster bundle

    byte[] bundle(Map<String, String> users) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("orgs.csv", "sourcedId,name,type\ns-01,Hillside,school\n");
        files.put("classes.csv", "sourcedId,title,schoolSourcedId,grades,subjects\n7A,Year 7 A,s-01,07,English\n");
        StringBuilder u = new StringBuilder("sourcedId,givenName,familyName,email,role,orgSourcedIds\n");
        StringBuilder e = new StringBuilder("classSourcedId,userSourcedId,role\n7A,p1,student\n7A,p2,student\n");
        u.append("p1,Pupil,One,,student,s-01\np2,Pupil,Two,,student,s-01\n");
        users.forEach((id, line) -> {
            u.append(id).append(',').append(line).append('\n');
            if (line.endsWith(",teacher,s-01")) {
                e.append("7A,").append(id).append(",teacher\n");
            }
        });
        files.put("users.csv", u.toString());
        files.put("enrollments.csv", e.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void aOneRosterBundleDecidesRolesAndWhoStaysToo() throws Exception {
        Map<String, String> users = new LinkedHashMap<>();
        users.put("H1", "Ruth,Cole," + head + ",administrator,s-01");
        users.put("A", "Amara,Okafor," + a + ",teacher,s-01");
        users.put("B", "Ben,Hughes," + b + ",administrator,s-01");
        assertThat(uploadBundle(head, bundle(users)).statusCode()).isEqualTo(200);
        assertThat(createWindow(b)).isEqualTo(201);

        users.put("B", "Ben,Hughes," + b + ",teacher,s-01");
        users.remove("A");
        HttpResponse<String> r = uploadBundle(head, bundle(users));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(createWindow(b)).as("demoted by the bundle").isEqualTo(403);
        assertThat(signIn(a)).as("not in the bundle: inactive").isEqualTo(401);

        users.put("H1", "Ruth,Cole," + head + ",teacher,s-01");
        HttpResponse<String> self = uploadBundle(head, bundle(users));
        assertThat(self.statusCode()).as(self.body()).isEqualTo(400);
        assertThat(self.body()).contains("your own account");
    }

    // 2. a roster moved an account to another e-mail address

    @Test
    void aHeadCannotMoveATeachersAccountToAnAddressOfTheirOwn() throws Exception {
        String attacker = "a.new-" + school.tag() + "@attacker.example";
        HttpResponse<String> r = uploadRoster(head, roster(attacker, b), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("cannot be changed by a roster upload").contains("Ms Amara Okafor");
        assertThat(emailOf(school.teacherA())).isEqualTo(a);
        assertThat(signIn(attacker)).as("A's password does not sign in at the attacker's address").isEqualTo(401);
        assertThat(signIn(a)).as("A still signs in with their own address").isEqualTo(200);
    }

    @Test
    void aLookAlikeLetterDoesNotPassForTheSameAddress() throws Exception {
        // dotless ı and long ſ compare equal to i and s when case is ignored, yet they are other mailboxes, other domains
        for (String lookAlike : new String[] {a.replace("test.example", "teſt.example"), a.replace("a-", "\u0430-"),
                a.replace("example", "exampl\u0435"), a.replace("test", "tes\u0074\u0131")}) {
            HttpResponse<String> r = uploadRoster(head, roster(lookAlike, b), null);
            assertThat(r.statusCode()).as(lookAlike + ": " + r.body()).isEqualTo(400);
            assertThat(r.body()).contains("plain ASCII");
        }
        String dotless = "a-" + school.tag() + "@\u0131test.example";
        assertThat(uploadRoster(head, roster(dotless, b), null).statusCode()).isEqualTo(400);
        assertThat(emailOf(school.teacherA())).isEqualTo(a);
        assertThat(signIn(a)).as("A still signs in with their own address").isEqualTo(200);
    }

    @Test
    void aNetworkAdminCannotMoveAHeadsAccountThroughTheStaffFile() throws Exception {
        StaffUser network = fixtures.networkAdmin(school.networkId());
        String attacker = "head-" + school.tag() + "@attacker.example";
        String staff = "staff_id,name,email,role\nH1,Dr Ruth Cole," + attacker + ",leader\nA,Ms Amara Okafor," + a
                + ",teacher\nB,Mr Ben Hughes," + b + ",teacher\n";
        HttpResponse<String> r = uploadRoster(network.email(), roster(a, b), staff);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("cannot be changed by a roster upload").contains("\"line\":2");
        assertThat(emailOf(school.admin())).isEqualTo(head);
        assertThat(signIn(attacker)).isEqualTo(401);
    }

    @Test
    void aOneRosterBundleCannotMoveAnAccountEither() throws Exception {
        Map<String, String> users = new LinkedHashMap<>();
        users.put("H1", "Ruth,Cole," + head + ",administrator,s-01");
        users.put("A", "Amara,Okafor,a-" + school.tag() + "@attacker.example,teacher,s-01");
        HttpResponse<String> r = uploadBundle(head, bundle(users));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("cannot be changed by a roster upload");
        assertThat(emailOf(school.teacherA())).isEqualTo(a);
    }

    @Test
    void anAccountThatNeverHadAPasswordIsNotMovedEitherWhileSingleSignOnIsOn() throws Exception {
        // T9 is new: no password, no invitation; but with single sign-on on, its owner may have signed in with it
        String first = "t9-" + school.tag() + "@hillcrest.example";
        String rows = ROSTER_HEADER + "9A,Year 9 A,9,5,T9,Mr Nine,%s,Maths\n";
        assertThat(uploadRoster(head, rows.formatted(first), null).statusCode()).isEqualTo(200);
        HttpResponse<String> r = uploadRoster(head, rows.formatted("t9-" + school.tag() + "@attacker.example"), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("cannot be changed by a roster upload");
        // the case of an address is no change: sign-in ignores it
        assertThat(uploadRoster(head, rows.formatted(first.toUpperCase()), null).statusCode()).isEqualTo(200);
    }
}
