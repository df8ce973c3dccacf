package org.rapport.app.survey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.Item;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Teachers and leaders take their survey through the JSON API; once the window is closed and the
 * network calibrated on it, the staff relationships of the trust map have measures made of exactly
 * those answers. Every step is an HTTP request a real client makes.
 */
class StaffSurveyMeasuredTest extends AppTest {
    static final int TEACHERS = 40;

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ObjectMapper json;

    final HttpClient http = HttpClient.newHttpClient();

    JsonNode call(String method, String path, Object body, StaffUser as, String idempotencyKey, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (as != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (as.email() + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
        return r.body().isBlank() ? null : json.readTree(r.body());
    }

    /** A respondent at level {@code theta} answers each question by a partial credit model of its own difficulty. */
    static Map<String, Integer> answers(JsonNode session, double theta, SplittableRandom random) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (JsonNode block : session.get("blocks")) {
            for (JsonNode q : block.get("questions")) {
                double difficulty = (q.get("itemId").asText().hashCode() % 7) / 7.0;
                int value = 0;
                for (int step = 0; step < Item.MAX_VALUE; step++) {
                    double p = 1 / (1 + Math.exp(-(theta - difficulty - (step - 1.5))));
                    value += random.nextDouble() < p ? 1 : 0;
                }
                answers.put(q.get("key").asText(), value);
            }
        }
        return answers;
    }

    @Test
    void teachersAndLeadersAnswersThroughTheApiAreMeasuredOnceTheWindowClosesAndTheNetworkIsCalibrated() throws Exception {
        long network = fixtures.network();
        StaffUser networkAdmin = fixtures.networkAdmin(network);
        Fixtures.StaffRoom school = fixtures.staffRoom(network, TEACHERS, 20);
        String windowName = "Staff " + UUID.randomUUID().toString().substring(0, 6);
        JsonNode window = call("POST", "/api/v1/schools/" + school.schoolId() + "/windows", Map.of("name", windowName), school.admin(), null, 201);
        long windowId = window.get("id").asLong();
        call("POST", "/api/v1/windows/" + windowId + "/open", null, school.admin(), null, 200);
        List<String> teacherCodes = codes(call("POST", "/api/v1/windows/" + windowId + "/codes", Map.of("role", "TEACHER"), school.admin(), null, 201));
        List<String> leaderCodes = codes(call("POST", "/api/v1/windows/" + windowId + "/codes", Map.of("role", "LEADER"), school.admin(), null, 201));
        assertThat(teacherCodes).hasSize(TEACHERS);
        assertThat(leaderCodes).hasSize(2);

        SplittableRandom random = new SplittableRandom(12);
        int submitted = 0;
        for (String code : teacherCodes.subList(0, TEACHERS - 3)) {
            JsonNode session = call("POST", "/api/v1/survey/session", Map.of("code", code), null, null, 200);
            assertThat(session.get("role").asText()).isEqualTo("TEACHER");
            assertThat(session.get("blocks").findValuesAsText("relationship"))
                    .containsExactly("TEACHER_COLLEAGUES", "TEACHER_LEADERS", "TEACHER_PUPILS");
            Map<String, Integer> answers = answers(session, 1.5 * random.nextGaussian(), random);
            // half saved as a draft first, then everything sent
            Map<String, Integer> half = new LinkedHashMap<>();
            answers.entrySet().stream().limit(answers.size() / 2).forEach(e -> half.put(e.getKey(), e.getValue()));
            call("PUT", "/api/v1/survey/draft", Map.of("code", code, "answers", half), null, null, 200);
            JsonNode ack = call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", answers), null, UUID.randomUUID().toString(), 200);
            assertThat(ack.get("answered").asInt()).isEqualTo(answers.size());
            submitted++;
        }
        for (String code : leaderCodes) {
            JsonNode session = call("POST", "/api/v1/survey/session", Map.of("code", code), null, null, 200);
            assertThat(session.get("blocks").findValuesAsText("relationship")).containsExactly("LEADER_STAFF");
            call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", answers(session, random.nextGaussian(), random)),
                    null, UUID.randomUUID().toString(), 200);
        }
        JsonNode rates = call("GET", "/api/v1/windows/" + windowId + "/response-rates", null, school.admin(), null, 200);
        assertThat(rates.findValues("role").stream().map(JsonNode::asText).toList()).containsExactly("TEACHER", "LEADER");
        assertThat(rates.get(0).get("used").asInt()).isEqualTo(submitted);
        assertThat(rates.get(1).get("used").asInt()).isEqualTo(2);

        // open: not calibrated yet, so no number on any scale
        JsonNode before = call("GET", "/api/v1/windows/" + windowId + "/report", null, school.admin(), null, 200);
        assertThat(before.get("calibrated").asBoolean()).isFalse();

        call("POST", "/api/v1/windows/" + windowId + "/close?confirm=true", null, school.admin(), null, 200);
        JsonNode calibration = call("POST", "/api/v1/calibration", Map.of("window", windowName), networkAdmin, null, 201);
        JsonNode colleaguesScale = scale(calibration, "TEACHER_COLLEAGUES");
        assertThat(colleaguesScale.get("calibrated").asBoolean()).as(colleaguesScale.toString()).isTrue();
        assertThat(colleaguesScale.get("rows").asInt()).isEqualTo(submitted);

        JsonNode map = call("GET", "/api/v1/windows/" + windowId + "/report", null, school.admin(), null, 200);
        assertThat(map.get("calibrated").asBoolean()).isTrue();
        JsonNode colleagues = arrow(map, "TEACHER_COLLEAGUES");
        assertThat(colleagues.get("school").get("respondents").asInt()).isEqualTo(submitted);
        assertThat(colleagues.get("school").get("invited").asInt()).isEqualTo(TEACHERS);
        assertThat(colleagues.get("school").get("estimate").asDouble()).isBetween(40.0, 60.0);
        assertThat(colleagues.get("school").get("lower").asDouble()).isLessThan(colleagues.get("school").get("estimate").asDouble());
        // two leaders are fewer than the threshold: their arrow carries no number
        assertThat(arrow(map, "LEADER_STAFF").get("school").has("estimate")).isFalse();
        // the facet view of the teachers' trust in their leaders, for a teacher of the school too
        JsonNode leaders = call("GET", "/api/v1/windows/" + windowId + "/relationships/TEACHER_LEADERS", null, school.admin(), null, 200);
        assertThat(leaders.get("panels").get(0).get("measure").get("respondents").asInt()).isEqualTo(submitted);
        // each part's answer shares name every answer scale its items use: competence asks "how much" and "how often"
        // (labelled by its first item's scale alone, "Not at all" also counted the "Never"s)
        for (JsonNode panel : leaders.get("panels")) {
            if (panel.get("facet").asText().equals("competence")) {
                assertThat(panel.get("answerShares")).hasSize(5);
                assertThat(panel.get("answerShares").get(0).asText()).startsWith("Not at all / Never ");
                assertThat(panel.get("answerShares").get(4).asText()).startsWith("A lot / Always ");
            }
        }
        assertThat(leaders.get("panels").findValuesAsText("facet")).contains("competence");
    }

    /** The codes of the one group generated (staff codes come as one group). */
    static List<String> codes(JsonNode generated) {
        assertThat(generated.get("groups")).hasSize(1);
        List<String> codes = new java.util.ArrayList<>();
        generated.get("groups").get(0).get("codes").forEach(c -> codes.add(c.asText()));
        return codes;
    }

    static JsonNode scale(JsonNode overview, String key) {
        for (JsonNode s : overview.get("scales")) {
            if (s.get("key").asText().equals(key)) {
                return s;
            }
        }
        throw new AssertionError("no scale " + key + " in " + overview);
    }

    static JsonNode arrow(JsonNode map, String relationship) {
        for (JsonNode a : map.get("arrows")) {
            if (a.get("relationship").asText().equals(relationship)) {
                return a;
            }
        }
        throw new AssertionError("no arrow " + relationship + " in " + map);
    }
}
