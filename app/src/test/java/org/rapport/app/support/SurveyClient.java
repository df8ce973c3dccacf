package org.rapport.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Respondents as the survey's own page behaves towards a server that may be restarting: each opens the
 * survey with its code, saves half its answers, checks they are kept, then submits with an
 * idempotency key until acknowledged. Connection failures and 5xx are retried; anything else counts
 * as a refusal.
 */
public final class SurveyClient {
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final int port;
    public final Map<String, String> receipts = new java.util.concurrent.ConcurrentHashMap<>();
    public final AtomicInteger lostDrafts = new AtomicInteger();
    public final AtomicInteger refusals = new AtomicInteger();
    public final AtomicInteger expectedAnswers = new AtomicInteger();

    public SurveyClient(int port) {
        this.port = port;
    }

    /** One respondent: open the survey, save half the answers, check they are kept, then submit until acknowledged. */
    public void takeSurvey(String code, Random random) throws Exception {
        JsonNode session = retry("POST", "/api/v1/survey/session", "{\"code\":\"" + code + "\"}", null);
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (JsonNode block : session.get("blocks")) {
            for (JsonNode q : block.get("questions")) {
                answers.put(q.get("key").asText(), random.nextInt(5));
            }
        }
        Map<String, Integer> half = new LinkedHashMap<>();
        answers.entrySet().stream().limit(answers.size() / 2).forEach(e -> half.put(e.getKey(), e.getValue()));
        retry("PUT", "/api/v1/survey/draft", json.writeValueAsString(Map.of("code", code, "answers", half)), null);
        JsonNode resumed = retry("POST", "/api/v1/survey/session", "{\"code\":\"" + code + "\"}", null);
        for (Map.Entry<String, Integer> e : half.entrySet()) {
            JsonNode saved = resumed.get("answers").get(e.getKey());
            if (saved == null || saved.asInt() != e.getValue()) {
                lostDrafts.incrementAndGet();
                break;
            }
        }
        String key = UUID.randomUUID().toString();
        JsonNode ack = retry("POST", "/api/v1/survey/submit", json.writeValueAsString(Map.of("code", code, "answers", answers)), key);
        expectedAnswers.addAndGet(answers.size());
        receipts.put(code, ack.get("receipt").asText());
    }

    /** Sends until the server answers 200; connection failures and 5xx (a server or database restarting) are retried. */
    JsonNode retry(String method, String path, String body, String key) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
                if (key != null) {
                    b.header("Idempotency-Key", key);
                }
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return json.readTree(r.body());
                }
                if (r.statusCode() < 500) {
                    refusals.incrementAndGet();
                    throw new IllegalStateException(method + " " + path + " refused: " + r.statusCode() + " " + r.body());
                }
            } catch (IOException e) {
                // the server is down or restarting: try again
            }
            Thread.sleep(150);
        }
        throw new IllegalStateException(method + " " + path + " did not succeed within three minutes");
    }
}
