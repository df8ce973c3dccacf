package org.rapport.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The attack of control characters in free text: a NUL (or another C0 control but tab, line feed and
 * carriage return, DEL, a C1 control, a lone surrogate) in any text a page or the API takes (a goal's
 * plan, a teacher's reply, the school's support text, what we heard and will do, the concern phrases,
 * a window's name, a pupil's comment, a query parameter, a JSON key) is refused with 400 by the one
 * check every request passes, as problem details naming the field for the API and as the page's error
 * for a form, and changes nothing; the same text with tabs and line breaks is taken. A roster or a
 * translation file with a NUL is a listed fault of the file, never a 500.
 */
class ControlCharactersTest extends AppTest {
    /** Refused: NUL first, then one other of each kind. */
    static final List<String> REFUSED = List.of("\u0000", "\u0001", "\u001b", "\u007f", "\u0085", "\u009b", "\ud800", "\udc00");
    /** Taken: the line breaks and tab that a text area sends. */
    static final String CLEAN = "Line one,\r\nline two\tand more.";

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    Fixtures.SchoolSetup school;
    SurveyWindow window;
    SurveyWindow closed;
    @Autowired
    org.rapport.app.window.WindowService windowService;
    StaffUser networkAdmin;
    List<String> codes;

    @BeforeEach
    void aSchool() {
        school = fixtures.school(fixtures.network(), 8, 5);
        // "you said" is published for a window once it has closed
        closed = windowService.close(fixtures.openWindow(school.schoolId()));
        window = fixtures.openWindow(school.schoolId());
        // the window the goals name as the one that will tell, planned as a school would
        fixtures.plannedWindow(school.schoolId(), "Summer 2027");
        networkAdmin = fixtures.networkAdmin(school.networkId());
        codes = new ArrayList<>(fixtures.codes(window, RespondentRole.PUPIL, school.class1()));
    }

    /** Everything a refused request must leave as it was. */
    String state() {
        StringBuilder sql = new StringBuilder("select ''");
        for (String table : List.of("goal", "teacher_reply", "school", "safeguarding_lead", "safeguarding_setting", "concern_phrase", "you_said",
                "survey_window", "survey_draft", "response", "answer", "comment", "access_code", "class_group", "staff", "teaching", "translation")) {
            sql.append(" || '/").append(table).append(":' || coalesce((select md5(string_agg(t::text, ',' order by t::text)) from ")
                    .append(table).append(" t), '')");
        }
        return jdbc.sql(sql.toString()).query(String.class).single();
    }

    /** A route that takes text: the request with the given text in its field, and the status {@link #CLEAN} gets (0: not tried). */
    record Route(String name, String field, boolean api, int taken, Function<String, MockHttpServletRequestBuilder> request) {
    }

    /** A route whose text is a concern phrase, which takes letters, digits, spaces, hyphens and apostrophes only. */
    static boolean phrases(Route route) {
        return route.name().startsWith("concern phrases");
    }

