package org.rapport.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rapport.app.access.AccessCode;
import org.rapport.app.support.RapportProcess;
import org.rapport.app.support.SurveyClient;
import org.rapport.app.support.SurveyFixture;

/**
 * Two instances of Rapport (the built jar) on one PostgreSQL, behind a real HAProxy (Debian's) that
 * spreads requests round-robin. While respondents take surveys and a leader browses the staff pages
 * through the load balancer, one instance and later the other is killed with SIGKILL and started
 * again. Staff stay signed in (sessions in PostgreSQL; a new session at sign-in, none left after signing
 * out), nothing acknowledged is lost or stored twice,
 * and the limit on unknown codes holds across both instances (its bucket is in PostgreSQL): after it
 * is spent, both instances refuse, though each saw only about half the guesses.
 */
class TwoInstancesIT {
    static final String SECRET = "cluster-test-secret-" + UUID.randomUUID();
    static final int CODES = 40;
    static final int CLIENTS = 4;
    static final int UNKNOWN_PER_MINUTE = 20;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void killingEitherInstanceLosesNoAnswerNoSessionAndNoLimit() throws Exception {
        // HAProxy on this machine is the one proxy whose X-Forwarded-For the instances believe
        RapportProcess a = new RapportProcess("cluster-a", SECRET).with("--rapport.unknown-codes-per-minute=" + UNKNOWN_PER_MINUTE)
                .with("--rapport.trusted-proxies=127.0.0.1");
        RapportProcess b = new RapportProcess("cluster-b", SECRET).with("--rapport.unknown-codes-per-minute=" + UNKNOWN_PER_MINUTE)
                .with("--rapport.trusted-proxies=127.0.0.1");
        Process haproxy = null;
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
        try {
            a.start();
            b.start();
            int port = freePort();
            haproxy = haproxy(port, a.port(), b.port());
            SurveyFixture fixture = SurveyFixture.create(a, CODES);

            // a leader signed in once, through the load balancer, browsing while instances die
            CookieManager cookies = new CookieManager();
            HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(2)).build();
            // a session before signing in (where the leader was going), replaced by a new one at sign-in
            assertThat(retried(browser, port, "/staff").headers().firstValue("Location").orElse("")).endsWith("/login");
            String before = cookie(cookies, "SESSION");
            signIn(browser, cookies, port, fixture.admin());
            String signedIn = cookie(cookies, "SESSION");
            assertThat(signedIn).isNotNull().isNotEqualTo(before);
            assertThat(sessionsOf(fixture.admin())).as("the session is in PostgreSQL").isEqualTo(1);
            AtomicBoolean surveysDone = new AtomicBoolean();
            AtomicInteger pagesSeen = new AtomicInteger();
            AtomicInteger signedOut = new AtomicInteger();
            Future<?> browsing = pool.submit(() -> {
                List<String> pages = List.of("/staff", "/staff/windows/" + fixture.windowId(), "/staff/windows/" + fixture.windowId() + "/report");
                int i = 0;
                while (!surveysDone.get()) {
                    HttpResponse<String> page = retried(browser, port, pages.get(i++ % pages.size()));
                    if (page.statusCode() == 200) {
                        pagesSeen.incrementAndGet();
                    } else {
                        signedOut.incrementAndGet();
                    }
                    Thread.sleep(50);
                }
                return null;
            });

            SurveyClient respondents = new SurveyClient(port);
            java.util.Queue<String> codes = new java.util.concurrent.ConcurrentLinkedQueue<>(fixture.codes());
            AtomicInteger started = new AtomicInteger();
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                work.add(pool.submit(() -> {
                    Random random = new Random();
                    for (String code = codes.poll(); code != null; code = codes.poll()) {
                        started.incrementAndGet();
                        respondents.takeSurvey(code, random);
                    }
                    return null;
                }));
            }
            // SIGKILL one instance a third of the way, the other two thirds of the way; each starts again
            int kills = 0;
            for (RapportProcess victim : List.of(a, b)) {
                int mark = CODES * (kills + 1) / 3;
                while (started.get() < mark && work.stream().anyMatch(f -> !f.isDone())) {
                    Thread.sleep(20);
                }
                victim.kill();
                kills++;
                victim.start();
            }
            for (Future<?> f : work) {
                f.get(10, TimeUnit.MINUTES);
            }
            surveysDone.set(true);
            browsing.get(2, TimeUnit.MINUTES);

            assertThat(kills).isEqualTo(2);
            assertThat(respondents.receipts).as("every respondent was acknowledged").hasSize(CODES);
            assertThat(respondents.refusals.get()).as("a retry with its key is never refused").isZero();
            assertThat(respondents.lostDrafts.get()).as("drafts kept across instances").isZero();
            try (Connection db = SurveyFixture.connect()) {
                long responses = SurveyFixture.count(db, "select count(*) from response where window_id = ?", fixture.windowId());
                long used = SurveyFixture.count(db, "select count(*) from access_code where window_id = ? and used", fixture.windowId());
                long answers = SurveyFixture.count(db, "select count(*) from answer a join response r on r.id = a.response_id where r.window_id = ?",
                        fixture.windowId());
                assertThat(responses).as("acknowledged submissions stored exactly once").isEqualTo(CODES);
                assertThat(used).isEqualTo(CODES);
                assertThat(answers).as("every answer of every submission").isEqualTo(respondents.expectedAnswers.get());
            }
            assertThat(pagesSeen.get()).as("the leader kept browsing").isGreaterThan(10);
            assertThat(signedOut.get()).as("the leader was never signed out by an instance dying").isZero();

