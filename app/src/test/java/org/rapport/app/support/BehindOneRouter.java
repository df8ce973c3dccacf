package org.rapport.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Respondents behind one address (a school's router) answering through the survey API as the survey page
 * does: the code typed in lower case, half the answers saved, the survey opened again and the saved answers
 * found, then sent, and sent again with the same key when the page did not see the answer, each request after the
 * first with the proof of having opened the code that the first answered (as the survey page keeps it). Every status the
 * server gave is kept, so that a test can say none was a 429.
 */
public final class BehindOneRouter {
    private final int port;
    private final String address;
    private final ObjectMapper json;
    private final List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());

    /** Behind {@code address} (127.0.0.x) to the server on {@code port}. */
    public BehindOneRouter(int port, String address, ObjectMapper json) {
        this.port = port;
        this.address = address;
        this.json = json;
    }

    /** Every status answered so far, in order. */
    public List<Integer> statuses() {
        synchronized (statuses) {
            return List.copyOf(statuses);
        }
    }

    public FromAddress send(String method, String path, Object body, String idempotencyKey) throws Exception {
        return send(method, path, body, idempotencyKey, null);
    }

    /** With the proof the session gave for the code ({@code Code-Proof}), when not null. */
    public FromAddress send(String method, String path, Object body, String idempotencyKey, String proof) throws Exception {
        return send(method, path, body, idempotencyKey, proof, null);
    }

    /** With the proof, and the device's key to a timetable pupil's survey ({@code Draft-Key}), each when not null. */
    public FromAddress send(String method, String path, Object body, String idempotencyKey, String proof, String draftKey) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        if (proof != null) {
            headers.put("Code-Proof", proof);
        }
        if (draftKey != null) {
            headers.put("Draft-Key", draftKey);
        }
        headers.put("Content-Type", "application/json");
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        FromAddress r = FromAddress.send(port, address, method, path, headers, json.writeValueAsString(body));
        statuses.add(r.status());
        return r;
    }

    public JsonNode ok(String method, String path, Object body, String key) throws Exception {
        return ok(method, path, body, key, null);
    }

    public JsonNode ok(String method, String path, Object body, String key, String proof) throws Exception {
        return ok(method, path, body, key, proof, null);
    }

    public JsonNode ok(String method, String path, Object body, String key, String proof, String draftKey) throws Exception {
        FromAddress r = send(method, path, body, key, proof, draftKey);
        assertThat(r.status()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    /**
     * One respondent with {@code code}: opens the survey, saves half of {@code answers}' choice, opens it again
     * and finds them, sends, and sends again with the same key (the same receipt). Returns the receipt.
     */
    public String answer(String code, Function<JsonNode, Map<String, Integer>> answers) throws Exception {
        return answer(code, null, answers);
    }

    /**
     * As {@link #answer(String, Function)}; a timetable pupil first chooses their classes ({@code classes}, given the
     * survey document that offers them) and sends the device's key it got back with everything after.
     */
    public String answer(String code, Function<JsonNode, List<Long>> classes, Function<JsonNode, Map<String, Integer>> answers) throws Exception {
        FromAddress opened = send("POST", "/api/v1/survey/session", Map.of("code", code.toLowerCase()), null);
        assertThat(opened.status()).as("opening " + code + ": " + opened.body()).isEqualTo(200);
        JsonNode session = json.readTree(opened.body());
        // as the survey page does: the proof of having opened the code goes back with everything after
        String proof = opened.headers().get("code-proof");
        assertThat(proof).as("the session's proof").isNotBlank();
        String draftKey = null;
        if (session.hasNonNull("chooseClasses") && session.get("blocks").isEmpty()) {
            assertThat(classes).as("classes to choose for " + code).isNotNull();
            FromAddress chosen = send("PUT", "/api/v1/survey/classes", Map.of("code", code, "classes", classes.apply(session)), null, proof);
            assertThat(chosen.status()).as("choosing classes for " + code + ": " + chosen.body()).isEqualTo(200);
            draftKey = chosen.headers().get("draft-key");
            assertThat(draftKey).as("the device's key").isNotBlank();
            session = json.readTree(chosen.body());
        }
        Map<String, Integer> all = answers.apply(session);
        assertThat(all).as("questions for " + code).isNotEmpty();
        Map<String, Integer> half = new LinkedHashMap<>();
        all.entrySet().stream().limit(all.size() / 2).forEach(e -> half.put(e.getKey(), e.getValue()));
        ok("PUT", "/api/v1/survey/draft", Map.of("code", code, "answers", half), null, proof, draftKey);
        JsonNode resumed = ok("POST", "/api/v1/survey/session", Map.of("code", code), null, proof, draftKey);
        assertThat(json.convertValue(resumed.get("answers"), Map.class)).as("the saved half, found again").isEqualTo(half);
        String key = UUID.randomUUID().toString();
        String receipt = ok("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", all), key, proof, draftKey).get("receipt").asText();
        assertThat(receipt).isNotBlank();
        // the page sends again when it did not see the answer: the same acknowledgement, nothing stored twice
        assertThat(ok("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", all), key, proof, draftKey).get("receipt").asText())
                .isEqualTo(receipt);
        return receipt;
    }
}
