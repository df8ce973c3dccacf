package org.rapport.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rapport.app.school.StaffMember;
import org.rapport.app.school.Schools;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.JsonApi;
import org.rapport.app.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reminders reach only those whose e-mailed code is unused, for teachers and for leaders, with the
 * same code (a started draft is still theirs); who got which code is forgotten when the code is used
 * and when the window closes, and the school learns only how many were reminded.
 *
 * <p>Attacks stated: a leader tries to learn who has not answered from the reminder's answer (a count
 * only, no names) or by reminding twice to see who drops out (at most one reminder a day per role);
 * someone reading the database finds no code in clear and no pairing past a code's use or the window's
 * close, and nothing in the pairing that points at a response.
 */
class CodeReminderTest extends AppTest {
    static final Pattern CODE = Pattern.compile("\\b([A-Z0-9]{5}-[A-Z0-9]{5})\\b");

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Schools schools;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    final HttpClient http = HttpClient.newHttpClient();

    record Reply(int status, JsonNode body) {
    }

    Reply call(String method, String path, Object body, StaffUser as) throws Exception {
        JsonApi.Answer a = JsonApi.call(http, json, port, method, path, body, as);
        return new Reply(a.status(), a.body());
    }

    JsonNode ok(String method, String path, Object body, StaffUser as) throws Exception {
        Reply r = call(method, path, body, as);
        assertThat(r.status()).as(method + " " + path + ": " + r.body()).isBetween(200, 201);
        return r.body();
    }

    static String code(String body) {
        Matcher m = CODE.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    static Map<String, Integer> everyAnswer(JsonNode session, int value) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        session.get("blocks").forEach(b -> b.get("questions").forEach(q -> answers.put(q.get("key").asText(), value)));
        return answers;
    }

    long pairings(long windowId) {
        return jdbc.sql("select count(*) from code_recipient where window_id = ?").param(windowId).query(Long.class).single();
    }

