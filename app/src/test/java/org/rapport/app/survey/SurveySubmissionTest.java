package org.rapport.app.survey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Taking a survey over the JSON API, against the real server and database. */
class SurveySubmissionTest extends AppTest {
    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    final HttpClient http = HttpClient.newHttpClient();
    Fixtures.SchoolSetup school;
    SurveyWindow window;

    @BeforeEach
    void setUp() {
        school = fixtures.school(fixtures.network(), 6, 5);
        window = fixtures.openWindow(school.schoolId());
    }

    record Answer(int status, JsonNode body) {
    }

    Answer call(String method, String path, Object body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json.writeValueAsString(body)));
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? null : json.readTree(r.body()));
    }

    Map<String, Integer> answerEverything(JsonNode session, int value) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (JsonNode block : session.get("blocks")) {
            for (JsonNode q : block.get("questions")) {
                answers.put(q.get("key").asText(), value);
            }
        }
        return answers;
    }

    @Test
    void pupilGetsOneBlockPerTeacherPlusTheSchoolBlock() throws Exception {
        String code = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(0);
        Answer session = call("POST", "/api/v1/survey/session", Map.of("code", code), Map.of());
        assertThat(session.status()).isEqualTo(200);
        List<String> relationships = new ArrayList<>();
        session.body().get("blocks").forEach(b -> relationships.add(b.get("relationship").asText()
                + (b.hasNonNull("targetId") ? ":" + b.get("targetId").asLong() : "")));
        assertThat(relationships).containsExactlyInAnyOrder(
                "PUPIL_TEACHER:" + school.teacherA().id(), "PUPIL_TEACHER:" + school.teacherB().id(), "PUPIL_SCHOOL");
        // one item per facet in a teacher block: six short questions, plain language with the teacher's name
        JsonNode teacherBlock = session.body().get("blocks").get(0);
        assertThat(teacherBlock.get("questions")).hasSize(6);
        assertThat(teacherBlock.get("questions").get(0).get("text").asText()).contains(teacherBlock.get("targetName").asText());
        assertThat(teacherBlock.get("questions").get(0).get("options")).hasSize(5);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(RespondentRole.class)
    void everyRoleStartsSavesAndSubmitsThroughTheApi(RespondentRole role) throws Exception {
        String code = fixtures.codes(window, role, role.perClass() ? school.class1() : null).get(0);
        Answer session = call("POST", "/api/v1/survey/session", Map.of("code", code), Map.of());
        assertThat(session.status()).as(String.valueOf(session.body())).isEqualTo(200);
        List<String> relationships = new ArrayList<>();
        session.body().get("blocks").forEach(b -> relationships.add(b.get("relationship").asText()));
        assertThat(relationships).containsAll(role.relationships().stream().map(Enum::name).toList());
        Map<String, Integer> answers = answerEverything(session.body(), 3);
        String first = answers.keySet().iterator().next();
        assertThat(call("PUT", "/api/v1/survey/draft", Map.of("code", code, "answers", Map.of(first, 1)), Map.of()).status())
                .isEqualTo(200);
        Answer submitted = call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", answers),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(submitted.status()).as(String.valueOf(submitted.body())).isEqualTo(200);
        assertThat(submitted.body().get("answered").asInt()).isEqualTo(answers.size());
        assertThat(jdbc.sql("select count(*) from response where window_id = ? and respondent_role = ?")
                .params(window.id(), role.name()).query(Long.class).single()).isEqualTo(1);
        assertThat(call("POST", "/api/v1/survey/session", Map.of("code", code), Map.of()).status()).isEqualTo(409);
    }

    @Test
    void draftIsKeptAndResumedWithTheSameCode() throws Exception {
        String code = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(0);
        JsonNode session = call("POST", "/api/v1/survey/session", Map.of("code", code), Map.of()).body();
        String key = session.get("blocks").get(0).get("questions").get(0).get("key").asText();
        Answer saved = call("PUT", "/api/v1/survey/draft", Map.of("code", code, "answers", Map.of(key, 3)), Map.of());
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body().get("answered").asInt()).isEqualTo(1);

        String typedDifferently = code.substring(0, 5).toLowerCase() + " - " + code.substring(5);
        JsonNode resumed = call("POST", "/api/v1/survey/session", Map.of("code", typedDifferently), Map.of()).body();
        assertThat(resumed.get("answers").get(key).asInt()).isEqualTo(3);
        assertThat(resumed.get("blocks").toString()).isEqualTo(session.get("blocks").toString());
    }

    @Test
    void concurrentSubmissionsOfOneCodeHaveExactlyOneWinner() throws Exception {
        String code = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(0);
        Map<String, Integer> answers = answerEverything(call("POST", "/api/v1/survey/session", Map.of("code", code), Map.of()).body(), 2);
        int clients = 12;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Callable<Answer> submit = () -> {
                go.await();
                return call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", answers),
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            };
            results.add(pool.submit(submit));
        }
        go.countDown();
        int ok = 0, conflict = 0;
        for (Future<Answer> f : results) {
            Answer a = f.get();
            if (a.status() == 200) {
                ok++;
            } else if (a.status() == 409) {
                conflict++;
                assertThat(a.body().get("detail").asText()).contains("already been used");
            }
        }
        pool.shutdown();
        assertThat(ok).isEqualTo(1);
        assertThat(conflict).isEqualTo(clients - 1);
        assertThat(responses()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from answer a join response r on r.id = a.response_id where r.window_id = ?")
                .param(window.id()).query(Long.class).single()).isEqualTo(answers.size());
    }

    @Test
    void retriedSubmissionIsStoredOnceAndAcknowledgedAlike() throws Exception {
        String code = fixtures.codes(window, RespondentRole.PUPIL, school.class2()).get(0);
        Map<String, Integer> answers = answerEverything(call("POST", "/api/v1/survey/session", Map.of("code", code), Map.of()).body(), 4);
        String key = UUID.randomUUID().toString();
        Answer first = call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", answers), Map.of("Idempotency-Key", key));
        Answer retry = call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", answers), Map.of("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(first.body().get("receipt").asText()).startsWith("R-");
        assertThat(responses()).isEqualTo(1);

        // concurrent retries of one key: one submission stored, every answer the same acknowledgement
        String code2 = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(1);
        String key2 = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        Map<String, Integer> answers2 = answerEverything(call("POST", "/api/v1/survey/session", Map.of("code", code2), Map.of()).body(), 2);
        List<Future<Answer>> results = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            results.add(pool.submit(() -> call("POST", "/api/v1/survey/submit", Map.of("code", code2, "answers", answers2),
                    Map.of("Idempotency-Key", key2))));
        }
        JsonNode ack = null;
        for (Future<Answer> f : results) {
            Answer a = f.get();
            assertThat(a.status()).isEqualTo(200);
            ack = ack == null ? a.body() : ack;
            assertThat(a.body()).isEqualTo(ack);
        }
        pool.shutdown();
        assertThat(responses()).isEqualTo(2);
    }

    @Test
    void aKeyUsedForOneCodeCannotSubmitAnother() throws Exception {
        List<String> codes = fixtures.codes(window, RespondentRole.PUPIL, school.class1());
        String key = UUID.randomUUID().toString();
        Map<String, Object> first = Map.of("code", codes.get(0), "answers",
                answerEverything(call("POST", "/api/v1/survey/session", Map.of("code", codes.get(0)), Map.of()).body(), 3));
        Map<String, Object> second = Map.of("code", codes.get(1), "answers",
                answerEverything(call("POST", "/api/v1/survey/session", Map.of("code", codes.get(1)), Map.of()).body(), 3));
        assertThat(call("POST", "/api/v1/survey/submit", first, Map.of("Idempotency-Key", key)).status()).isEqualTo(200);
        Answer other = call("POST", "/api/v1/survey/submit", second, Map.of("Idempotency-Key", key));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(responses()).isEqualTo(1);
        // the second code was not used up by the refused submission
        assertThat(call("POST", "/api/v1/survey/submit", second, Map.of("Idempotency-Key", UUID.randomUUID().toString())).status())
                .isEqualTo(200);
    }

    @Test
    void usedCodeIsRefusedWithAFriendlyMessage() throws Exception {
        String code = fixtures.codes(window, RespondentRole.PARENT, school.class1()).get(0);
        Map<String, Integer> answers = answerEverything(call("POST", "/api/v1/survey/session", Map.of("code", code), Map.of()).body(), 1);
        // nothing answered: nothing to send, and the code is not used up
        Answer empty = call("POST", "/api/v1/survey/submit", Map.of("code", code), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().get("errors").get(0).get("field").asText()).isEqualTo("answers");
        assertThat(empty.body().toString()).contains("nothing to send");
        assertThat(responses()).isZero();
        assertThat(call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", answers),
                Map.of("Idempotency-Key", UUID.randomUUID().toString())).status()).isEqualTo(200);
        Answer again = call("POST", "/api/v1/survey/session", Map.of("code", code), Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("detail").asText()).isEqualTo(
                "This code has already been used, so the answers are in. Thank you for taking part!");
        assertThat(again.body().get("errors").get(0).get("field").asText()).isEqualTo("code");
        Answer another = call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", answers),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(another.status()).isEqualTo(409);
    }

    @Test
    void aCommentThatShowsNothingSendsNoSurvey() throws Exception {
        String code = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(0);
        // the outside test: nothing answered, a comment of a Hangul filler, a choseong filler, a braille blank, a combining
        // grapheme joiner and a Khmer inherent vowel was taken (200, "answered": 0) and the code used up
        Answer invisible = call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", Map.of(),
                "comments", Map.of("PUPIL_SCHOOL", AnswerValidatorTest.SHOWS_NOTHING)), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(invisible.status()).as(String.valueOf(invisible.body())).isEqualTo(400);
        assertThat(invisible.body().get("errors").get(0).get("field").asText()).isEqualTo("answers");
        assertThat(invisible.body().toString()).contains("nothing to send");
        assertThat(responses()).isZero();
        // the code still works
        assertThat(call("POST", "/api/v1/survey/submit", Map.of("code", code, "comments", Map.of("PUPIL_SCHOOL", "Thank you.")),
                Map.of("Idempotency-Key", UUID.randomUUID().toString())).status()).isEqualTo(200);
        assertThat(responses()).isEqualTo(1);
    }

    @Test
    void storedResponsesCarryNoCodeNoAddressNoClientAndOnlyTheDay() throws Exception {
        List<String> columns = jdbc.sql("""
                select table_name || '.' || column_name || ':' || data_type from information_schema.columns
                where table_schema = 'public' and table_name in ('response', 'answer')""").query(String.class).list();
        assertThat(columns).containsExactlyInAnyOrder(
                "response.id:uuid", "response.window_id:bigint", "response.respondent_role:text", "response.class_id:bigint",
                "response.submitted_on:date", "response.language:text",
                "answer.response_id:uuid", "answer.item_id:text", "answer.target_staff:bigint", "answer.value:smallint");
        // the code table holds no plain code and no time of use
        String code = fixtures.codes(window, RespondentRole.TEACHER, null).get(0);
        assertThat(jdbc.sql("""
                select count(*) from access_code where encode(code_hash, 'escape') like ? or encode(sealed_code, 'escape') like ?""")
                .params("%" + code + "%", "%" + code + "%").query(Long.class).single()).isZero();
        List<String> codeColumns = jdbc.sql("""
                select column_name from information_schema.columns where table_name = 'access_code'""").query(String.class).list();
        // sealed_code: an unused code's sealed copy, for printing it again, goes when the code is used; pattern_seal: a
        // timetable pupil's code's pattern, sealed, while unused; timetable: that it was one (TimetableRoundTest)
        assertThat(codeColumns).containsExactlyInAnyOrder("code_hash", "window_id", "respondent_role", "class_id", "used", "sealed_code",
                "pattern_seal", "timetable");
    }

    long responses() {
        return jdbc.sql("select count(*) from response where window_id = ?").param(window.id()).query(Long.class).single();
    }
}