    MockHttpServletRequestBuilder form(String path, StaffUser as) {
        MockHttpServletRequestBuilder b = MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).with(csrf());
        return as == null ? b : b.with(user(as));
    }

    MockHttpServletRequestBuilder body(String method, String path, StaffUser as, String body) {
        MockHttpServletRequestBuilder b = MockMvcRequestBuilders.request(org.springframework.http.HttpMethod.valueOf(method), path)
                .contentType(MediaType.APPLICATION_JSON).content(body);
        return as == null ? b : b.with(user(as));
    }

    /** A JSON string as it is sent, with every character outside printable ASCII escaped (so a lone surrogate is sent as one). */
    static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 32 || c > 126) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    List<Route> routes() {
        long w = window.id();
        long s = school.schoolId();
        String base = window.name();
        StaffUser teacher = school.teacherA();
        String pupil = codes.remove(0);
        String submitter = codes.remove(0);
        String draftKey = "PUPIL_TEACHER@" + teacher.id();
        return List.of(
                // pages
                new Route("goal plan (page)", "plan", false, 302, t -> form("/staff/goals", teacher).param("plan", t).param("facet", "")
                        .param("baselineWindow", base).param("evaluationWindow", "Summer 2027")),
                new Route("school goal plan (page)", "plan", false, 302, t -> form("/staff/schools/" + s + "/goals", school.admin())
                        .param("relationship", "PUPIL_SCHOOL").param("facet", "").param("plan", t).param("baselineWindow", base)
                        .param("evaluationWindow", "Summer 2027")),
                new Route("team goal plan (page)", "plan", false, 0, t -> form("/staff/goals/team", teacher).param("plan", t)
                        .param("baselineWindow", base).param("evaluationWindow", "Summer 2027")),
                new Route("teacher reply (page)", "text", false, 302, t -> form("/staff/windows/" + w + "/reply", teacher).param("text", t)),
                new Route("support text (page)", "supportText", false, 200, t -> form("/staff/schools/" + s + "/safeguarding", school.admin())
                        .param("lead", Long.toString(teacher.id())).param("supportText", t)),
                new Route("you said: we will (page)", "weWill", false, 302, t -> form("/staff/windows/" + closed.id() + "/you-said", school.admin())
                        .param("weWill", t).param("byWhen", "Easter")),
                new Route("you said: by when (page)", "byWhen", false, 302, t -> form("/staff/windows/" + closed.id() + "/you-said", school.admin())
                        .param("weWill", "Plan the spring fair together.").param("byWhen", t)),
                new Route("concern phrases (page)", "phrases", false, 200, t -> form("/staff/safeguarding/phrases", networkAdmin)
                        .param("language", "en").param("phrases", "i am scared\r\n" + t)),
                new Route("window name (page)", "name", false, 0, t -> form("/staff/schools/" + s + "/windows", school.admin()).param("name", t)),
                new Route("survey comment (page)", "c.PUPIL_SCHOOL", false, 0, t -> form("/survey/autosave", null)
                        .cookie(new jakarta.servlet.http.Cookie("rapport_survey", pupil)).param("block", "0").param("c.PUPIL_SCHOOL", t)),
                new Route("query parameter (page)", "window", false, 0, t -> MockMvcRequestBuilders.get("/staff/network/report")
                        .param("window", t).with(user(networkAdmin))),
                // the API
                new Route("goal plan (API)", "plan", true, 201, t -> body("POST", "/api/v1/goals", teacher, "{\"relationship\":\"PUPIL_TEACHER\","
                        + "\"facet\":\"\",\"plan\":" + quoted(t) + ",\"baselineWindow\":" + quoted(base) + ",\"evaluationWindow\":\"Summer 2027\"}")),
                new Route("school goal plan (API)", "plan", true, 201, t -> body("POST", "/api/v1/schools/" + s + "/goals", school.admin(),
                        "{\"relationship\":\"PUPIL_SCHOOL\",\"plan\":" + quoted(t) + ",\"baselineWindow\":" + quoted(base)
                                + ",\"evaluationWindow\":\"Summer 2027\"}")),
                new Route("teacher reply (API)", "text", true, 200, t -> body("PUT", "/api/v1/windows/" + w + "/reply", teacher,
                        "{\"text\":" + quoted(t) + "}")),
                new Route("support text (API)", "supportText", true, 200, t -> body("PUT", "/api/v1/schools/" + s + "/safeguarding",
                        school.admin(), "{\"leads\":[" + teacher.id() + "],\"supportText\":" + quoted(t) + "}")),
                new Route("you said (API)", "weWill", true, 201, t -> body("POST", "/api/v1/windows/" + closed.id() + "/you-said", school.admin(),
                        "{\"heard\":[],\"weWill\":" + quoted(t) + ",\"byWhen\":\"Easter\"}")),
                new Route("concern phrases (API)", "phrases[1]", true, 200, t -> body("PUT", "/api/v1/safeguarding/phrases/en", networkAdmin,
                        "{\"phrases\":[\"i am scared\"," + quoted(t) + "]}")),
                new Route("window name (API)", "name", true, 0, t -> body("POST", "/api/v1/schools/" + s + "/windows", school.admin(),
                        "{\"name\":" + quoted(t) + "}")),
                new Route("survey comment (API draft)", "comments." + draftKey, true, 200, t -> body("PUT", "/api/v1/survey/draft", null,
                        "{\"code\":\"" + pupil + "\",\"comments\":{\"" + draftKey + "\":" + quoted(t) + "}}")),
                new Route("survey comment (API submit)", "comments.PUPIL_SCHOOL", true, 200, t -> body("POST", "/api/v1/survey/submit", null,
                        "{\"code\":\"" + submitter + "\",\"answers\":{},\"comments\":{\"PUPIL_SCHOOL\":" + quoted(t) + "}}")
                        .header("Idempotency-Key", java.util.UUID.randomUUID().toString())),
                new Route("JSON key (API)", "comments", true, 0, t -> body("PUT", "/api/v1/survey/draft", null,
                        "{\"code\":\"" + pupil + "\",\"comments\":{" + quoted("PUPIL_SCHOOL" + t) + ":\"hi\"}}")),
                new Route("query parameter (API)", "window", true, 0, t -> MockMvcRequestBuilders.get("/api/v1/calibration/drift")
                        .param("window", t).with(user(networkAdmin))));
    }

    @Test
    void controlCharactersInAnyTextAreRefusedWith400AndChangeNothing() throws Exception {
        mvc.perform(body("POST", "/api/v1/survey/session", null, "{\"code\":\"" + codes.get(0) + "\"}")).andReturn();
        List<Route> routes = routes();
        mvc.perform(body("POST", "/api/v1/survey/session", null, "{\"code\":\"" + codes.get(0) + "\"}")).andReturn();
        SoftAssertions soft = new SoftAssertions();
        int k = 0;
        for (Route route : routes) {
            // NUL on every route, and one other refused character each, in turn
            for (String bad : List.of(REFUSED.get(0), REFUSED.get(1 + k++ % (REFUSED.size() - 1)))) {
                String text = "Start each lesson" + bad + " by asking two pupils.";
                String what = route.name() + " with U+" + String.format("%04X", (int) bad.charAt(0));
                String before = state();
                MockHttpServletResponse r = mvc.perform(route.request().apply(text)).andReturn().getResponse();
                String body = r.getContentAsString(StandardCharsets.UTF_8);
                soft.assertThat(r.getStatus()).as(what + ": " + body).isEqualTo(400);
                soft.assertThat(state()).as(what + ": the database").isEqualTo(before);
                if (route.api()) {
                    soft.assertThat(String.valueOf(r.getContentType())).as(what).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    if (r.getStatus() == 400 && String.valueOf(r.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
                        JsonNode error = json.readTree(body).path("errors").path(0);
                        soft.assertThat(error.path("field").asText()).as(what + ": the field").isEqualTo(route.field());
                        // a lone surrogate in an object key is refused by the JSON parser itself, before any key is made of it
                        soft.assertThat(error.path("message").asText()).as(what).contains(route.field().equals("comments")
                                && Character.isSurrogate(bad.charAt(0)) ? "wrong type or format" : "control character");
                    }
                } else {
                    soft.assertThat(String.valueOf(r.getContentType())).as(what).startsWith(MediaType.TEXT_HTML_VALUE);
                    String character = "U+" + String.format("%04X", (int) bad.charAt(0));
                    soft.assertThat(body).as(what + ": the page says why").contains("hidden character", character);
                    if (!route.field().equals("window")) {
                        // the writer's text comes back without the refused character, under the field's label (a
                        // browser with the page's script never sends it: HiddenCharactersBrowserTest)
                        soft.assertThat(body).as(what + ": what was typed is given back").contains("What you typed", "Start each lesson",
                                "by asking two pupils.");
                    }
                    if (route.name().startsWith("survey comment")) {
                        // a pupil goes back to the part they were on, not to the code form
                        soft.assertThat(body).as(what + ": back to the survey").contains("href=\"/survey?block=0\"", "Back to the survey");
                    }
                }
            }
            if (route.taken() != 0) {
                MockHttpServletResponse r = mvc.perform(route.request().apply(phrases(route) ? "nobody listens to me" : CLEAN))
                        .andReturn().getResponse();
                soft.assertThat(r.getStatus()).as(route.name() + " with tabs and line breaks: " + r.getContentAsString(StandardCharsets.UTF_8))
                        .isEqualTo(route.taken());
            }
        }
        soft.assertAll();
    }

    @Test
    void aNulInARosterOrATranslationFileIsAListedFault() throws Exception {
        String header = "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n";
        List<String> rosters = List.of(
                header + "8\u0000A,Year 8 A,8,20,T9,Ms Nul,nul@school.example,English\n",
                header + "8A,Year 8\u0000 A,8,20,T9,Ms Nul,nul@school.example,English\n",
                header + "8A,Year 8 A,8\u0000,20,T9,Ms Nul,nul@school.example,English\n",
                header + "8A,Year 8 A,8,2\u00000,T9,Ms Nul,nul@school.example,English\n",
                header + "8A,Year 8 A,8,20,T9,Ms\u0000 Nul,nul@school.example,English\n",
                header + "8A,Year 8 A,8,20,T9,Ms Nul,nul\u0000@school.example,English\n",
                header + "8A,Year 8 A,8,20,T9,Ms Nul,nul@school.example,Eng\u0000lish\n",
                header.replace("subject", "sub\u0000ject") + "8A,Year 8 A,8,20,T9,Ms Nul,nul@school.example,English\n",
                header + "8A,Year 8 A,8,20,T9,Ms Nul,nul@school.example,English\n\u0000\n");
        SoftAssertions soft = new SoftAssertions();
        for (String roster : rosters) {
            String what = FuzzPrintable.of(roster);
            for (boolean api : List.of(true, false)) {
                String before = state();
                MockMultipartFile file = new MockMultipartFile("roster", "r.csv", "text/csv", roster.getBytes(StandardCharsets.UTF_8));
                MockHttpServletResponse r = mvc.perform(MockMvcRequestBuilders.multipart((api ? "/api/v1" : "/staff") + "/schools/"
                        + school.schoolId() + (api ? "/roster" : "/roster/preview")).file(file).with(user(school.admin())).with(csrf())).andReturn().getResponse();
                String body = r.getContentAsString(StandardCharsets.UTF_8);
                soft.assertThat(r.getStatus()).as((api ? "api " : "page ") + what + ": " + body).isBetween(400, 499);
                soft.assertThat(state()).as(what + ": the database").isEqualTo(before);
                if (api && r.getStatus() >= 400 && r.getStatus() < 500) {
                    JsonNode errors = json.readTree(body).path("errors");
                    soft.assertThat(errors.size()).as(what + ": faults listed: " + body).isPositive();
                }
            }
        }
        // a translation file, as exported and filled in, with a NUL in one text
        String exported = mvc.perform(MockMvcRequestBuilders.get("/api/v1/translations/pl.csv").with(user(networkAdmin))).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        StringBuilder translated = new StringBuilder();
        try (org.apache.commons.csv.CSVParser in = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(exported));
             org.apache.commons.csv.CSVPrinter out = new org.apache.commons.csv.CSVPrinter(translated, org.apache.commons.csv.CSVFormat.RFC4180)) {
            out.printRecord(in.getHeaderNames());
            for (org.apache.commons.csv.CSVRecord row : in) {
                String text = row.get("translation").isBlank() ? row.get("english") : row.get("translation");
                out.printRecord(row.get("key"), row.get("english"), row.get("key").equals("error.400") ? "Nie\u0000 rozumiem." : text);
            }
        }
        assertThat(translated.toString()).contains("\u0000");
        for (boolean api : List.of(true, false)) {
            String before = state();
            MockMultipartFile file = new MockMultipartFile("file", "pl.csv", "text/csv", translated.toString().getBytes(StandardCharsets.UTF_8));
            org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder upload = api
                    ? MockMvcRequestBuilders.multipart("/api/v1/translations/pl")
                    : MockMvcRequestBuilders.multipart("/staff/translations/import");
            if (!api) {
                upload.param("language", "pl");
            }
            MockHttpServletResponse r = mvc.perform(upload.file(file).with(user(networkAdmin)).with(csrf())).andReturn().getResponse();
            String body = r.getContentAsString(StandardCharsets.UTF_8);
            soft.assertThat(r.getStatus()).as("translation file " + (api ? "(API): " : "(page): ") + body).isBetween(400, 499);
            soft.assertThat(body).as("translation file: the fault is listed").contains("error.400", "U+0000");
            soft.assertThat(state()).as("translation file: the database").isEqualTo(before);
        }
        soft.assertAll();
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
