package org.rapport.app.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.Uploads;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The CSV roster and staff list, checked before they are imported, on the roster page and by the API: the check
 * changes nothing and says what the import would (who is added and who leaves, classes added, pupils before and
 * after, with counts); the import does exactly that, and is refused (409, nothing changed) when the school's roster
 * changed in between.
 */
class RosterCsvPreviewTest extends ApiTest {
    static final String HEADER = "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n";

    @Autowired
    MockMvc mvc;
    @Autowired
    Schools schools;
    @Autowired
    JdbcClient jdbc;

    /** The fixture school next term: B leaves, C comes and teaches 7B (now 6 pupils) and a new class 7C of 12. */
    static String nextTerm(Fixtures.SchoolSetup s) {
        return HEADER
                + "7A,Year 7 A,7,5,A,Ms Amara Okafor,a-" + s.tag() + "@test.example,English\n"
                + "7B,Year 7 B,7,6,C,Mr Cai New,c-" + s.tag() + "@test.example,Maths\n"
                + "7C,Year 7 C,7,12,C,Mr Cai New,c-" + s.tag() + "@test.example,Maths\n";
    }

    static String nextStaff(Fixtures.SchoolSetup s) {
        return "staff_id,name,email,role\n"
                + "H1,Dr Ruth Cole," + s.admin().email() + ",leader\n"
                + "A,Ms Amara Okafor," + s.teacherA().email() + ",teacher\n"
                + "C,Mr Cai New,c-" + s.tag() + "@test.example,teacher\n";
    }