    @Test
    void onlyThoseWithUnusedCodesAreRemindedWithTheSameCodeAndThePairingGoesWithUseAndClose() throws Exception {
        Fixtures.StaffRoom room = fixtures.staffRoom(fixtures.network(), 5, 8);
        List<StaffMember> teachers = schools.staff(room.schoolId()).stream().filter(s -> !s.leader()).toList();
        List<StaffMember> leaders = schools.staff(room.schoolId()).stream().filter(StaffMember::leader).toList();
        long windowId = ok("POST", "/api/v1/schools/" + room.schoolId() + "/windows", Map.of("name", "Spring " + UUID.randomUUID().toString().substring(0, 6)),
                room.admin()).get("id").asLong();
        ok("POST", "/api/v1/windows/" + windowId + "/open", null, room.admin());

        assertThat(ok("POST", "/api/v1/windows/" + windowId + "/codes/mail?role=TEACHER", null, room.admin()).get("sent").asInt()).isEqualTo(5);
        assertThat(ok("POST", "/api/v1/windows/" + windowId + "/codes/mail?role=LEADER", null, room.admin()).get("sent").asInt()).isEqualTo(2);
        List<String> codes = new ArrayList<>();
        for (StaffMember t : teachers) {
            assertThat(TestMail.to(t.email())).hasSize(1);
            codes.add(code(TestMail.lastBody(t.email())));
        }
        assertThat(pairings(windowId)).isEqualTo(7);
        for (byte[] sealed : jdbc.sql("select sealed_code from code_recipient where window_id = ?").param(windowId).query(byte[].class).list()) {
            String raw = new String(sealed, StandardCharsets.ISO_8859_1);
            assertThat(codes).as("no code in clear in the database").noneMatch(c -> raw.contains(c) || raw.contains(c.replace("-", "")));
        }
        assertThat(jdbc.sql("select column_name from information_schema.columns where table_name = 'code_recipient'").query(String.class).set())
                .as("nothing in the pairing points at a response").containsExactlyInAnyOrder("code_hash", "window_id", "staff_id", "sealed_code", "reminded_on");

        // teachers 1 and 2 answer; teacher 3 starts and saves a draft; a leader answers
        for (String c : codes.subList(0, 2)) {
            JsonNode session = ok("POST", "/api/v1/survey/session", Map.of("code", c), null);
            ok("POST", "/api/v1/survey/submit", Map.of("code", c, "answers", everyAnswer(session, 3)), null);
        }
        JsonNode started = ok("POST", "/api/v1/survey/session", Map.of("code", codes.get(2)), null);
        Map<String, Integer> draft = new LinkedHashMap<>();
        everyAnswer(started, 1).entrySet().stream().limit(4).forEach(e -> draft.put(e.getKey(), e.getValue()));
        ok("PUT", "/api/v1/survey/draft", Map.of("code", codes.get(2), "answers", draft), null);
        String leaderCode = code(TestMail.lastBody(leaders.get(0).email()));
        JsonNode leaderSession = ok("POST", "/api/v1/survey/session", Map.of("code", leaderCode), null);
        ok("POST", "/api/v1/survey/submit", Map.of("code", leaderCode, "answers", everyAnswer(leaderSession, 2)), null);
        assertThat(pairings(windowId)).as("a used code's pairing goes with its use").isEqualTo(4);

        JsonNode reminded = ok("POST", "/api/v1/windows/" + windowId + "/codes/remind?role=TEACHER", null, room.admin());
        assertThat(reminded.get("sent").asInt()).isEqualTo(3);
        List<String> fields = new ArrayList<>();
        reminded.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("the school learns how many, never who").containsExactly("sent");
        for (int i = 0; i < teachers.size(); i++) {
            String to = teachers.get(i).email();
            if (i < 2) {
                assertThat(TestMail.to(to)).as("who answered gets no reminder").hasSize(1);
            } else {
                assertThat(TestMail.to(to)).hasSize(2);
                assertThat(TestMail.lastBody(to)).contains("still open", "has not been used yet");
                assertThat(code(TestMail.lastBody(to))).as("the same code as before").isEqualTo(codes.get(i));
                assertThat(TestMail.lastLink(to)).endsWith("/#code=" + codes.get(i));
            }
        }
        // the reminded teacher who had started finds their answers where they left them
        JsonNode resumed = ok("POST", "/api/v1/survey/session", Map.of("code", codes.get(2)), null);
        assertThat(json.convertValue(resumed.get("answers"), Map.class)).isEqualTo(draft);

        // a second reminder the same day would tell who answered since: refused, and no mail goes
        Reply again = call("POST", "/api/v1/windows/" + windowId + "/codes/remind?role=TEACHER", null, room.admin());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().toString()).contains("tomorrow");
        assertThat(TestMail.to(teachers.get(4).email())).hasSize(2);

        // leaders are reminded on their own: only the one who has not answered
        assertThat(ok("POST", "/api/v1/windows/" + windowId + "/codes/remind?role=LEADER", null, room.admin()).get("sent").asInt()).isEqualTo(1);
        assertThat(TestMail.to(leaders.get(0).email()).size() + TestMail.to(leaders.get(1).email()).size()).isEqualTo(3);

        // only a manager of the window may remind; a teacher may not
        StaffUser teacher = fixtures.staffUser(teachers.get(0).email());
        assertThat(call("POST", "/api/v1/windows/" + windowId + "/codes/remind?role=TEACHER", null, teacher).status()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/windows/" + windowId + "/codes/remind?role=PUPIL", null, room.admin()).status()).isEqualTo(400);

        // teacher 4 answers with the reminded code; closing the window forgets every pairing left
        JsonNode fourth = ok("POST", "/api/v1/survey/session", Map.of("code", codes.get(3)), null);
        ok("POST", "/api/v1/survey/submit", Map.of("code", codes.get(3), "answers", everyAnswer(fourth, 4)), null);
        assertThat(pairings(windowId)).isEqualTo(3);
        ok("POST", "/api/v1/windows/" + windowId + "/close?confirm=true", null, room.admin());
        assertThat(pairings(windowId)).as("nothing of who got which code outlives the window").isZero();
        Reply closed = call("POST", "/api/v1/windows/" + windowId + "/codes/remind?role=TEACHER", null, room.admin());
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.body().toString()).contains("open");
    }
}
