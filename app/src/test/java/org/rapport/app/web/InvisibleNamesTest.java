package org.rapport.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.Onboarding;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.Uploads;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.util.HtmlUtils;

/**
 * Names a school types or uploads with a character that hides words or turns the text around it (an outside test: a
 * roster's teacher "Mx \u202EiesO" made pupils read "How often does Mx kaeps Osei ?yldnik uoy ot", and a window "Winter
 * \u202E6202" was taken): a bidirectional embedding, override or isolate control, or another invisible character (a
 * zero-width space, a Hangul filler), in a roster's, a staff list's, a OneRoster bundle's or a names file's names, a
 * window's, a school's or a network's name, is refused as the other faults are (the files' faults by file, line and column;
 * problem details naming the field; the form again with what was typed), and changes nothing. The joiners and direction marks
 * that writing needs are taken. And a name, however it was stored, is kept to itself where a sentence carries it: the
 * survey's questions and the roster's list of teachers.
 */
class InvisibleNamesTest extends AppTest {
    static final String HEADER = "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n";
    static final String STAFF_HEADER = "staff_id,name,email,role,team\n";

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    Onboarding onboarding;

    Fixtures.SchoolSetup school;
    StaffUser networkAdmin;

    @BeforeEach
    void aSchool() {
        school = fixtures.school(fixtures.network(), 8, 5);
        networkAdmin = fixtures.networkAdmin(school.networkId());
    }

    /** Everything a refused name must leave as it was. */
    String state() {
        StringBuilder sql = new StringBuilder("select ''");
        for (String table : List.of("network", "school", "survey_window", "class_group", "staff", "teaching", "team", "staff_label")) {
            sql.append(" || '/").append(table).append(":' || coalesce((select md5(string_agg(t::text, ',' order by t::text)) from ")
                    .append(table).append(" t), '')");
        }
        return jdbc.sql(sql.toString()).query(String.class).single();
    }

    /** A file of the roster and the fault it must be refused with: its file, line, column and field. */
    record BadFile(String what, String roster, String staff, String file, int line, int column, String field, String character) {
    }

    static String row(String className, String teacher, String subject) {
        return "8A," + className + ",8,20,T9," + teacher + ",t9@school.example," + subject + "\n";
    }

    MockHttpServletResponse upload(boolean api, String roster, String staff) throws Exception {
        MockMultipartHttpServletRequestBuilder b = MockMvcRequestBuilders.multipart((api ? "/api/v1" : "/staff") + "/schools/"
                + school.schoolId() + "/roster");
        b.file(new MockMultipartFile("roster", "r.csv", "text/csv", roster.getBytes(StandardCharsets.UTF_8)));
        if (staff != null) {
            b.file(new MockMultipartFile("staff", "s.csv", "text/csv", staff.getBytes(StandardCharsets.UTF_8)));
        }
        return mvc.perform(b.with(user(school.admin())).with(csrf())).andReturn().getResponse();
    }

