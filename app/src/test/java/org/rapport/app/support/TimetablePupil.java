package org.rapport.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A timetable pupil taking the survey over the JSON API on one device: opens their home group's code, chooses their
 * classes, and sends back the device's key ({@code Draft-Key}) that choosing gave, as the survey's page does with its cookie.
 */
public final class TimetablePupil {
    private final HttpClient http;
    private final ObjectMapper json;
    private final int port;
    private final String code;
    private String key;

    public TimetablePupil(HttpClient http, ObjectMapper json, int port, String code) {
        this.http = http;
        this.json = json;
        this.port = port;
        this.code = code;
    }

    /** A status and a body as JSON; the device's key kept when the answer gives one. */
    public record Answer(int status, JsonNode body) {
    }

    public Answer send(String method, String path, Map<String, Object> body) throws Exception {
        Map<String, Object> withCode = new LinkedHashMap<>(body);
        withCode.put("code", code);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(withCode)));
        if (key != null) {
            b.header("Draft-Key", key);
        }
        if (path.endsWith("/submit")) {
            b.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        r.headers().firstValue("Draft-Key").ifPresent(k -> key = k);
        return new Answer(r.statusCode(), r.body().isBlank() ? null : json.readTree(r.body()));
    }

    private JsonNode expect(String method, String path, Map<String, Object> body, int status) throws Exception {
        Answer a = send(method, path, body);
        assertThat(a.status()).as(method + " " + path + ": " + a.body()).isEqualTo(status);
        return a.body();
    }

    /** The survey document as this device gets it. */
    public JsonNode session() throws Exception {
        return expect("POST", "/api/v1/survey/session", Map.of(), 200);
    }

    /** Chooses these classes (ids) besides the home group: the survey drawn for them. */
    public JsonNode choose(List<Long> classIds) throws Exception {
        return expect("PUT", "/api/v1/survey/classes", Map.of("classes", classIds), 200);
    }

    public JsonNode draft(Map<String, Integer> answers) throws Exception {
        return expect("PUT", "/api/v1/survey/draft", Map.of("answers", answers), 200);
    }

    public JsonNode submit(Map<String, Integer> answers, Map<String, String> comments) throws Exception {
        return expect("POST", "/api/v1/survey/submit", Map.of("answers", answers, "comments", comments), 200);
    }

    public String code() {
        return code;
    }

    /** The key this device was given, or null before it chose. */
    public String key() {
        return key;
    }
}