            // signing out, through either instance, ends the session for both; the old cookie replayed signs nobody in
            HttpResponse<String> out = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/logout"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + cookie(cookies, "XSRF-TOKEN"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(out.headers().firstValue("Location").orElse("")).endsWith("/login?signedOut");
            assertThat(sessionsOf(fixture.admin())).isZero();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> replayed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/staff"))
                        .header("Cookie", "SESSION=" + signedIn).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(replayed.headers().firstValue("Location").orElse("")).endsWith("/login");
            }

            // guesses spread over both instances by the load balancer: the shared limit stops them all
            // (the instance started last must first pass the load balancer's health checks again)
            awaitBothServing(port);
            int answeredUnknown = 0;
            int refused = 0;
            for (int k = 0; k < UNKNOWN_PER_MINUTE + 10; k++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/survey/session"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + unknownCode(k) + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 429) {
                    refused++;
                } else {
                    assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
                    answeredUnknown++;
                }
            }
            assertThat(answeredUnknown).as("unknown codes answered before the shared limit").isBetween(UNKNOWN_PER_MINUTE, UNKNOWN_PER_MINUTE + 2);
            assertThat(refused).isPositive();
            for (RapportProcess instance : List.of(a, b)) {
                assertThat(Files.readString(instance.log())).as(instance.log() + " refused guesses it had not counted itself")
                        .contains("code entry paused");
            }
        } finally {
            pool.shutdownNow();
            if (haproxy != null) {
                haproxy.destroyForcibly();
            }
            a.kill();
            b.kill();
        }
    }

    /** A code of the right form that no window has (a chance of one in about 10^11 that it is a real one). */
    static String unknownCode(int k) {
        StringBuilder code = new StringBuilder();
        Random random = new Random(1000 + k);
        for (int i = 0; i < AccessCode.LENGTH; i++) {
            code.append(AccessCode.ALPHABET.charAt(random.nextInt(AccessCode.ALPHABET.length())));
        }
        return code.toString();
    }

    /** Debian's HAProxy in front of both instances: round-robin, health checks, a dead server's requests sent to the other. */
    static Process haproxy(int port, int first, int second) throws Exception {
        String binary = Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
        Path config = Path.of("target", "haproxy-" + port + ".cfg");
        Files.writeString(config, """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 30s
                    timeout server 30s
                    retries 3
                    option redispatch
                frontend rapport
                    bind 127.0.0.1:%d
                    default_backend instances
                backend instances
                    balance roundrobin
                    option httpchk GET /actuator/health
                    http-request set-header X-Forwarded-For %%[src]
                    http-response set-header X-Served-By %%s
                    default-server inter 500ms fall 2 rise 2
                    server a 127.0.0.1:%d check
                    server b 127.0.0.1:%d check
                """.formatted(port, first, second));
        Process p = new ProcessBuilder(binary, "-db", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "haproxy-" + port + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("haproxy exited: see target/haproxy-" + port + ".log");
            }
            try {
                if (probe.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return p;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("haproxy did not answer in 30 s");
    }

    /** Waits until the load balancer sends requests to both instances again, as its health checks see them. */
    static void awaitBothServing(int port) throws Exception {
        HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        java.util.Set<String> served = new java.util.HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (served.size() < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the load balancer sent requests only to " + served + " for 60 s");
            }
            try {
                probe.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).headers().firstValue("X-Served-By").ifPresent(served::add);
            } catch (IOException notYet) {
                // retried
            }
            Thread.sleep(100);
        }
    }

    static void signIn(HttpClient browser, CookieManager cookies, int port, String email) throws Exception {
        browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(), HttpResponse.BodyHandlers.discarding());
        String csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue)
                .findFirst().orElseThrow();
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(SurveyFixture.PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf;
        HttpResponse<Void> login = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/staff");
    }

    /** A page through the load balancer; connection failures and 5xx while an instance dies are retried, as a browser's reload. */
    static HttpResponse<String> retried(HttpClient browser, int port, String path) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            try {
                HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() < 500 || System.nanoTime() > deadline) {
                    return r;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
    }

    static String cookie(CookieManager cookies, String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue)
                .findFirst().orElse(null);
    }

    static long sessionsOf(String email) throws Exception {
        try (Connection db = SurveyFixture.connect()) {
            try (java.sql.PreparedStatement ps = db.prepareStatement("select count(*) from spring_session where principal_name = ?")) {
                ps.setString(1, email);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
