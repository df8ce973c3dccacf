package org.rapport.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rapport.app.support.ModelRespondent;
import org.rapport.app.support.RapportProcess;
import org.rapport.app.support.StreamingReplica;
import org.rapport.app.support.SurveyFixture;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * Reports from a streaming replica (RAPPORT_DB_REPLICA_URL), for real: Debian's PostgreSQL as a primary and a hot
 * standby on loopback, two instances of Rapport (the built jar) on both. A network calibrates on a first round; in a
 * second round pupils send their surveys through either instance (written on the primary) while a leader reads the
 * school's trust map from one instance, then the other, over and over. Four phases: the replica up, the replica 1.5 s
 * behind, the replica killed, the replica back. Checked: no view ever shows fewer respondents for a relationship than a
 * view before it (on any instance); at the end of each phase both instances show the same as a third instance without a
 * replica; the replica served report reads (its log has them) before it was killed and again after
 * it came back; while it was behind, and while it was down, the reads went to the primary without one failed page; and
 * nothing was written on the replica: the instances' connections there are read-only, no statement of theirs in the
 * standby's log writes, and the standby is still a standby.
 */
class ReplicaReportsIT {
    static final String SECRET = "replica-test-secret-" + UUID.randomUUID();
    static final String REPLICA_APP = "rapport-replica";
    /** Pupils of the calibration round; then three phases of the second round. */
    static final int FIRST_ROUND = 50;
    static final int PER_PHASE = 24;
    static final int PUPILS = FIRST_ROUND + 4 * PER_PHASE;
    static final String PASSWORD = "network admin password";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final ObjectMapper json = new ObjectMapper();

    /** The highest number of respondents any view showed so far, per relationship, and every view that showed fewer. */
    final Map<String, Integer> shown = new ConcurrentHashMap<>();
    final List<String> wentBack = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Per relationship, the second round's pupils who answered about it (a pupil once, however many teachers). */
    final Map<String, Integer> answered = new ConcurrentHashMap<>();
    final AtomicInteger views = new AtomicInteger();

