package org.rapport.app.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The OneRoster bundle of docs/examples/oneroster imported through the API, and bad bundles refused whole, by file, line and column. */
class OneRosterImportTest extends AppTest {
    static final Path EXAMPLE = Path.of("..", "docs", "examples", "oneroster");

    @Autowired
    Fixtures fixtures;
    @Autowired
    Onboarding onboarding;
    @Autowired
    Schools schools;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;

    School school;
    StaffUser admin;
    /** E-mail addresses are unique across the server, and the test database is shared: each test's staff get their own domain. */
    String domain;

    @BeforeEach
    void aNewSchool() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        domain = "oakfield-" + tag + ".example";
        Onboarding.NewSchool added = onboarding.addSchool(fixtures.network(), "Oakfield Primary " + tag,
                new Onboarding.NewAccount("Lee Park", "lee.park-" + tag + "@test.example"));
        school = added.school();
        admin = fixtures.staffUser(added.admin().email());
    }

    Map<String, String> example() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        for (String f : OneRosterCsv.FILES) {
            files.put(f, Files.readString(EXAMPLE.resolve(f)).replace("@oakfield.example", "@" + domain));
        }
        return files;
    }

    static byte[] zip(Map<String, String> files) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry("export/" + f.getKey()));
                z.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    MockHttpServletResponse upload(byte[] bundle, String org) throws Exception {
        var request = multipart("/api/v1/schools/" + school.id() + "/roster/oneroster")
                .file(new MockMultipartFile("bundle", "oneroster.zip", "application/zip", bundle)).with(user(admin));
        if (org != null) {
            request.param("org", org);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    @Test
    void theExampleBundleBecomesTheSchoolsRosterWithPupilsCountedNotStored() throws Exception {
        MockHttpServletResponse r = upload(zip(example()), null);
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        assertThat(schools.classes(school.id())).extracting(ClassGroup::name, ClassGroup::pupils)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Year 5 A", 4), org.assertj.core.groups.Tuple.tuple("Year 5 B", 4),
                        org.assertj.core.groups.Tuple.tuple("Year 6 Maths", 4));
        assertThat(schools.staff(school.id())).extracting(StaffMember::email)
                .contains("ama.osei@" + domain, "ben.grant@" + domain, "lee.park@" + domain)
                .noneMatch(e -> e.contains("pupil"));
        assertThat(schools.staff(school.id())).filteredOn(m -> m.email().equals("lee.park@" + domain)).singleElement()
                .satisfies(m -> assertThat(m.leader()).isTrue());
        assertThat(schools.teaching(school.id())).hasSize(4);
        // the same bundle again changes nothing
        assertThat(upload(zip(example()), null).getStatus()).isEqualTo(200);
        assertThat(schools.classes(school.id())).hasSize(3);
    }

    JsonNode refused(byte[] bundle, String org) throws Exception {
        MockHttpServletResponse r = upload(bundle, org);
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(400);
        assertThat(schools.classes(school.id())).as("nothing imported").isEmpty();
        return json.readTree(r.getContentAsString()).get("errors");
    }

    @Test
    void badBundlesAreRefusedWholeWithEveryProblemByFileLineAndColumn() throws Exception {
        Map<String, String> noEnrollments = example();
        noEnrollments.remove("enrollments.csv");
        assertThat(refused(zip(noEnrollments), null).toString()).contains("\"file\":\"enrollments.csv\"", "the bundle has no enrollments.csv");

        Map<String, String> noEmailColumn = example();
        noEmailColumn.put("users.csv", noEmailColumn.get("users.csv").replaceFirst(",email,", ",mail,"));
        assertThat(refused(zip(noEmailColumn), null).toString()).contains("\"file\":\"users.csv\"", "\"line\":1", "no column 'email'");

        Map<String, String> badEmail = example();
        badEmail.put("users.csv", badEmail.get("users.csv").replace("ben.grant@" + domain, "ben.grant"));
        JsonNode e = refused(zip(badEmail), null).get(0);
        assertThat(e.get("file").asText()).isEqualTo("users.csv");
        assertThat(e.get("line").asInt()).isEqualTo(3);
        assertThat(e.get("column").asInt()).isEqualTo(13);
        assertThat(e.get("message").asText()).contains("'ben.grant' is not an e-mail address");

        Map<String, String> unknownTeacher = example();
        unknownTeacher.put("enrollments.csv", unknownTeacher.get("enrollments.csv").replace(",u-t2,teacher,", ",u-t9,teacher,"));
        assertThat(refused(zip(unknownTeacher), null).toString()).contains("\"file\":\"enrollments.csv\"", "\"column\":6",
                "teacher u-t9 is not in users.csv");

        Map<String, String> twoSchools = example();
        twoSchools.put("orgs.csv", twoSchools.get("orgs.csv") + "s-02,active,2026-09-01T08:00:00Z,Oakfield Secondary,school,,d-01\n");
        assertThat(refused(zip(twoSchools), null).toString()).contains("the bundle has 2 schools [s-01, s-02]: name the one to import");
        assertThat(refused(zip(twoSchools), "s-02").toString()).contains("no class of school s-02");
        assertThat(upload(zip(twoSchools), "s-01").getStatus()).isEqualTo(200);
    }

    @Test
    void aFileThatIsNotAZipIsRefused() throws Exception {
        assertThat(refused("class,pupils\n7A,20\n".getBytes(StandardCharsets.UTF_8), null).toString()).contains("not a zip file");
    }

    @Test
    void aVersion12BundleTakesItsRolesFromRolesCsv() throws Exception {
        Map<String, String> v12 = example();
        StringBuilder users = new StringBuilder();
        StringBuilder roles = new StringBuilder("sourcedId,status,dateLastModified,userSourcedId,roleType,role,orgSourcedId,userProfileSourcedId,beginDate,endDate\n");
        int k = 0;
        for (String line : v12.get("users.csv").split("\n")) {
            String[] c = line.split(",", -1);
            // 1.2 has no role column in users.csv: drop it (the sixth), and say it in roles.csv
            java.util.List<String> cells = new java.util.ArrayList<>(java.util.Arrays.asList(c));
            String role = cells.remove(5);
            users.append(String.join(",", cells)).append('\n');
            if (k++ > 0) {
                roles.append("r-").append(k).append(",active,2026-09-01T08:00:00Z,").append(c[0]).append(",primary,").append(role).append(",s-01,,,\n");
            }
        }
        v12.put("users.csv", users.toString());
        v12.put("roles.csv", roles.toString());
        MockHttpServletResponse r = upload(zip(v12), null);
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        assertThat(schools.staff(school.id())).filteredOn(m -> m.email().equals("lee.park@" + domain)).singleElement()
                .satisfies(m -> assertThat(m.leader()).isTrue());
        assertThat(schools.classes(school.id())).hasSize(3);
    }

    @Test
    void theRosterPageTakesTheBundleToo() throws Exception {
        // a bundle sent to the import without the preview's confirmation (an old page, a crafted form) is checked, not imported
        int classes = schools.classes(school.id()).size();
        var checked = mvc.perform(multipart("/staff/schools/" + school.id() + "/roster/oneroster")
                .file(new MockMultipartFile("bundle", "oneroster.zip", "application/zip", zip(example())))
                .with(user(admin)).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andReturn().getResponse();
        assertThat(checked.getStatus()).isEqualTo(200);
        String preview = checked.getContentAsString(StandardCharsets.UTF_8);
        assertThat(preview).contains("What this import will change").doesNotContain("Imported 3 classes");
        assertThat(schools.classes(school.id())).hasSize(classes);
        var confirm = java.util.regex.Pattern.compile("name=\"confirm\" value=\"([^\"]+)\"").matcher(preview);
        assertThat(confirm.find()).isTrue();
        var page = mvc.perform(multipart("/staff/schools/" + school.id() + "/roster/oneroster").param("confirm", confirm.group(1)).cookie(checked.getCookie("SESSION"))
                .with(user(admin)).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("Imported 3 classes");
        var empty = mvc.perform(multipart("/staff/schools/" + school.id() + "/roster/oneroster").with(user(admin))
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())).andReturn().getResponse();
        assertThat(empty.getStatus()).isEqualTo(400);
        assertThat(empty.getContentAsString(StandardCharsets.UTF_8)).contains("choose the OneRoster zip file to upload");
    }
}