    static MockMultipartFile part(String name, String text) {
        return new MockMultipartFile(name, name + ".csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
    }

    /** What the school's roster is: its people (staff id, active), its classes in use with their pupils, and who teaches which. */
    String state(Fixtures.SchoolSetup s) {
        return schools.staff(s.schoolId()).stream().map(m -> m.ref() + (m.active() ? "" : " (inactive)")).sorted().toList() + " "
                + schools.classes(s.schoolId()).stream().map(c -> c.ref() + ":" + c.pupils()).sorted().toList() + " "
                + jdbc.sql("select count(*) from teaching t join class_group c on c.id = t.class_id where c.school_id = ?").param(s.schoolId())
                .query(Long.class).single() + " teaching";
    }

    MockHttpServletResponse check(Fixtures.SchoolSetup s, Cookie session, String roster, String staff) throws Exception {
        var request = multipart("/staff/schools/{id}/roster/preview", s.schoolId()).file(part("roster", roster));
        if (staff != null) {
            request.file(part("staff", staff));
        }
        if (session != null) {
            request.cookie(session);
        }
        return mvc.perform(request.with(user(s.admin())).with(csrf())).andReturn().getResponse();
    }

    MockHttpServletResponse importChecked(Fixtures.SchoolSetup s, Cookie session, String confirm) throws Exception {
        return mvc.perform(post("/staff/schools/{id}/roster", s.schoolId()).param("confirm", confirm).cookie(session)
                .with(user(s.admin())).with(csrf())).andReturn().getResponse();
    }

    static String confirmOf(String page) {
        assertThat(page).contains("name=\"confirm\"");
        return page.replaceAll("(?s).*name=\"confirm\" value=\"([0-9a-f]+)\".*", "$1");
    }

    String rosterPage(Fixtures.SchoolSetup s) throws Exception {
        String page = mvc.perform(get("/staff/schools/{id}/roster", s.schoolId()).with(user(s.admin()))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        // the classes and staff tables, without the forms' tokens
        return page.substring(page.indexOf("<table class=\"stacked\">")).replaceAll("<input type=\"hidden\" name=\"_csrf\"[^>]*>", "");
    }

    @Test
    void theRosterPageChecksTheFilesChangingNothingThenImportsExactlyWhatItShowed() throws Exception {
        Fixtures.SchoolSetup s = fixtures.school(fixtures.network());
        String before = state(s);
        assertThat(before).isEqualTo("[A, B, H1] [7A:5, 7B:5] 3 teaching");
        String pageBefore = rosterPage(s);

        MockHttpServletResponse shown = check(s, null, nextTerm(s), nextStaff(s));
        String page = shown.getContentAsString(StandardCharsets.UTF_8);
        assertThat(shown.getStatus()).as(page).isEqualTo(200);
        assertThat(page).contains("What this import will change", "Nothing has changed yet", "People who stay as they are: 2", "Classes kept: 2",
                "Who teaches which class: 3 links now, 3 after", "Pupils: 10 now, 23 after",
                "New people, who get an account without a password (1)", "Mr Cai New",
                "Leave the staff: they can no longer sign in, and their history is kept (1)", "Mr Ben Hughes",
                "Classes added (1)", "Year 7 C", "Classes whose number of pupils changes (1)",
                "Someone listed under a new staff id and a new e-mail appears as new", "Import these changes")
                .doesNotContain("Classes retired", "Matched by e-mail", "school system", "No staff list with this roster",
                        "Imported 3 classes", "Sets of classes");
        // the import button applies this roster, from the CSV form's own address
        assertThat(page).containsPattern("action=\"/staff/schools/" + s.schoolId() + "/roster\"[^>]*>(<input type=\"hidden\" name=\"_csrf\"[^>]*>)?\\s*<input type=\"hidden\" name=\"confirm\"");
        assertThat(state(s)).as("a check changes nothing").isEqualTo(before);
        assertThat(rosterPage(s)).as("the roster page as it was").isEqualTo(pageBefore);
        // the session keeps the roster read, never the files themselves
        List<byte[]> kept = jdbc.sql("select attribute_bytes from spring_session_attributes where attribute_name = 'rapport.roster.previewed'")
                .query(byte[].class).list();
        assertThat(kept).anySatisfy(b -> assertThat(new String(b, StandardCharsets.ISO_8859_1)).contains("Year 7 C", "c-" + s.tag()));
        assertThat(kept).allSatisfy(b -> assertThat(new String(b, StandardCharsets.ISO_8859_1)).doesNotContain("teacher_email", "staff_id,name"));

        Cookie session = shown.getCookie("SESSION");
        assertThat(session).isNotNull();
        String confirm = confirmOf(page);
        MockHttpServletResponse imported = importChecked(s, session, confirm);
        assertThat(imported.getStatus()).isEqualTo(200);
        assertThat(imported.getContentAsString(StandardCharsets.UTF_8)).contains("Imported 3 classes, 3 members of staff and 3 teaching links.")
                .doesNotContain("Import these changes");
        assertThat(state(s)).isEqualTo("[A, B (inactive), C, H1] [7A:5, 7B:6, 7C:12] 3 teaching");

        // the same button again (back, then import): nothing left to import, and nothing changes
        MockHttpServletResponse again = importChecked(s, session, confirm);
        assertThat(again.getStatus()).isEqualTo(409);
        assertThat(again.getContentAsString(StandardCharsets.UTF_8)).contains("There is no checked file to import");
        assertThat(state(s)).isEqualTo("[A, B (inactive), C, H1] [7A:5, 7B:6, 7C:12] 3 teaching");
    }

    @Test
    void aCheckedRosterIsNotImportedOnceTheRosterChangedInBetween() throws Exception {
        Fixtures.SchoolSetup s = fixtures.school(fixtures.network());
        MockHttpServletResponse shown = check(s, null, nextTerm(s), nextStaff(s));
        assertThat(shown.getStatus()).isEqualTo(200);
        Cookie session = shown.getCookie("SESSION");
        String confirm = confirmOf(shown.getContentAsString(StandardCharsets.UTF_8));

        // meanwhile another upload: 7A has 7 pupils now
        Uploads.Answer between = new Uploads(json, port).roster(s.admin().email(), s.schoolId(), HEADER
                + "7A,Year 7 A,7,7,A,Ms Amara Okafor," + s.teacherA().email() + ",English\n"
                + "7A,Year 7 A,7,7,B,Mr Ben Hughes," + s.teacherB().email() + ",Maths\n"
                + "7B,Year 7 B,7,5,B,Mr Ben Hughes," + s.teacherB().email() + ",Maths\n", null);
        assertThat(between.status()).as(between.text()).isEqualTo(200);
        String after = state(s);
        assertThat(after).isEqualTo("[A, B, H1] [7A:7, 7B:5] 3 teaching");

        MockHttpServletResponse stale = importChecked(s, session, confirm);
        String page = stale.getContentAsString(StandardCharsets.UTF_8);
        assertThat(stale.getStatus()).isEqualTo(409);
        assertThat(page).contains("changed since you checked it: nothing was imported. Choose the file and check it again")
                .doesNotContain("Imported 3 classes");
        assertThat(state(s)).as("nothing of the checked roster").isEqualTo(after);

        // checked again, it shows the change from the roster as it is now (7A: 7 pupils, 7 to 5)
        MockHttpServletResponse fresh = check(s, session, nextTerm(s), nextStaff(s));
        assertThat(fresh.getContentAsString(StandardCharsets.UTF_8)).contains("Pupils: 12 now, 23 after");
        // a second check in the same session replaces the first: the first page's button imports nothing
        MockHttpServletResponse other = check(s, session, nextTerm(s), null);
        assertThat(other.getStatus()).isEqualTo(200);
        MockHttpServletResponse replaced = importChecked(s, session, confirmOf(fresh.getContentAsString(StandardCharsets.UTF_8)));
        assertThat(replaced.getStatus()).isEqualTo(409);
        assertThat(replaced.getContentAsString(StandardCharsets.UTF_8)).contains("another was checked since");
        assertThat(state(s)).isEqualTo(after);
    }

    @Test
    void filesSentToTheImportWithoutItsConfirmationAreCheckedNotImported() throws Exception {
        Fixtures.SchoolSetup s = fixtures.school(fixtures.network());
        String before = state(s);
        // a roster page from before the check (or a script posting the form) sends the files to the import itself
        MockHttpServletResponse sent = mvc.perform(multipart("/staff/schools/{id}/roster", s.schoolId()).file(part("roster", nextTerm(s)))
                .with(user(s.admin())).with(csrf())).andReturn().getResponse();
        String page = sent.getContentAsString(StandardCharsets.UTF_8);
        assertThat(sent.getStatus()).isEqualTo(200);
        // without a staff list nobody leaves: said so, with B still teaching nothing but on the staff
        assertThat(page).contains("What this import will change", "Import these changes", "No staff list with this roster: nobody leaves the staff",
                "New people, who get an account without a password (1)", "Classes added (1)").doesNotContain("Leave the staff");
        assertThat(state(s)).isEqualTo(before);

        // a bad file: every problem, nothing to import
        MockHttpServletResponse bad = mvc.perform(multipart("/staff/schools/{id}/roster/preview", s.schoolId())
                .file(part("roster", HEADER + "7A,Year 7 A,7,-1,A,Ms Amara Okafor," + s.teacherA().email() + ",English\n"))
                .with(user(s.admin())).with(csrf())).andReturn().getResponse();
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentAsString(StandardCharsets.UTF_8)).contains("Nothing was imported", "is not a number of pupils")
                .doesNotContain("Import these changes");
        // no file at all
        MockHttpServletResponse none = mvc.perform(post("/staff/schools/{id}/roster/preview", s.schoolId()).with(user(s.admin())).with(csrf()))
                .andReturn().getResponse();
        assertThat(none.getStatus()).isEqualTo(400);
        assertThat(none.getContentAsString(StandardCharsets.UTF_8)).contains("choose a roster file to upload");
        // a confirmation from nowhere
        MockHttpServletResponse forged = mvc.perform(post("/staff/schools/{id}/roster", s.schoolId()).param("confirm", "0123456789abcdef01234567")
                .with(user(s.admin())).with(csrf())).andReturn().getResponse();
        assertThat(forged.getStatus()).isEqualTo(409);
        assertThat(state(s)).isEqualTo(before);
    }

    @Test
    void theApiPreviewsAndImportsOnlyWhatItPreviewed() throws Exception {
        Fixtures.SchoolSetup s = fixtures.school(fixtures.network());
        Uploads uploads = new Uploads(json, port);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("roster", nextTerm(s).getBytes(StandardCharsets.UTF_8));
        files.put("staff", nextStaff(s).getBytes(StandardCharsets.UTF_8));
        String before = state(s);

        Uploads.Answer preview = uploads.post(s.admin().email(), "/api/v1/schools/" + s.schoolId() + "/roster/preview", files);
        assertThat(preview.status()).as(preview.text()).isEqualTo(200);
        JsonNode p = preview.body();
        assertThat(p.get("unchanged").asInt()).isEqualTo(2);
        assertThat(p.get("added").findValuesAsText("to")).containsExactly("C");
        assertThat(p.get("leaving").findValuesAsText("name")).containsExactly("Mr Ben Hughes");
        assertThat(p.get("classesAdded").toString()).isEqualTo("[\"Year 7 C\"]");
        assertThat(p.get("classesRetired")).isEmpty();
        assertThat(p.get("classesKept").asInt()).isEqualTo(2);
        assertThat(p.get("pupils").get("pupilsBefore").asInt()).isEqualTo(10);
        assertThat(p.get("pupils").get("pupilsAfter").asInt()).isEqualTo(23);
        assertThat(p.get("pupils").get("classesChanged").findValuesAsText("name")).containsExactly("Year 7 B");
        assertThat(p.get("namesDropped").asInt()).isZero();
        assertThat(state(s)).as("a preview changes nothing").isEqualTo(before);

        Uploads.Answer wrong = uploads.post(s.admin().email(), "/api/v1/schools/" + s.schoolId() + "/roster?confirm=0123456789abcdef01234567", files);
        assertThat(wrong.status()).as(wrong.text()).isEqualTo(409);
        assertThat(wrong.text()).contains("changed since you checked");
        // other files with the preview's confirmation: not what was previewed
        Map<String, byte[]> withoutStaff = Map.of("roster", nextTerm(s).getBytes(StandardCharsets.UTF_8));
        String confirm = p.get("confirm").asText();
        Uploads.Answer other = uploads.post(s.admin().email(), "/api/v1/schools/" + s.schoolId() + "/roster?confirm=" + confirm, withoutStaff);
        assertThat(other.status()).as(other.text()).isEqualTo(409);
        assertThat(state(s)).isEqualTo(before);

        Uploads.Answer done = uploads.post(s.admin().email(), "/api/v1/schools/" + s.schoolId() + "/roster?confirm=" + confirm, files);
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        assertThat(done.body().get("staffDeactivated").asInt()).isEqualTo(1);
        assertThat(state(s)).isEqualTo("[A, B (inactive), C, H1] [7A:5, 7B:6, 7C:12] 3 teaching");
        Uploads.Answer twice = uploads.post(s.admin().email(), "/api/v1/schools/" + s.schoolId() + "/roster?confirm=" + confirm, files);
        assertThat(twice.status()).as("the roster is not what was previewed any more").isEqualTo(409);
        // without a confirmation the import works as it always did (scripts use it)
        Uploads.Answer plain = uploads.roster(s.admin().email(), s.schoolId(), nextTerm(s), null);
        assertThat(plain.status()).as(plain.text()).isEqualTo(200);
        // a preview of files the import would refuse: 400 with every problem
        Uploads.Answer bad = uploads.post(s.admin().email(), "/api/v1/schools/" + s.schoolId() + "/roster/preview",
                Map.of("roster", (HEADER + "7A,Year 7 A,7,-1,A,Ms Amara Okafor,x@test.example,English\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("is not a number of pupils");
    }

    @Test
    void aCsvRosterAfterAnExportSaysItDropsTheNamesPupilsSee() throws Exception {
        Fixtures.SchoolSetup s = fixtures.school(fixtures.network());
        Uploads uploads = new Uploads(json, port);
        byte[] bundle = Uploads.oneRoster(List.of(
                        new Uploads.Person("u-head", "Ruth", "Cole", s.admin().email(), "administrator"),
                        new Uploads.Person("u-a", "Amara", "Okafor", s.teacherA().email(), "teacher"),
                        new Uploads.Person("u-b", "Ben", "Hughes", s.teacherB().email(), "teacher")),
                List.of(new Uploads.OneClass("c-7a", "7A English", List.of("u-a"), 5), new Uploads.OneClass("c-7b", "7B Maths", List.of("u-b"), 5)));
        byte[] names = "staff_id,name_for_pupils,team\nu-a,Ms Okafor,English\nu-b,Mr Hughes,Maths\n".getBytes(StandardCharsets.UTF_8);
        Uploads.Answer exported = uploads.post(s.admin().email(), "/api/v1/schools/" + s.schoolId() + "/roster/oneroster",
                Map.of("bundle", bundle, "names", names));
        assertThat(exported.status()).as(exported.text()).isEqualTo(200);
        assertThat(schools.pupilNames(s.schoolId())).hasSize(2);

        String csv = HEADER + "c-7a,7A English,7,5,u-a,Ms Amara Okafor," + s.teacherA().email() + ",English\n"
                + "c-7b,7B Maths,7,5,u-b,Mr Ben Hughes," + s.teacherB().email() + ",Maths\n";
        MockHttpServletResponse shown = check(s, null, csv, null);
        String page = shown.getContentAsString(StandardCharsets.UTF_8);
        assertThat(shown.getStatus()).as(page).isEqualTo(200);
        assertThat(page).contains("The names pupils see, from the names file, are dropped (2 lines)");
        assertThat(schools.pupilNames(s.schoolId())).as("nothing dropped yet").hasSize(2);
        MockHttpServletResponse imported = importChecked(s, shown.getCookie("SESSION"), confirmOf(page));
        assertThat(imported.getStatus()).isEqualTo(200);
        assertThat(schools.pupilNames(s.schoolId())).isEmpty();
    }

    /**
     * An outside test: a check that moved one class to another teacher listed nothing of it ("40 links now, 40 after"),
     * and its import still went through after another admin had moved a different class's teacher, undoing that change.
     * The check lists each link ended and added, and an import in between makes it stale.
     */
    @Test
    void whoTeachesWhichClassIsListedAndAMoveInBetweenMakesTheCheckStale() throws Exception {
        Fixtures.SchoolSetup s = fixtures.school(fixtures.network());
        String a = s.teacherA().email();
        String b = s.teacherB().email();
        String staff = "staff_id,name,email,role\nH1,Dr Ruth Cole," + s.admin().email() + ",leader\nA,Ms Amara Okafor," + a
                + ",teacher\nB,Mr Ben Hughes," + b + ",teacher\n";
        // 7B's Maths moves from B to A
        String moved = HEADER + "7A,Year 7 A,7,5,A,Ms Amara Okafor," + a + ",English\n" + "7A,Year 7 A,7,5,B,Mr Ben Hughes," + b + ",Maths\n"
                + "7B,Year 7 B,7,5,A,Ms Amara Okafor," + a + ",Maths\n";
        MockHttpServletResponse shown = check(s, null, moved, staff);
        String page = shown.getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Who teaches which class, ended: these teachers no longer teach these classes", "Year 7 B: Mr Ben Hughes (Maths)",
                "Who teaches which class, added (1)", "Year 7 B: Ms Amara Okafor (Maths)");

        // another admin, by the API, ends B's Maths in 7A in between
        String other = HEADER + "7A,Year 7 A,7,5,A,Ms Amara Okafor," + a + ",English\n" + "7B,Year 7 B,7,5,B,Mr Ben Hughes," + b + ",Maths\n";
        Uploads.Answer done = new Uploads(json, port).roster(s.admin().email(), s.schoolId(), other, staff);
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        String afterOther = jdbc.sql("select string_agg(c.class_ref || ':' || t.staff_id || ':' || t.subject, ',' order by 1) from teaching t "
                + "join class_group c on c.id = t.class_id where c.school_id = ?").param(s.schoolId()).query(String.class).single();
        String before = state(s);

        MockHttpServletResponse stale = importChecked(s, shown.getCookie("SESSION"), confirmOf(page));
        assertThat(stale.getStatus()).isEqualTo(409);
        assertThat(jdbc.sql("select string_agg(c.class_ref || ':' || t.staff_id || ':' || t.subject, ',' order by 1) from teaching t "
                + "join class_group c on c.id = t.class_id where c.school_id = ?").param(s.schoolId()).query(String.class).single())
                .as("the other admin's move stands").isEqualTo(afterOther);
        assertThat(state(s)).as("people and classes as the other admin left them").isEqualTo(before);
    }
}