    @Test
    void reportsReadFromTheReplicaNeverShowFewerAnswersFallBackWhenItDiesAndWriteNothingThere() throws Exception {
        try (StreamingReplica pg = StreamingReplica.start()) {
            RapportProcess a = instance("replica-a", pg);
            RapportProcess b = instance("replica-b", pg);
            // what an instance without a replica shows, working from the primary alone, beside them at the end of each phase
            RapportProcess reference = new RapportProcess("replica-reference", SECRET)
                    .onDatabase(pg.primaryUrl(), StreamingReplica.USER, StreamingReplica.PASSWORD);
            List<RapportProcess> instances = List.of(a, b, reference);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                a.start();
                b.start();
                reference.start();
                SurveyFixture fixture = SurveyFixture.create(a, PUPILS, pg::primary);
                String admin = fixture.admin();
                long school = call(a, "GET", "/api/v1/windows/" + fixture.windowId(), null, admin, SurveyFixture.PASSWORD, 200).get("schoolId").asLong();
                String networkAdmin = networkAdmin(pg, school);

                // the first round, closed and calibrated on
                SplittableRandom random = new SplittableRandom(26);
                for (String code : fixture.codes().subList(0, FIRST_ROUND)) {
                    takeSurvey(a, code, random.split(), null);
                }
                String first = call(a, "GET", "/api/v1/windows/" + fixture.windowId(), null, admin, SurveyFixture.PASSWORD, 200).get("name").asText();
                call(a, "POST", "/api/v1/windows/" + fixture.windowId() + "/close?confirm=true", null, admin, SurveyFixture.PASSWORD, 200);
                call(a, "POST", "/api/v1/calibration", "{\"window\":\"" + first + "\"}", networkAdmin, PASSWORD, 201);

                // the second round: its codes, shared out over three phases
                long window = call(a, "POST", "/api/v1/schools/" + school + "/windows", "{\"name\":\"Second " + UUID.randomUUID().toString()
                        .substring(0, 6) + "\"}", admin, SurveyFixture.PASSWORD, 201).get("id").asLong();
                call(a, "POST", "/api/v1/windows/" + window + "/open", null, admin, SurveyFixture.PASSWORD, 200);
                List<String> codes = new ArrayList<>();
                call(a, "POST", "/api/v1/windows/" + window + "/codes", "{\"role\":\"PUPIL\"}", admin, SurveyFixture.PASSWORD, 201)
                        .get("groups").forEach(g -> g.get("codes").forEach(c -> codes.add(c.asText().replace("-", ""))));
                assertThat(codes).hasSizeGreaterThanOrEqualTo(4 * PER_PHASE);
                Report report = new Report(window, admin);

                // 1. the replica up: report reads go there
                phase(pool, List.of(a, b), codes.subList(0, PER_PHASE), report, random.split());
                int replicaReadsBefore = replicaReads(pg);
                assertThat(replicaReadsBefore).as("report reads served by the replica").isPositive();
                allShowTheSame(instances, report);

                // 2. the replica well behind (it holds each commit back for 1.5 s): reads go to the primary rather than show
                // less than the primary has (a batch read short there would stay short in the instance's state for good)
                pg.delayStandby(Duration.ofMillis(1500));
                phase(pool, List.of(a, b), codes.subList(PER_PHASE, 2 * PER_PHASE), report, random.split());
                allShowTheSame(instances, report);
                assertThat(Files.readString(a.log()) + Files.readString(b.log())).as("reads held back from a replica behind")
                        .contains("Report reads go to the primary for now: the replica is more than 250 ms behind");
                pg.delayStandby(Duration.ZERO);

                // 3. the replica killed: every page still answers, from the primary
                pg.killStandby();
                phase(pool, List.of(a, b), codes.subList(2 * PER_PHASE, 3 * PER_PHASE), report, random.split());
                allShowTheSame(instances, report);
                for (RapportProcess instance : List.of(a, b)) {
                    assertThat(Files.readString(instance.log())).as(instance.log() + " fell back to the primary")
                            .contains("Report reads go to the primary for now: the replica failed");
                }

                // 4. the replica back: once the instances try it again (after their pause), reads go there again
                int replicaReadsWhileDown = replicaReads(pg);
                pg.startStandby();
                Thread.sleep(6_000);
                phase(pool, List.of(a, b), codes.subList(3 * PER_PHASE, 4 * PER_PHASE), report, random.split());
                allShowTheSame(instances, report);
                assertThat(replicaReads(pg)).as("report reads served by the replica after it came back").isGreaterThan(replicaReadsWhileDown);
                for (RapportProcess instance : List.of(a, b)) {
                    String log = Files.readString(instance.log());
                    assertThat(log.lastIndexOf("Report reads go to the replica"))
                            .as(instance.log() + " went back to the replica after falling back")
                            .isGreaterThan(log.lastIndexOf("the replica failed"));
                }

                nothingWrittenOnTheReplica(pg);
                try (Connection db = pg.primary()) {
                    assertThat(count(db, "select count(*) from response where window_id = ?", window)).isEqualTo(4 * PER_PHASE);
                }
                assertThat(Files.readString(reference.log())).as("an instance without a replica").doesNotContain("Report reads");

                assertThat(wentBack).as("views that showed fewer respondents than an earlier view").isEmpty();
                assertThat(views.get()).isGreaterThan(20);
                System.out.printf("replica test: %d views, %d report reads on the replica, respondents shown %s of those who answered %s%n",
                        views.get(), replicaReads(pg), new TreeMap<>(shown), new TreeMap<>(answered));
            } finally {
                pool.shutdownNow();
                for (RapportProcess instance : instances) {
                    instance.kill();
                }
                Files.writeString(java.nio.file.Path.of("target", "replica-standby.log"), pg.standbyLog());
            }
        }
    }

    static RapportProcess instance(String name, StreamingReplica pg) throws Exception {
        return new RapportProcess(name, SECRET).onDatabase(pg.primaryUrl(), StreamingReplica.USER, StreamingReplica.PASSWORD)
                .withEnvironment("RAPPORT_DB_REPLICA_URL", pg.standbyUrl());
    }

    /** The school's trust map, as its admin reads it. */
    record Report(long windowId, String reader) {
    }

    /**
     * Pupils send these codes' surveys, half through each instance, two at a time, while the leader reads the trust map
     * from each instance in turn; then once more from each, after the last survey.
     */
    void phase(ExecutorService pool, List<RapportProcess> instances, List<String> codes, Report report, SplittableRandom random) throws Exception {
        Queue<String> left = new ConcurrentLinkedQueue<>(codes);
        AtomicInteger sent = new AtomicInteger();
        List<Future<?>> pupils = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            SplittableRandom own = random.split();
            pupils.add(pool.submit(() -> {
                for (String code = left.poll(); code != null; code = left.poll()) {
                    takeSurvey(instances.get(sent.getAndIncrement() % instances.size()), code, own, answered);
                    // a class at its own pace: the leader's views fall between the surveys
                    Thread.sleep(150);
                }
                return null;
            }));
        }
        int i = 0;
        while (pupils.stream().anyMatch(f -> !f.isDone())) {
            view(instances.get(i++ % instances.size()), report);
            Thread.sleep(50);
        }
        for (Future<?> f : pupils) {
            f.get(5, TimeUnit.MINUTES);
        }
        for (RapportProcess instance : instances) {
            view(instance, report);
        }
    }

    /** One view of the trust map: each relationship's respondents at the school, never fewer than any view showed before. */
    Map<String, Integer> view(RapportProcess instance, Report report) throws Exception {
        JsonNode map = call(instance, "GET", "/api/v1/windows/" + report.windowId() + "/report", null, report.reader(), SurveyFixture.PASSWORD, 200);
        assertThat(map.get("calibrated").asBoolean()).isTrue();
        Map<String, Integer> now = new TreeMap<>();
        for (JsonNode arrow : map.get("arrows")) {
            JsonNode school = arrow.get("school");
            int n = school == null || school.get("respondents") == null || school.get("respondents").isNull() ? 0 : school.get("respondents").asInt();
            String relationship = arrow.get("relationship").asText();
            now.put(relationship, n);
            synchronized (shown) {
                int before = shown.getOrDefault(relationship, 0);
                if (n < before) {
                    wentBack.add(instance.port() + ": " + relationship + " " + n + " after " + before);
                }
                shown.put(relationship, Math.max(before, n));
            }
        }
        views.incrementAndGet();
        synchronized (views) {
            Files.writeString(java.nio.file.Path.of("target", "replica-views.txt"), java.time.Instant.now() + " " + instance.port() + " " + now + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        return now;
    }

    /**
     * The instances reading from the replica show the same respondents for every relationship as the one without a
     * replica (the last of {@code instances}), never more than answered about it and most of them (the privacy engine
     * may keep a group as an earlier batch left it).
     */
    void allShowTheSame(List<RapportProcess> instances, Report report) throws Exception {
        RapportProcess reference = instances.get(instances.size() - 1);
        Map<String, Integer> primary = view(reference, report);
        for (RapportProcess instance : instances.subList(0, instances.size() - 1)) {
            assertThat(view(instance, report)).as(instance.port() + "'s view beside the view from the primary alone").isEqualTo(primary);
        }
        assertThat(answered).isNotEmpty();
        answered.forEach((relationship, n) -> assertThat(primary.get(relationship)).as(relationship).isBetween(n / 2, n));
    }

    /** A pupil answers the survey (a partial credit model's answers) and sends it; {@code answered} counts its relationships. */
    void takeSurvey(RapportProcess instance, String code, SplittableRandom random, Map<String, Integer> answered) throws Exception {
        JsonNode session = call(instance, "POST", "/api/v1/survey/session", "{\"code\":\"" + code + "\"}", null, null, 200);
        Map<String, Integer> answers = ModelRespondent.answers(session, random.nextGaussian(), random);
        call(instance, "POST", "/api/v1/survey/submit", json.writeValueAsString(Map.of("code", code, "answers", answers)), null, null, 200);
        if (answered != null) {
            Set<String> relationships = new java.util.HashSet<>(session.get("blocks").findValuesAsText("relationship"));
            relationships.forEach(r -> answered.merge(r, 1, Integer::sum));
        }
    }

    JsonNode call(RapportProcess instance, String method, String path, String body, String email, String password, int expected)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(instance.url(path))).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (email != null) {
            r.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (path.endsWith("/submit")) {
            r.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + " on " + instance.port() + ": " + response.body()).isEqualTo(expected);
        return response.body().isBlank() ? null : json.readTree(response.body());
    }

    /** The network's admin, written into the database as SurveyFixture writes the school's (no API creates them). */
    static String networkAdmin(StreamingReplica pg, long school) throws Exception {
        String email = "network-" + UUID.randomUUID().toString().substring(0, 8) + "@test.example";
        try (Connection db = pg.primary(); PreparedStatement ps = db.prepareStatement("""
                insert into staff (network_id, school_id, email, display_name, role, is_leader, password_hash)
                select network_id, null, ?, 'Network admin', 'NETWORK_ADMIN', false, ? from school where id = ?""")) {
            ps.setString(1, email);
            ps.setString(2, PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD));
            ps.setLong(3, school);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        return email;
    }

    /** The standby's log as entries (a statement's later lines joined to its first), each with its client's name. */
    record Entry(String application, String text) {
    }

    static final Pattern ENTRY_START = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d[^\\[]*\\[\\d+\\] app=(\\S*) (.*)$");

    static List<Entry> entries(String log) {
        List<Entry> out = new ArrayList<>();
        StringBuilder text = null;
        String application = null;
        for (String line : log.split("\n")) {
            Matcher m = ENTRY_START.matcher(line);
            if (m.matches()) {
                if (text != null) {
                    out.add(new Entry(application, text.toString()));
                }
                application = m.group(1);
                text = new StringBuilder(m.group(2));
            } else if (text != null) {
                text.append('\n').append(line);
            }
        }
        if (text != null) {
            out.add(new Entry(application, text.toString()));
        }
        return out;
    }

    /** Statements that change something (a write, a schema change, a lock or a sequence). */
    static final Pattern WRITES = Pattern.compile("(?is)(?:statement|execute [^:]*):\\s*(?:(?:insert|update|delete|merge|create|drop|alter|truncate|copy"
            + "|grant|revoke|lock|vacuum|analyze|reindex|cluster|comment|refresh)\\b|.*\\b(?:insert\\s+into|delete\\s+from|nextval|setval"
            + "|pg_advisory\\w*lock)\\b|.*\\bupdate\\s+\\w+\\s+set\\b|.*\\bfor\\s+(?:no\\s+key\\s+)?(?:update|share)\\b)");

    /** How many times an instance read the stored scores on the replica. */
    static int replicaReads(StreamingReplica pg) throws Exception {
        return (int) entries(pg.standbyLog()).stream()
                .filter(e -> e.application().equals(REPLICA_APP) && e.text().contains("from response_score")).count();
    }

    void nothingWrittenOnTheReplica(StreamingReplica pg) throws Exception {
        // the check below finds a write when there is one: this test's own attempt, which the standby refuses
        try (Connection probe = pg.standby("rapport-it-probe")) {
            SQLException refused = null;
            try {
                probe.createStatement().execute("create table written_on_replica (x int)");
            } catch (SQLException e) {
                refused = e;
            }
            assertThat((Object) refused).as("a hot standby refuses a write").isNotNull();
            assertThat(refused.getSQLState()).isEqualTo("25006");
            try (ResultSet rs = probe.createStatement().executeQuery("select pg_is_in_recovery()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).as("the standby was never promoted").isTrue();
            }
        }
        List<Entry> log = entries(pg.standbyLog());
        assertThat(log.stream().filter(e -> e.application().equals("rapport-it-probe") && WRITES.matcher(e.text()).find()))
                .as("the probe's write, found in the standby's log").isNotEmpty();
        List<Entry> instances = log.stream().filter(e -> e.application().equals(REPLICA_APP)).toList();
        assertThat(instances).as("the instances' statements on the standby").isNotEmpty();
        assertThat(instances.stream().filter(e -> WRITES.matcher(e.text()).find()).map(Entry::text))
                .as("statements of the instances on the replica that would write").isEmpty();
        assertThat(instances.stream().filter(e -> e.text().startsWith("ERROR") && e.text().contains("read-only")).map(Entry::text))
                .as("writes the replica refused").isEmpty();
        assertThat(instances.stream().map(Entry::text)).as("each connection made read-only as it opens")
                .anyMatch(t -> t.contains("set session characteristics as transaction read only"));
    }

    static long count(Connection db, String sql, long id) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
