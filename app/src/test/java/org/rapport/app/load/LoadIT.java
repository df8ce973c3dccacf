package org.rapport.app.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.rapport.app.support.RapportProcess;
import org.rapport.app.support.SurveyFixture;

/**
 * The load driver: durable survey submissions per second with p50/p99 latency, against the real
 * server on PostgreSQL, beside a baseline of plain JDBC inserts of the same rows into the same
 * database at the same concurrency. CI runs it small (and checks every submission is stored);
 * scripts/load runs the full size. Results: target/load.txt, recorded in docs/PERFORMANCE.md.
 */
class LoadIT {
    static final int SUBMISSIONS = Integer.parseInt(System.getenv().getOrDefault("RAPPORT_LOAD_SUBMISSIONS", "200"));
    static final int CONCURRENCY = Integer.parseInt(System.getenv().getOrDefault("RAPPORT_LOAD_CONCURRENCY", "8"));
    static final int WARMUP = Math.max(20, SUBMISSIONS / 5);
    static final int WRK_SECONDS = Integer.parseInt(System.getenv().getOrDefault("RAPPORT_LOAD_SECONDS", "10"));
    static final String SECRET = "load-test-secret-" + UUID.randomUUID();

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Result(String what, int count, double seconds, Histogram latency) {
        double rate() {
            return count / seconds;
        }

        String line() {
            return String.format("%-34s %6d in %6.2f s = %7.1f /s   p50 %6.2f ms   p99 %6.2f ms   max %7.2f ms",
                    what, count, seconds, rate(), latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0);
        }
    }

    interface Job {
        void run(int index) throws Exception;
    }