    @Test
    void aRosterNameThatHidesOrTurnsTextIsAFaultOfItsLineAndColumn() throws Exception {
        String fine = row("Year 8 A", "Ms Nur", "English");
        String staffFine = "T9,Ms Nur,t9@school.example,teacher,English\n";
        List<BadFile> files = List.of(
                new BadFile("the outside test's teacher", HEADER + row("Year 8 A", "Mx \u202EiesO", "English"), null, "roster", 2, 6, "teacher_name", "U+202E"),
                new BadFile("a class name embedding", HEADER + fine + row("Year \u202B8 B", "Ms Nur", "English").replace("8A,", "8B,"), null,
                        "roster", 3, 2, "class_name", "U+202B"),
                new BadFile("a subject isolate", HEADER + row("Year 8 A", "Ms Nur", "Eng\u2067lish"), null, "roster", 2, 8, "subject", "U+2067"),
                new BadFile("a zero-width space", HEADER + row("Year\u200B 8 A", "Ms Nur", "English"), null, "roster", 2, 2, "class_name", "U+200B"),
                new BadFile("a name of Hangul fillers", HEADER + row("Year 8 A", "\u3164\u3164", "English"), null, "roster", 2, 6, "teacher_name",
                        "U+3164"),
                new BadFile("a staff list's name", HEADER + fine, STAFF_HEADER + "T9,Ms \u202DNur,t9@school.example,teacher,English\n", "staff", 2, 2,
                        "name", "U+202D"),
                new BadFile("a staff list's team", HEADER + fine, STAFF_HEADER + "T9,Ms Nur,t9@school.example,teacher,Eng\u202Elish\n", "staff", 2, 5,
                        "team", "U+202E"),
                new BadFile("a team of braille blanks", HEADER + fine, STAFF_HEADER + "T9,Ms Nur,t9@school.example,teacher,\u2800\u2800\n", "staff",
                        2, 5, "team", "can be seen"));
        SoftAssertions soft = new SoftAssertions();
        for (BadFile f : files) {
            for (boolean api : List.of(true, false)) {
                String what = f.what() + (api ? " (API)" : " (page)");
                String before = state();
                MockHttpServletResponse r = upload(api, f.roster(), f.staff());
                String body = r.getContentAsString(StandardCharsets.UTF_8);
                soft.assertThat(r.getStatus()).as(what + ": " + body).isEqualTo(400);
                soft.assertThat(state()).as(what + ": the database").isEqualTo(before);
                if (api) {
                    JsonNode error = json.readTree(body).path("errors").path(0);
                    soft.assertThat(error.path("file").asText()).as(what).isEqualTo(f.file());
                    soft.assertThat(error.path("line").asInt()).as(what).isEqualTo(f.line());
                    soft.assertThat(error.path("column").asInt()).as(what).isEqualTo(f.column());
                    soft.assertThat(error.path("field").asText()).as(what).isEqualTo(f.field());
                    soft.assertThat(error.path("message").asText()).as(what).contains(f.character());
                } else {
                    soft.assertThat(HtmlUtils.htmlUnescape(body)).as(what + ": the page lists it").contains(f.field(), f.character());
                }
            }
        }
        // what writing needs is taken: a zero-width non-joiner in a Persian name, a right-to-left mark after an Arabic one
        MockHttpServletResponse taken = upload(true, HEADER + row("Year 8 A", "\u0645\u0647\u200C\u0633\u0627", "\u0639\u0631\u0628\u064A\u200F"), null);
        soft.assertThat(taken.getStatus()).as(taken.getContentAsString(StandardCharsets.UTF_8)).isBetween(200, 299);
        soft.assertAll();
    }

    @Test
    void aOneRosterBundlesOrItsNamesFilesNameThatTurnsTextIsAFault() throws Exception {
        byte[] teacher = Uploads.oneRoster(List.of(new Uploads.Person("u-1", "Mx", "\u202EiesO", "osei@school.example", "teacher")),
                List.of(new Uploads.OneClass("c-1", "8A", List.of("u-1"), 3)));
        byte[] title = Uploads.oneRoster(List.of(new Uploads.Person("u-1", "Mx", "Osei", "osei@school.example", "teacher")),
                List.of(new Uploads.OneClass("c-1", "8\u2066A", List.of("u-1"), 3)));
        byte[] clean = Uploads.oneRoster(List.of(new Uploads.Person("u-1", "Mx", "Osei", "osei@school.example", "teacher")),
                List.of(new Uploads.OneClass("c-1", "8A", List.of("u-1"), 3)));
        record Bad(String what, byte[] bundle, String names, String file, int column, String field) {
        }
        SoftAssertions soft = new SoftAssertions();
        for (Bad bad : List.of(new Bad("a teacher's family name", teacher, null, "users.csv", 3, "familyName"),
                new Bad("a class's title", title, null, "classes.csv", 2, "title"),
                new Bad("a names file's name for pupils", clean, "staff_id,name_for_pupils,team\nu-1,Mx \u202EiesO,Maths\n", "names", 2,
                        "name_for_pupils"))) {
            String before = state();
            MockMultipartHttpServletRequestBuilder b = MockMvcRequestBuilders.multipart("/api/v1/schools/" + school.schoolId()
                    + "/roster/oneroster");
            b.file(new MockMultipartFile("bundle", "b.zip", "application/zip", bad.bundle()));
            if (bad.names() != null) {
                b.file(new MockMultipartFile("names", "n.csv", "text/csv", bad.names().getBytes(StandardCharsets.UTF_8)));
            }
            MockHttpServletResponse r = mvc.perform(b.with(user(school.admin())).with(csrf())).andReturn().getResponse();
            String body = r.getContentAsString(StandardCharsets.UTF_8);
            soft.assertThat(r.getStatus()).as(bad.what() + ": " + body).isEqualTo(400);
            soft.assertThat(state()).as(bad.what() + ": the database").isEqualTo(before);
            JsonNode error = json.readTree(body).path("errors").path(0);
            soft.assertThat(error.path("file").asText()).as(bad.what() + ": " + body).isEqualTo(bad.file());
            soft.assertThat(error.path("line").asInt()).as(bad.what()).isEqualTo(2);
            soft.assertThat(error.path("column").asInt()).as(bad.what()).isEqualTo(bad.column());
            soft.assertThat(error.path("field").asText()).as(bad.what()).isEqualTo(bad.field());
            soft.assertThat(error.path("message").asText()).as(bad.what()).contains("invisible character");
        }
        soft.assertAll();
    }

