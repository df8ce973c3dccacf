package org.rapport.app.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.Uploads;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A CSV roster replaced by the school information system's export (issue 23): first what it will change, with
 * nothing changed (people matched by staff id, then by e-mail, whose staff ids change, who is added and who leaves,
 * classes added and retired), then the import of exactly that, refused if anything changed in between.
 */
class RosterPreviewTest extends ApiTest {
    @Autowired
    Schools schools;
    @Autowired
    MockMvc mvc;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** The fixture school's people in the school system: the head and A under new ids, a new teacher C, and no B. */
    static byte[] export(Fixtures.SchoolSetup school) throws Exception {
        return Uploads.oneRoster(List.of(
                        new Uploads.Person("u-head", "Ruth", "Cole", school.admin().email(), "administrator"),
                        new Uploads.Person("u-a", "Amara", "Okafor", school.teacherA().email(), "teacher"),
                        new Uploads.Person("u-c", "Cai", "New", "c-" + school.tag() + "@test.example", "teacher")),
                List.of(new Uploads.OneClass("c-7a-en", "7A English", List.of("u-a"), 5), new Uploads.OneClass("c-7a-sc", "7A Science", List.of("u-c"), 5)));
    }

    List<String> refs(Fixtures.SchoolSetup school) {
        return schools.staff(school.schoolId()).stream().map(StaffMember::ref).sorted().toList();
    }

    @Test
    void theExportsChangesAreShownFirstAndImportedOnlyAsShown() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        String head = school.admin().email();
        Uploads uploads = new Uploads(json, port);
        Uploads.Answer preview = uploads.bundle(head, school.schoolId(), "/preview", export(school));
        assertThat(preview.status()).as(preview.text()).isEqualTo(200);
        JsonNode p = preview.body();
        assertThat(p.get("idsChanging").findValuesAsText("to")).containsExactlyInAnyOrder("u-head", "u-a");
        assertThat(p.get("idsChanging").findValuesAsText("from")).containsExactlyInAnyOrder("H1", "A");
        assertThat(p.get("added").findValuesAsText("to")).containsExactly("u-c");
        assertThat(p.get("leaving").findValuesAsText("name")).containsExactly("Mr Ben Hughes");
        assertThat(p.get("classesAdded").toString()).contains("7A English", "7A Science");
        assertThat(p.get("classesRetired").toString()).contains("Year 7 A", "Year 7 B");
        assertThat(p.get("teachingBefore").asInt()).isEqualTo(3);
        assertThat(p.get("teachingAfter").asInt()).isEqualTo(2);
        // the export's pupils, grouped by the classes each is in: counted sets of classes, no pupil
        assertThat(p.get("pupils").get("setsBefore").asInt()).as("a CSV roster has no sets of classes").isZero();
        assertThat(p.get("pupils").get("setsAfter").asInt()).isEqualTo(2);
        assertThat(p.get("pupils").get("pupilsAfter").asInt()).isEqualTo(10);
        assertThat(p.toString()).doesNotContain("p-c-7a");
        assertThat(refs(school)).as("a preview changes nothing").containsExactly("A", "B", "H1");

        Uploads.Answer wrong = uploads.bundle(head, school.schoolId(), "?confirm=0123456789abcdef01234567", export(school));
        assertThat(wrong.status()).as(wrong.text()).isEqualTo(409);
        assertThat(wrong.text()).contains("changed since you checked");
        assertThat(refs(school)).containsExactly("A", "B", "H1");

        String confirm = p.get("confirm").asText();
        Uploads.Answer done = uploads.bundle(head, school.schoolId(), "?confirm=" + confirm, export(school));
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        assertThat(schools.staff(school.schoolId())).extracting(StaffMember::id, StaffMember::ref, StaffMember::active).contains(
                org.assertj.core.groups.Tuple.tuple(school.admin().id(), "u-head", true), org.assertj.core.groups.Tuple.tuple(school.teacherA().id(), "u-a", true),
                org.assertj.core.groups.Tuple.tuple(school.teacherB().id(), "B", false));
        assertThat(schools.classes(school.schoolId())).extracting(ClassGroup::name).containsExactlyInAnyOrder("7A English", "7A Science");
        // the same confirmation again: the roster is not what was previewed any more
        assertThat(uploads.bundle(head, school.schoolId(), "?confirm=" + confirm, export(school)).status()).isEqualTo(409);
        // the same export checked again: nothing to change, the same sets of classes
        JsonNode same = uploads.bundle(head, school.schoolId(), "/preview", export(school)).body();
        assertThat(same.get("idsChanging")).isEmpty();
        assertThat(same.get("classesAdded")).isEmpty();
        assertThat(same.get("pupils").get("setsBefore").asInt()).isEqualTo(2);
        assertThat(same.get("pupils").get("setsKept").asInt()).isEqualTo(2);
        assertThat(same.get("pupils").get("pupilsBefore").asInt()).isEqualTo(10);
    }

    @Test
    void theRosterPageShowsTheChangesAndImportsThemWithOneClick() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        MockHttpServletResponse shown = mvc.perform(multipart("/staff/schools/{id}/roster/oneroster/preview", school.schoolId())
                        .file(new MockMultipartFile("bundle", "export.zip", "application/zip", export(school)))
                        .with(user(school.admin())).with(csrf()))
                .andReturn().getResponse();
        // the admin's session (kept in the database, as every instance shares it) holds the file checked
        jakarta.servlet.http.Cookie session = shown.getCookie("SESSION");
        assertThat(session).isNotNull();
        String page = shown.getContentAsString(StandardCharsets.UTF_8);
        assertThat(shown.getStatus()).as(page).isEqualTo(200);
        assertThat(page).contains("Matched by e-mail, their staff id changes (2)", "u-head", "Leave the staff", "Mr Ben Hughes", "Import these changes",
                "Sets of classes", "2 after");
        assertThat(refs(school)).containsExactly("A", "B", "H1");
        String confirm = page.replaceAll("(?s).*name=\"confirm\" value=\"([0-9a-f]+)\".*", "$1");
        // what the session keeps of the file until it is imported: the roster read from it, never its pupils (users.csv names them)
        List<byte[]> kept = jdbc.sql("select attribute_bytes from spring_session_attributes where attribute_name = 'rapport.roster.previewed'")
                .query(byte[].class).list();
        assertThat(kept).isNotEmpty();
        assertThat(kept).allSatisfy(b -> assertThat(new String(b, StandardCharsets.ISO_8859_1)).contains("u-head", "7A Science")
                .doesNotContain("p-c-7a-en-1", "p-c-7a-sc-", "Pupil"));

        MockHttpServletResponse imported = mvc.perform(post("/staff/schools/{id}/roster/oneroster", school.schoolId()).param("confirm", confirm)
                .cookie(session).with(user(school.admin())).with(csrf())).andReturn().getResponse();
        assertThat(imported.getStatus()).isEqualTo(200);
        assertThat(imported.getContentAsString(StandardCharsets.UTF_8)).contains("Imported 2 classes");
        assertThat(refs(school)).containsExactly("B", "u-a", "u-c", "u-head");

        MockHttpServletResponse again = mvc.perform(post("/staff/schools/{id}/roster/oneroster", school.schoolId()).param("confirm", confirm)
                .cookie(session).with(user(school.admin())).with(csrf())).andReturn().getResponse();
        assertThat(again.getStatus()).isEqualTo(409);
        assertThat(again.getContentAsString(StandardCharsets.UTF_8)).contains("There is no checked file to import");
    }
}
