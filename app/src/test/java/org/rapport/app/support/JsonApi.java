package org.rapport.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** JSON requests to the running application, and the check that a refusal is a problem document naming its fault. */
public final class JsonApi {
    private JsonApi() {
    }

    public record Answer(int status, String contentType, JsonNode body) {
    }

    public static Answer send(HttpClient http, ObjectMapper json, int port, String method, String path, String body,
                              String idempotencyKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node = r.body().isBlank() ? null : json.readTree(r.body());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), node);
    }

    public static void assertProblem(Answer a, int status, String field, String messagePart) {
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.body().get("status").asInt()).isEqualTo(status);
        assertThat(a.body().toString()).doesNotContain("Exception", "at org.", "at java.");
        if (field != null) {
            assertThat(a.body().get("errors").get(0).get("field").asText()).isEqualTo(field);
        }
        if (messagePart != null) {
            assertThat(a.body().toString()).contains(messagePart);
        }
    }

    /**
     * A JSON request as a client makes it: the body as JSON, Basic authentication as {@code as} (null:
     * none), a fresh Idempotency-Key on a submission. Answers the status and the body read as JSON.
     */
    public static Answer call(HttpClient http, ObjectMapper json, int port, String method, String path, Object body,
                              org.rapport.app.security.StaffUser as) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (as != null) {
            b.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (as.email() + ":" + Fixtures.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        if (path.endsWith("/submit")) {
            b.header("Idempotency-Key", java.util.UUID.randomUUID().toString());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body().isBlank() ? null : json.readTree(r.body()));
    }

    /** {@link #call}, asserting the status: the body as JSON. */
    public static JsonNode expect(HttpClient http, ObjectMapper json, int port, String method, String path, Object body,
                                  org.rapport.app.security.StaffUser as, int expected) throws Exception {
        Answer a = call(http, json, port, method, path, body, as);
        assertThat(a.status()).as(method + " " + path + ": " + a.body()).isEqualTo(expected);
        return a.body();
    }
}