    static Result drive(String what, int count, Job job) throws Exception {
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < CONCURRENCY; t++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    long t0 = System.nanoTime();
                    job.run(i);
                    long micros = (System.nanoTime() - t0) / 1000;
                    synchronized (latency) {
                        latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(10, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(what, count, seconds, latency);
    }

    @Test
    void submissionsPerSecondBesidePlainJdbcInserts() throws Exception {
        RapportProcess app = new RapportProcess("load-app", SECRET);
        app.start();
        try {
            SurveyFixture fixture = SurveyFixture.create(app, WARMUP + SUBMISSIONS);
            // untimed: open every survey, so that each submission carries a full set of answers
            List<Map<String, Integer>> answers = new ArrayList<>();
            Random random = new Random(1);
            for (String code : fixture.codes()) {
                JsonNode session = post(app, "/api/v1/survey/session", "{\"code\":\"" + code + "\"}", null);
                Map<String, Integer> a = new LinkedHashMap<>();
                session.get("blocks").forEach(b -> b.get("questions").forEach(q -> a.put(q.get("key").asText(), random.nextInt(5))));
                answers.add(a);
            }
            int answersPerSubmission = answers.get(0).size();

            Result baseline = baseline(fixture, answers);
            // the first WARMUP submissions warm the server up and are not counted
            Job submit = i -> post(app, "/api/v1/survey/submit",
                    json.writeValueAsString(Map.of("code", fixture.codes().get(i), "answers", answers.get(i))),
                    UUID.randomUUID().toString());
            drive("warm-up", WARMUP, submit);
            boolean wrk = System.getenv("RAPPORT_LOAD_WRK") != null;
            Result rapport = wrk ? wrk(app, fixture, answers)
                    : drive("Rapport POST /api/v1/survey/submit", SUBMISSIONS, i -> submit.run(WARMUP + i));

            // for scale: the same driver against the cheapest endpoint, the floor of HTTP alone on this machine
            Result floor = drive("HTTP floor: GET /actuator/health", SUBMISSIONS, i -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app.url("/actuator/health"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
            });
            String report = String.format("concurrency %d, %d answers per submission, synchronous_commit on%n%s%n%s%n%s%n"
                            + "Rapport / baseline rate: %.2f%n", CONCURRENCY, answersPerSubmission, baseline.line(), rapport.line(),
                    floor.line(), rapport.rate() / baseline.rate());
            System.out.print(report);
            Files.writeString(Path.of("target", "load.txt"), report);

            try (Connection db = SurveyFixture.connect()) {
                long responses = SurveyFixture.count(db, "select count(*) from response where window_id = ?", fixture.windowId());
                if (!wrk) {
                    assertThat(responses).as("every acknowledged submission stored").isEqualTo(WARMUP + SUBMISSIONS);
                }
                assertThat(SurveyFixture.count(db, "select count(*) from access_code where window_id = ? and used", fixture.windowId()))
                        .as("one used code per stored submission").isEqualTo(responses);
            }
        } finally {
            app.kill();
        }
    }

    /** The same rows Rapport writes for a submission, inserted with plain JDBC (answers batched), one transaction each. */
    Result baseline(SurveyFixture fixture, List<Map<String, Integer>> answers) throws Exception {
        long window;
        try (Connection db = SurveyFixture.connect()) {
            window = SurveyFixture.insert(db, "insert into survey_window (school_id, name, status, item_bank) select school_id, "
                    + "'Baseline " + UUID.randomUUID() + "', 'CLOSED', 'test' from class_group where id = " + fixture.classId()
                    + " returning id");
        }
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
            try {
                Connection c = SurveyFixture.connect();
                c.setAutoCommit(false);
                return c;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long baselineWindow = window;
        Job insert = i -> {
            Connection c = connections.get();
            UUID id = UUID.randomUUID();
            try (PreparedStatement r = c.prepareStatement(
                    "insert into response (id, window_id, respondent_role, class_id, submitted_on) values (?, ?, 'PUPIL', ?, ?)");
                 PreparedStatement a = c.prepareStatement(
                         "insert into answer (response_id, item_id, target_staff, value) values (?, ?, ?, ?)")) {
                r.setObject(1, id);
                r.setLong(2, baselineWindow);
                r.setLong(3, fixture.classId());
                r.setObject(4, LocalDate.now());
                r.executeUpdate();
                for (Map.Entry<String, Integer> e : answers.get(i).entrySet()) {
                    String[] parts = e.getKey().split("@");
                    a.setObject(1, id);
                    a.setString(2, parts[0]);
                    if (parts.length > 1) {
                        a.setLong(3, Long.parseLong(parts[1]));
                    } else {
                        a.setNull(3, java.sql.Types.BIGINT);
                    }
                    a.setInt(4, e.getValue());
                    a.addBatch();
                }
                a.executeBatch();
            }
            c.commit();
        };
        drive("warm-up", WARMUP, insert);
        Result result = drive("baseline: plain JDBC inserts", SUBMISSIONS, i -> insert.run(WARMUP + i));
        try (Connection db = SurveyFixture.connect()) {
            assertThat(SurveyFixture.count(db, "select count(*) from response where window_id = ?", baselineWindow))
                    .isEqualTo(WARMUP + SUBMISSIONS);
        }
        return result;
    }

    /**
     * The submissions sent by wrk (C, an event loop a thread) instead of the JDK client, for a fixed
     * time, with more prepared bodies than the run can send: every request is a real submission.
     */
    Result wrk(RapportProcess app, SurveyFixture fixture, List<Map<String, Integer>> answers) throws Exception {
        Path bodies = Files.createTempFile("rapport-load", ".jsonl");
        StringBuilder sb = new StringBuilder();
        for (int i = WARMUP; i < fixture.codes().size(); i++) {
            sb.append(json.writeValueAsString(Map.of("code", fixture.codes().get(i), "answers", answers.get(i)))).append('\n');
        }
        Files.writeString(bodies, sb.toString());
        Path script = Path.of("src/test/resources/load/submit.lua").toAbsolutePath();
        int threads = 2;
        Process p = new ProcessBuilder("wrk", "-t" + threads, "-c" + CONCURRENCY, "-d" + WRK_SECONDS + "s", "--latency",
                "-s", script.toString(), app.url("/"), "--", bodies.toString(), Integer.toString(threads),
                UUID.randomUUID().toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(3, TimeUnit.MINUTES);
        Files.writeString(Path.of("target", "load-wrk.txt"), out);
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long requests = 0;
        double seconds = 0;
        for (String line : out.lines().toList()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*(50|99)%\\s+([0-9.]+)(us|ms|s)").matcher(line);
            if (m.find()) {
                double v = Double.parseDouble(m.group(2)) * (m.group(3).equals("s") ? 1e6 : m.group(3).equals("ms") ? 1e3 : 1);
                latency.recordValue((long) v);
            }
            java.util.regex.Matcher r = java.util.regex.Pattern.compile("^\\s*(\\d+) requests in ([0-9.]+)(s|m)").matcher(line);
            if (r.find()) {
                requests = Long.parseLong(r.group(1));
                seconds = Double.parseDouble(r.group(2)) * (r.group(3).equals("m") ? 60 : 1);
            }
        }
        assertThat(out).as(out).doesNotContain("Non-2xx").doesNotContain("prepared too few");
        assertThat(requests).as(out).isPositive();
        try (Connection db = SurveyFixture.connect()) {
            long stored = SurveyFixture.count(db, "select count(*) from response where window_id = ?", fixture.windowId()) - WARMUP;
            // requests still in flight when wrk stopped may be stored without being counted by wrk
            assertThat(stored).as("submissions stored").isBetween(requests, requests + CONCURRENCY);
        }
        return new Result("Rapport POST /submit (wrk, " + threads + " threads)", (int) requests, seconds, latency);
    }

    JsonNode post(RapportProcess app, String path, String body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return json.readTree(r.body());
    }
}