    @Test
    void aWindowSchoolOrNetworkNameThatTurnsTextIsRefusedNamingTheField() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String name : List.of("Winter \u202E6202", "Winter\u2066 2026", "Winter\u200B2026", "\u3164")) {
            String what = FuzzPrintable.of(name);
            String before = state();
            MockHttpServletResponse api = mvc.perform(MockMvcRequestBuilders.post("/api/v1/schools/" + school.schoolId() + "/windows")
                    .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(java.util.Map.of("name", name)))
                    .with(user(school.admin()))).andReturn().getResponse();
            String body = api.getContentAsString(StandardCharsets.UTF_8);
            soft.assertThat(api.getStatus()).as("window (API) " + what + ": " + body).isEqualTo(400);
            soft.assertThat(String.valueOf(api.getContentType())).as(what).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            soft.assertThat(json.readTree(body).path("errors").path(0).path("field").asText()).as(what).isEqualTo("name");
            soft.assertThat(state()).as("window (API) " + what + ": the database").isEqualTo(before);

            MockHttpServletResponse page = mvc.perform(MockMvcRequestBuilders.post("/staff/schools/" + school.schoolId() + "/windows")
                    .param("name", name).with(user(school.admin())).with(csrf())).andReturn().getResponse();
            String html = page.getContentAsString(StandardCharsets.UTF_8);
            soft.assertThat(page.getStatus()).as("window (page) " + what).isEqualTo(400);
            soft.assertThat(state()).as("window (page) " + what + ": the database").isEqualTo(before);
            // the school's page again, the reason at its form and the name as typed in the box
            soft.assertThat(html).as("window (page) " + what).contains("id=\"new-window-" + school.schoolId() + "-error\"")
                    .contains("value=\"" + HtmlUtils.htmlEscape(name, "UTF-8") + "\"");

            MockHttpServletResponse schoolApi = mvc.perform(MockMvcRequestBuilders.post("/api/v1/schools").contentType(MediaType.APPLICATION_JSON)
                    .content(json.writeValueAsString(java.util.Map.of("name", name, "admin", java.util.Map.of("name", "Dr Ada Obi",
                            "email", "obi-" + school.tag() + "@test.example")))).with(user(networkAdmin))).andReturn().getResponse();
            body = schoolApi.getContentAsString(StandardCharsets.UTF_8);
            soft.assertThat(schoolApi.getStatus()).as("school (API) " + what + ": " + body).isEqualTo(400);
            soft.assertThat(json.readTree(body).path("errors").path(0).path("field").asText()).as(what).isEqualTo("name");
            soft.assertThat(state()).as("school (API) " + what + ": the database").isEqualTo(before);

            MockHttpServletResponse schoolPage = mvc.perform(MockMvcRequestBuilders.post("/staff/schools/new").param("name", name)
                    .param("adminName", "Dr Ada Obi").param("adminEmail", "obi-" + school.tag() + "@test.example")
                    .with(user(networkAdmin)).with(csrf())).andReturn().getResponse();
            soft.assertThat(schoolPage.getStatus()).as("school (page) " + what).isEqualTo(400);
            soft.assertThat(schoolPage.getContentAsString(StandardCharsets.UTF_8)).as("school (page) " + what)
                    .contains("value=\"" + HtmlUtils.htmlEscape(name, "UTF-8") + "\"");
            soft.assertThat(state()).as("school (page) " + what + ": the database").isEqualTo(before);

            InvalidInputException network = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInputException.class,
                    () -> onboarding.createNetwork(name, new Onboarding.NewAccount("Jo Trust", "trust-" + school.tag() + "@test.example")));
            soft.assertThat(network).as("network " + what).isNotNull();
            if (network != null) {
                soft.assertThat(network.errors().get(0).field()).as(what).isEqualTo("name");
            }
            soft.assertThat(state()).as("network " + what + ": the database").isEqualTo(before);
        }
        // an administrator's name too, and a right-to-left mark in an Arabic school's name is taken
        MockHttpServletResponse admin = mvc.perform(MockMvcRequestBuilders.post("/api/v1/schools").contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(java.util.Map.of("name", "\u0645\u062F\u0631\u0633\u0629 \u0627\u0644\u0646\u0648\u0631\u200F",
                        "admin", java.util.Map.of("name", "Dr \u202EibO", "email", "obi-" + school.tag() + "@test.example"))))
                .with(user(networkAdmin))).andReturn().getResponse();
        soft.assertThat(admin.getStatus()).isEqualTo(400);
        soft.assertThat(json.readTree(admin.getContentAsString(StandardCharsets.UTF_8)).path("errors").path(0).path("field").asText())
                .isEqualTo("admin.name");
        MockHttpServletResponse arabic = mvc.perform(MockMvcRequestBuilders.post("/api/v1/schools").contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(java.util.Map.of("name", "\u0645\u062F\u0631\u0633\u0629 \u0627\u0644\u0646\u0648\u0631\u200F",
                        "admin", java.util.Map.of("name", "Dr Ada Obi", "email", "obi-" + school.tag() + "@test.example"))))
                .with(user(networkAdmin))).andReturn().getResponse();
        soft.assertThat(arabic.getStatus()).as(arabic.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(201);
        soft.assertAll();
    }

    @Test
    void aTeachersNameIsKeptToItselfInTheSurveysQuestionsAndTheRostersListOfTeachers() throws Exception {
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        String code = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(0);
        String isolated = "\u2068Ms Amara Okafor\u2069";

        JsonNode document = json.readTree(mvc.perform(MockMvcRequestBuilders.post("/api/v1/survey/session").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"" + code + "\"}")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        JsonNode about = null;
        for (JsonNode block : document.path("blocks")) {
            if ("Ms Amara Okafor".equals(block.path("targetName").asText())) {
                about = block;
            }
        }
        assertThat(about).as("a block about Ms Okafor").isNotNull();
        assertThat(about.path("title").asText()).isEqualTo("About " + isolated);
        assertThat(about.path("questions").path(0).path("text").asText()).contains(isolated);
        assertThat(about.path("commentLabel").asText()).contains(isolated);

        MockHttpServletResponse started = mvc.perform(MockMvcRequestBuilders.post("/survey/start").param("code", code).with(csrf()))
                .andReturn().getResponse();
        String page = mvc.perform(MockMvcRequestBuilders.get("/survey").param("block", Integer.toString(about.path("index").asInt()))
                .cookie(started.getCookies())).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(HtmlUtils.htmlUnescape(page)).contains("<h1>About " + isolated + "</h1>").contains("How often does " + isolated);

        String roster = HtmlUtils.htmlUnescape(mvc.perform(MockMvcRequestBuilders.get("/staff/schools/" + school.schoolId() + "/roster")
                .with(user(school.admin()))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(roster).contains(isolated + " (\u2068English\u2069)");
    }

    /** Printable for a failure message. */
    static final class FuzzPrintable {
        static String of(String s) {
            StringBuilder sb = new StringBuilder();
            s.chars().limit(200).forEach(c -> sb.append(c < 32 || c >= 127 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
            return sb.toString();
        }
    }
}
