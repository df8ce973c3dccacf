package org.rapport.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.Routes;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Random and hostile input (jqwik generators) at every public endpoint and at the roster importer.
 * For each request: no 5xx; every rejection is a problem-details answer naming the field; a
 * rejected request changes nothing in the database; nothing comes back unescaped.
 */
class FuzzTest extends AppTest {
    static final int TRIES = 150;

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;
    @LocalServerPort
    int port;
    @Autowired
    org.springframework.context.ApplicationContext context;

    Fixtures.SchoolSetup school;
    SurveyWindow window;
    String code;
    org.rapport.app.security.StaffUser networkAdmin;
    final List<String> failures = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        school = fixtures.school(fixtures.network(), 30, 5);
        window = fixtures.openWindow(school.schoolId());
        fixtures.plannedWindow(school.schoolId(), "Summer 2027");
        code = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(0);
        networkAdmin = fixtures.networkAdmin(school.networkId());
        mvc.perform(MockMvcRequestBuilders.post("/api/v1/survey/session").contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"" + code + "\"}")).andReturn();
    }

    /** Everything a rejected request must leave as it was. */
    String state() {
        return jdbc.sql("""
                select (select count(*) from response) || '/' || (select count(*) from answer) || '/'
                    || (select count(*) from access_code where used) || '/' || (select count(*) from access_code) || '/'
                    || (select count(*) from survey_window) || '/' || (select count(*) from class_group) || '/'
                    || (select count(*) from staff) || '/' || (select count(*) from submission_receipt) || '/'
                    || (select count(*) from calibration) || '/' || (select count(*) from comment) || '/'
                    || coalesce((select md5(string_agg(answers::text, ',' order by answers::text)) from survey_draft), '') || '/'
                    || coalesce((select md5(string_agg(t::text, ',' order by t::text)) from goal t), '') || '/'
                    || coalesce((select md5(string_agg(t::text, ',' order by t::text)) from teacher_reply t), '') || '/'
                    || coalesce((select md5(string_agg(t::text, ',' order by t::text)) from you_said t), '') || '/'
                    || coalesce((select md5(string_agg(t::text, ',' order by t::text)) from school t), '')""")
                .query(String.class).single();
    }

    void check(String rawWhat, Supplier<MockHttpServletRequestBuilder> request) throws Exception {
        String what = printable(rawWhat);
        String before = state();
        MvcResult r = mvc.perform(request.get()).andReturn();
        int status = r.getResponse().getStatus();
        String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        String type = String.valueOf(r.getResponse().getContentType());
        if (status >= 500) {
            failures.add(what + ": " + status + " " + body);
            return;
        }
        if (status >= 400) {
            if (!before.equals(state())) {
                failures.add(what + ": rejected with " + status + " but the database changed");
            }
            if (what.startsWith("api")) {
                if (!type.startsWith("application/problem+json")) {
                    failures.add(what + ": " + status + " as " + type);
                } else if (status == 400 || status == 409 || status == 413) {
                    JsonNode errors = json.readTree(body).get("errors");
                    if (errors == null || errors.isEmpty() || errors.get(0).get("field").asText().isEmpty()) {
                        failures.add(what + ": " + status + " names no field: " + body);
                    }
                }
            }
        }
        if (type.startsWith("text/html") && (body.contains("<script>alert") || body.contains("<img src=x onerror"))) {
            failures.add(what + ": hostile markup came back unescaped: " + printable(body.substring(Math.max(0,
                    body.indexOf("alert") - 300), Math.min(body.length(), body.indexOf("alert") + 100))));
        }
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> sb.append(c < 32 || c >= 127 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return sb.toString();
    }

    static <T> List<T> samples(Arbitrary<T> arbitrary) {
        return arbitrary.sampleStream().limit(TRIES).toList();
    }

    MockHttpServletRequestBuilder jsonRequest(HttpMethod method, String path, String body) {
        return MockMvcRequestBuilders.request(method, path).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void surveyApi() throws Exception {
        for (Object body : samples(HostileInput.surveyBody(code))) {
            String text = HostileInput.write(json, body);
            check("api session " + text, () -> jsonRequest(HttpMethod.POST, "/api/v1/survey/session", text));
            check("api draft " + text, () -> jsonRequest(HttpMethod.PUT, "/api/v1/survey/draft", text));
        }
        for (String key : samples(HostileInput.strings())) {
            Object body = Map.of("code", code, "answers", Map.of("no_such_item", 9));
            String text = HostileInput.write(json, body);
            check("api submit key=" + key, () -> {
                MockHttpServletRequestBuilder b = jsonRequest(HttpMethod.POST, "/api/v1/survey/submit", text);
                if (!key.isEmpty() && key.chars().allMatch(c -> c >= 32 && c < 127)) {
                    b.header("Idempotency-Key", key);
                }
                return b;
            });
        }
        for (String raw : samples(HostileInput.strings())) {
            check("api raw body " + raw, () -> jsonRequest(HttpMethod.POST, "/api/v1/survey/submit", raw)
                    .header("Idempotency-Key", UUID.randomUUID().toString()));
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void staffApi() throws Exception {
        for (Object body : samples(HostileInput.json())) {
            String text = HostileInput.write(json, body);
            check("api window " + text, () -> jsonRequest(HttpMethod.POST, "/api/v1/schools/" + school.schoolId() + "/windows", text)
                    .with(user(school.admin())));
            check("api codes " + text, () -> jsonRequest(HttpMethod.POST, "/api/v1/windows/" + window.id() + "/codes", text)
                    .with(user(school.admin())));
            check("api calibrate " + text, () -> jsonRequest(HttpMethod.POST, "/api/v1/calibration", text)
                    .with(user(networkAdmin)));
        }
        for (String name : samples(HostileInput.strings())) {
            check("api drift " + printable(name), () -> MockMvcRequestBuilders.get("/api/v1/calibration/drift").param("window", name)
                    .with(user(networkAdmin)));
        }
        // odd path variables over real HTTP, so that the server's own error handling answers
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString((school.admin().email() + ":" + Fixtures.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        for (String id : samples(HostileInput.strings())) {
            String encoded = java.net.URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
            var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://localhost:" + port + "/api/v1/windows/" + encoded + "/report")).header("Authorization", auth).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() >= 500 || !type.startsWith("application/problem+json")) {
                failures.add("api path " + printable(id) + ": " + response.statusCode() + " as " + type);
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * How many of each route's hostile values go over real HTTP with the API's own sign-in, so that the server's
     * decoding and error handling answer them; each such request pays the password hash, which made this test the
     * slowest of the suite, so the rest go through the application's handlers directly.
     */
    static final int OVER_HTTP = 6;

    /** Every route with a path variable, from the application's own route list, with hostile values in it. */
    @Test
    void hostilePathVariablesOnEveryRoute() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString((school.admin().email() + ":" + Fixtures.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        List<String> values = samples(HostileInput.strings()).stream().limit(25).toList();
        for (Routes.Route route : Routes.served(context)) {
            String pattern = route.pattern();
            String method = route.method();
            if (!pattern.contains("{") || pattern.startsWith("/actuator") || pattern.startsWith("/v3")) {
                continue;
            }
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i);
                String encoded = java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
                String path = pattern.replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(encoded));
                if (pattern.startsWith("/api/")) {
                    String failure = i >= OVER_HTTP ? inApplication(method, path) : null;
                    if (i < OVER_HTTP || SENT_ON.equals(failure)) {
                        failure = overHttp(http, auth, method, path);
                    }
                    if (failure != null) {
                        failures.add(failure);
                    }
                } else {
                    check("web " + method + " " + path, () -> MockMvcRequestBuilders
                            .request(HttpMethod.valueOf(method), java.net.URI.create(path))
                            .with(user(school.admin())).with(csrf()));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    static final String SENT_ON = "answered by the server's error page";

    /**
     * A hostile path through the application's handlers: a failure, or {@link #SENT_ON} where the request was refused
     * before the handlers (the firewall's 400 has its answer written by the server's error page, which only a real
     * request reaches), or null.
     */
    String inApplication(String method, String path) throws Exception {
        MvcResult r = mvc.perform(MockMvcRequestBuilders.request(HttpMethod.valueOf(method), java.net.URI.create(path))
                .contentType(MediaType.APPLICATION_JSON).content("{}").with(user(school.admin()))).andReturn();
        int status = r.getResponse().getStatus();
        String type = r.getResponse().getContentType();
        if (status >= 400 && type == null && r.getResponse().isCommitted()) {
            return SENT_ON;
        }
        if (status >= 500 || (status >= 400 && !String.valueOf(type).startsWith("application/problem+json"))) {
            return method + " " + printable(path) + ": " + status + " as " + type;
        }
        return null;
    }

    /** A hostile path over real HTTP with the API's own sign-in: a failure or null. */
    String overHttp(java.net.http.HttpClient http, String auth, String method, String path) throws Exception {
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                        .header("Authorization", auth).header("Content-Type", "application/json")
                        .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() >= 500 || (response.statusCode() >= 400 && !type.startsWith("application/problem+json"))) {
            return method + " " + printable(path) + ": " + response.statusCode() + " as " + type;
        }
        return null;
    }

    @Test
    void rosterImporter() throws Exception {
        Arbitrary<String> cell = HostileInput.strings().map(s -> s.replace("\n", " "));
        Arbitrary<String> rows = cell.list().ofMinSize(1).ofMaxSize(9).map(cells -> String.join(",", cells)).list().ofMaxSize(5)
                .map(lines -> "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n" + String.join("\n", lines));
        Arbitrary<byte[]> files = Arbitraries.oneOf(rows.map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
        for (byte[] file : samples(files)) {
            check("api roster", () -> MockMvcRequestBuilders.multipart("/api/v1/schools/" + school.schoolId() + "/roster")
                    .file(new MockMultipartFile("roster", "r.csv", "text/csv", file)).with(user(school.admin())));
            check("api roster preview", () -> MockMvcRequestBuilders.multipart("/api/v1/schools/" + school.schoolId() + "/roster/preview")
                    .file(new MockMultipartFile("roster", "r.csv", "text/csv", file)).with(user(school.admin())));
            check("web roster", () -> MockMvcRequestBuilders.multipart("/staff/schools/" + school.schoolId() + "/roster/preview")
                    .file(new MockMultipartFile("roster", "r.csv", "text/csv", file)).with(user(school.admin())).with(csrf()));
            check("web roster import", () -> MockMvcRequestBuilders.post("/staff/schools/" + school.schoolId() + "/roster")
                    .param("confirm", new String(file, StandardCharsets.UTF_8)).with(user(school.admin())).with(csrf()));
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void webForms() throws Exception {
        for (String value : samples(HostileInput.strings())) {
            check("web start " + value, () -> MockMvcRequestBuilders.post("/survey/start").param("code", value).with(csrf()));
            check("web save " + value, () -> MockMvcRequestBuilders.post("/survey/save").param("block", value)
                    .param("a." + value, value).cookie(new jakarta.servlet.http.Cookie("rapport_survey", code)).with(csrf()));
            check("web window " + value, () -> MockMvcRequestBuilders.post("/staff/schools/" + school.schoolId() + "/windows")
                    .param("name", value).with(user(school.admin())).with(csrf()));
            check("web codes " + value, () -> MockMvcRequestBuilders.post("/staff/windows/" + window.id() + "/codes")
                    .param("role", value).param("classes", value).with(user(school.admin())).with(csrf()));
            // the free texts of staff: a goal's plan, a teacher's reply, the support text, what we will do
            check("web goal " + value, () -> MockMvcRequestBuilders.post("/staff/goals").param("plan", value).param("facet", "")
                    .param("baselineWindow", window.name()).param("evaluationWindow", "Summer 2027").with(user(school.teacherA())).with(csrf()));
            check("web reply " + value, () -> MockMvcRequestBuilders.post("/staff/windows/" + window.id() + "/reply").param("text", value)
                    .with(user(school.teacherA())).with(csrf()));
            check("web support " + value, () -> MockMvcRequestBuilders.post("/staff/schools/" + school.schoolId() + "/safeguarding")
                    .param("lead", Long.toString(school.teacherA().id())).param("supportText", value).with(user(school.admin())).with(csrf()));
            check("web you-said " + value, () -> MockMvcRequestBuilders.post("/staff/windows/" + window.id() + "/you-said")
                    .param("weWill", value).param("byWhen", value).with(user(school.admin())).with(csrf()));
            check("api reply " + value, () -> jsonRequest(HttpMethod.PUT, "/api/v1/windows/" + window.id() + "/reply",
                    HostileInput.write(json, Map.of("text", value))).with(user(school.teacherA())));
            check("api goal " + value, () -> jsonRequest(HttpMethod.POST, "/api/v1/goals", HostileInput.write(json, Map.of("relationship",
                    "PUPIL_TEACHER", "facet", "", "plan", value, "baselineWindow", window.name(), "evaluationWindow", "Summer 2027")))
                    .with(user(school.teacherA())));
        }
        assertThat(failures).isEmpty();
    }

    /** Uploads cut off in the middle, over a real socket, as a broken connection would leave them. */
    @Test
    void truncatedMultipartUploads() throws Exception {
        String boundary = "----rapport" + UUID.randomUUID();
        String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"roster\"; filename=\"r.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nclass,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\r\n"
                + "9Z,Year 9 Z,9,20,T1,Ms Cut,cut@school.example,English\r\n--" + boundary + "--\r\n";
        String auth = java.util.Base64.getEncoder().encodeToString((school.admin().email() + ":" + Fixtures.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        String before = state();
        for (int cut : new int[] {10, part.length() / 2, part.length() - 10}) {
            try (Socket socket = new Socket("localhost", port)) {
                socket.setSoTimeout(15_000);
                OutputStream out = socket.getOutputStream();
                String head = "POST /api/v1/schools/" + school.schoolId() + "/roster HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Basic " + auth + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                        + "\r\nContent-Length: " + part.length() + "\r\nConnection: close\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.UTF_8));
                out.write(part.substring(0, cut).getBytes(StandardCharsets.UTF_8));
                out.flush();
                socket.shutdownOutput();
                InputStream in = socket.getInputStream();
                String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!response.isEmpty()) {
                    int status = Integer.parseInt(response.substring(9, 12));
                    assertThat(status).as("truncated at %d: %s", cut, response).isBetween(400, 499);
                }
            }
        }
        assertThat(state()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from class_group where class_ref = '9Z'").query(Long.class).single()).isZero();
    }
}
