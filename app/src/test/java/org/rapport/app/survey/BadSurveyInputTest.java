package org.rapport.app.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rapport.app.support.JsonApi.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.JsonApi;
import org.rapport.app.support.JsonApi.Answer;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every bad input gets a 4xx problem that names the fault, and changes nothing. */
class BadSurveyInputTest extends AppTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.rapport.app.access.Codes codes;

    final HttpClient http = HttpClient.newHttpClient();
    /** A started survey of each role: its code and the key of its first question. */
    final Map<RespondentRole, String[]> started = new EnumMap<>(RespondentRole.class);
    String code;
    String key;

    @BeforeEach
    void setUp() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        for (RespondentRole role : RespondentRole.values()) {
            String c = fixtures.codes(window, role, role.perClass() ? school.class1() : null).get(0);
            JsonNode session = send("POST", "/api/v1/survey/session", "{\"code\":\"" + c + "\"}", null).body();
            started.put(role, new String[] {c, session.get("blocks").get(0).get("questions").get(0).get("key").asText()});
        }
        code = started.get(RespondentRole.PUPIL)[0];
        key = started.get(RespondentRole.PUPIL)[1];
    }

    /** Runs the checks for a started survey of every role: a teacher's or leader's bad input is refused as a pupil's is. */
    void forEveryRole(Check check) throws Exception {
        for (Map.Entry<RespondentRole, String[]> e : started.entrySet()) {
            code = e.getValue()[0];
            key = e.getValue()[1];
            check.run(e.getKey());
        }
    }

    interface Check {
        void run(RespondentRole role) throws Exception;
    }

    Answer send(String method, String path, String body, String idempotencyKey) throws Exception {
        return JsonApi.send(http, json, port, method, path, body, idempotencyKey);
    }

    @Test
    void wrongCodeFormat() throws Exception {
        assertProblem(send("POST", "/api/v1/survey/session", "{\"code\":\"0O1IL\"}", null), 400, "code", "10 letters and numbers");
        assertProblem(send("POST", "/api/v1/survey/session", "{\"code\":\"" + "A".repeat(5000) + "\"}", null), 400, "code", null);
        assertProblem(send("POST", "/api/v1/survey/session", "{}", null), 400, "code", "send the access code");
        assertProblem(send("POST", "/api/v1/survey/session", "{\"code\": 12}", null), 400, "code", "10 letters and numbers");
    }

    @Test
    void unknownCode() throws Exception {
        assertProblem(send("POST", "/api/v1/survey/session", "{\"code\":\"AAAAA-BBBBB\"}", null), 400, "code", "don't recognise");
    }

    @Test
    void unknownItemAndQuestionNotInThisSurvey() throws Exception {
        forEveryRole(role -> {
            assertProblem(send("PUT", "/api/v1/survey/draft", "{\"code\":\"" + code + "\",\"answers\":{\"no_such_item\":2}}", null),
                    400, "answers.no_such_item", "there is no such question");
            // an item of another role's survey
            String foreign = role == RespondentRole.TEACHER ? "ls_tru_1" : "tl_res_1";
            assertProblem(send("PUT", "/api/v1/survey/draft", "{\"code\":\"" + code + "\",\"answers\":{\"" + foreign + "\":2}}", null),
                    400, "answers." + foreign, "not part of your survey");
            // a staff survey has no block about a teacher, so no key names one
            assertProblem(send("PUT", "/api/v1/survey/draft", "{\"code\":\"" + code + "\",\"answers\":{\"" + key.split("@")[0] + "@999999\":2}}", null),
                    400, "answers." + key.split("@")[0] + "@999999", "not part of your survey");
            assertProblem(send("PUT", "/api/v1/survey/draft", "{\"code\":\"" + code + "\",\"answers\":{\"" + key + "@x\":2}}", null),
                    400, "answers." + key + "@x", null);
            assertThat(draftAnswers()).as(role.name()).isZero();
        });
    }

    @Test
    void outOfRangeAndWronglyTypedAnswers() throws Exception {
        forEveryRole(role -> outOfRangeAndWronglyTyped());
    }

    void outOfRangeAndWronglyTyped() throws Exception {
        assertProblem(send("PUT", "/api/v1/survey/draft", "{\"code\":\"" + code + "\",\"answers\":{\"" + key + "\":7}}", null),
                400, "answers." + key, "0 to 4, not 7");
        assertProblem(send("PUT", "/api/v1/survey/draft", "{\"code\":\"" + code + "\",\"answers\":{\"" + key + "\":-1}}", null),
                400, "answers." + key, null);
        assertProblem(send("PUT", "/api/v1/survey/draft", "{\"code\":\"" + code + "\",\"answers\":{\"" + key + "\":\"often\"}}", null),
                400, "answers." + key, "wrong type");
        assertProblem(send("PUT", "/api/v1/survey/draft", "{\"code\":\"" + code + "\",\"answers\":{\"" + key + "\":99999999999}}", null),
                400, "answers." + key, null);
        // a fraction is refused, not cut to a whole answer (3.9 was stored as 3; an outside test)
        assertProblem(send("PUT", "/api/v1/survey/draft", "{\"code\":\"" + code + "\",\"answers\":{\"" + key + "\":3.9}}", null),
                400, "answers." + key, null);
        assertProblem(send("PUT", "/api/v1/survey/draft", "{\"code\":\"" + code + "\",\"answers\":[1,2]}", null),
                400, "answers", null);
        assertProblem(send("PUT", "/api/v1/survey/draft", "not json at all", null), 400, "body", null);
        assertThat(draftAnswers()).isZero();
    }

    @Test
    void oversizedBody() throws Exception {
        StringBuilder big = new StringBuilder("{\"code\":\"" + code + "\",\"answers\":{");
        for (int k = 0; k < 200_000; k++) {
            big.append(k == 0 ? "" : ",").append("\"x").append(k).append("\":1");
        }
        big.append("}}");
        assertThat(big.length()).isGreaterThan(1024 * 1024);
        assertProblem(send("PUT", "/api/v1/survey/draft", big.toString(), null), 413, "body", "larger than 1 MB");
        assertThat(draftAnswers()).isZero();
        // under the size limit but over the number of answers a survey can have
        StringBuilder many = new StringBuilder("{\"code\":\"" + code + "\",\"answers\":{");
        for (int k = 0; k < 1000; k++) {
            many.append(k == 0 ? "" : ",").append("\"x").append(k).append("\":1");
        }
        assertProblem(send("PUT", "/api/v1/survey/draft", many.append("}}").toString(), null), 400, "answers", "too many answers");
    }

    @Test
    void submissionWithoutOrWithABadIdempotencyKey() throws Exception {
        forEveryRole(role -> badSubmission());
    }

    void badSubmission() throws Exception {
        assertProblem(send("POST", "/api/v1/survey/submit", "{\"code\":\"" + code + "\"}", null), 400, "Idempotency-Key", "unique key");
        assertProblem(send("POST", "/api/v1/survey/submit", "{\"code\":\"" + code + "\"}", "short"), 400, "Idempotency-Key", null);
        assertProblem(send("POST", "/api/v1/survey/submit", "{\"code\":\"" + code + "\",\"answers\":{\"" + key + "\":9}}",
                UUID.randomUUID().toString()), 400, "answers." + key, null);
        assertThat(jdbc.sql("select used from access_code where code_hash = ?").param(codes.hash(code))
                .query(Boolean.class).single()).as("the code is still unused").isFalse();
    }

    @Test
    void unknownRoutesAndMethodsAreProblemsToo() throws Exception {
        Answer a = send("GET", "/api/v1/survey/nothing-here", "", null);
        assertThat(a.status()).isIn(404, 405);
        assertThat(a.contentType()).startsWith("application/problem+json");
        Answer m = send("DELETE", "/api/v1/survey/submit", "", null);
        assertThat(m.status()).isEqualTo(405);
    }

    /** Whether the code's draft holds an answer to the question {@code key}. */
    long draftAnswers() {
        String answers = jdbc.sql("select answers -> 'answers' ->> ? from survey_draft where code_hash = ?").params(key, codes.hash(code))
                .query(String.class).optional().orElse(null);
        return answers == null ? 0 : 1;
    }
}
