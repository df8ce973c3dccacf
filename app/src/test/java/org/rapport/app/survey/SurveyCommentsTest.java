package org.rapport.app.survey;

import static org.assertj.core.api.Assertions.assertThat;

import static org.rapport.app.support.JsonApi.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.JsonApi;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A pupil's comment is kept in the draft, stored with the response (not the code) and refused when it breaks a rule. */
class SurveyCommentsTest extends AppTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SurveySessions sessions;
    @Autowired
    Submissions submissions;

    final HttpClient http = HttpClient.newHttpClient();

    Fixtures.SchoolSetup school;
    SurveyWindow window;
    String pupil;

    @BeforeEach
    void pupil() {
        school = fixtures.school(fixtures.network());
        window = fixtures.openWindow(school.schoolId());
        pupil = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(0);
    }

    JsonApi.Answer send(String method, String path, String body, String idempotencyKey) throws Exception {
        return JsonApi.send(http, json, port, method, path, body, idempotencyKey);
    }

    @Test
    void aCommentSurvivesTheDraftAndIsStoredWithTheResponse() throws Exception {
        JsonNode doc = send("POST", "/api/v1/survey/session", "{\"code\":\"" + pupil + "\"}", null).body();
        // pupils about a teacher and about the school are asked for a comment; the key names the block
        List<String> keys = doc.get("blocks").findValuesAsText("commentKey");
        String teacherKey = "PUPIL_TEACHER@" + school.teacherA().id();
        assertThat(keys).contains(teacherKey, "PUPIL_SCHOOL");
        // a control character is refused (ControlCharactersTest); a tab is taken, and kept as a space
        assertProblem(send("PUT", "/api/v1/survey/draft", "{\"code\":\"" + pupil + "\",\"comments\":{\"" + teacherKey
                + "\":\"Explains things\\u0007 twice\"}}", null), 400, "comments." + teacherKey, "control character (U+0007)");
        String body = "{\"code\":\"" + pupil + "\",\"comments\":{\"" + teacherKey + "\":\"  Explains things\\t twice\\nwhen asked.  \"}}";
        assertThat(send("PUT", "/api/v1/survey/draft", body, null).status()).isEqualTo(200);
        assertThat(SurveyView.comments(sessions.resume(pupil))).containsExactly(Map.entry(teacherKey, "Explains things  twice\nwhen asked."));

        submissions.submit(pupil, UUID.randomUUID().toString(), Map.of(), Map.of("PUPIL_SCHOOL", "Lunch queues are long."));
        List<Map<String, Object>> stored = jdbc.sql("""
                select c.relationship, c.target_staff, c.body from comment c join response r on r.id = c.response_id
                where r.window_id = ? order by c.relationship""").param(window.id()).query().listOfRows();
        assertThat(stored).hasSize(2);
        assertThat(stored.get(0)).containsEntry("relationship", "PUPIL_SCHOOL").containsEntry("body", "Lunch queues are long.");
        assertThat(stored.get(1)).containsEntry("relationship", "PUPIL_TEACHER").containsEntry("target_staff", school.teacherA().id())
                .containsEntry("body", "Explains things  twice\nwhen asked.");
    }

    @Test
    void aBlankCommentClearsIt() {
        String key = "PUPIL_SCHOOL";
        sessions.saveDraft(pupil, Map.of(), Map.of(key, "Something"));
        assertThat(SurveyView.comments(sessions.saveDraft(pupil, Map.of(), Map.of(key, "   ")))).doesNotContainKey(key);
    }

    @Test
    void tooLongForeignOrMisplacedCommentsAreRefusedAndChangeNothing() throws Exception {
        send("POST", "/api/v1/survey/session", "{\"code\":\"" + pupil + "\"}", null);
        sessions.saveDraft(pupil, Map.of(), Map.of("PUPIL_SCHOOL", "kept"));
        String tooLong = "x".repeat(AnswerValidator.MAX_COMMENT + 1);
        assertProblem(send("PUT", "/api/v1/survey/draft", "{\"code\":\"" + pupil + "\",\"comments\":{\"PUPIL_SCHOOL\":\"" + tooLong + "\"}}", null),
                400, "comments.PUPIL_SCHOOL", "at most " + AnswerValidator.MAX_COMMENT);
        // a teacher the pupil is not taught by, and a staff relationship pupils are not asked about
        assertProblem(send("PUT", "/api/v1/survey/draft", "{\"code\":\"" + pupil + "\",\"comments\":{\"PUPIL_TEACHER@999999\":\"hi\"}}", null),
                400, "comments.PUPIL_TEACHER@999999", "takes no comment");
        assertProblem(send("PUT", "/api/v1/survey/draft", "{\"code\":\"" + pupil + "\",\"comments\":{\"TEACHER_LEADERS\":\"hi\"}}", null),
                400, "comments.TEACHER_LEADERS", "takes no comment");
        assertThat(SurveyView.comments(sessions.resume(pupil))).containsExactly(Map.entry("PUPIL_SCHOOL", "kept"));

        // a teacher's survey takes no comment at all
        String teacher = fixtures.codes(window, RespondentRole.TEACHER, null).get(0);
        send("POST", "/api/v1/survey/session", "{\"code\":\"" + teacher + "\"}", null);
        assertProblem(send("PUT", "/api/v1/survey/draft", "{\"code\":\"" + teacher + "\",\"comments\":{\"TEACHER_COLLEAGUES\":\"hi\"}}", null),
                400, "comments.TEACHER_COLLEAGUES", "takes no comment");
    }
}
