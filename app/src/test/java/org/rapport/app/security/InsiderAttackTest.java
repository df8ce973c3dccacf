package org.rapport.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rapport.app.access.AccessCode;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.school.StaffPasswords;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.StatementCounter;
import org.rapport.app.support.TestMail;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The attacks an outside test found, as an insider (a head, a network admin) and an anonymous visitor
 * made them, against Rapport on its own default limits and settings (its own context: the other
 * tests run with generous limits). Each test states its attack; each failed on the code before the fix.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import({Fixtures.class, StatementCounter.class})
class InsiderAttackTest {
    static final String PUBLIC_URL = "https://rapport.school.example";
    private static final Path DATA = AppTest.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppTest.register(registry, DATA);
        registry.add("rapport.public-url", () -> PUBLIC_URL);
        // the test's HTTP client stands for a load balancer on this machine; any other loopback address is a client
        registry.add("rapport.trusted-proxies", () -> "127.0.0.1");
        // codes hashed under the key Rapport makes itself and keeps in its database, as a school deployed without
        // RAPPORT_CODE_SECRET runs (the other contexts fix the key so that their data replay)
        registry.add("rapport.code-secret", () -> "");
    }

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffPasswords passwords;
    @Autowired
    Schools schools;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> basic(String method, String path, String email, String password, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (email != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // 1. account takeover through the invitation endpoint

    @Test
    void aHeadGetsNoPasswordLinkForATeacherWhoHasAPassword() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        int mails = TestMail.to(school.teacherA().email()).size();
        HttpResponse<String> r = basic("POST", "/api/v1/staff/" + school.teacherA().id() + "/invitation", school.admin().email(), Fixtures.PASSWORD,
                Map.of(), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        assertThat(r.body()).doesNotContain("token=").contains("already has a password");
        assertThat(TestMail.to(school.teacherA().email())).as("nothing mailed either").hasSize(mails);
        assertThat(basic("GET", "/api/v1/network/sign-in", school.teacherA().email(), Fixtures.PASSWORD, Map.of(), null).statusCode())
                .as("the teacher's own password still works").isNotIn(401, 429);
    }

    @Test
    void aNetworkAdminGetsNoPasswordLinkForASchoolsHead() throws Exception {
        long network = fixtures.network();
        Fixtures.SchoolSetup school = fixtures.school(network);
        var admin = fixtures.networkAdmin(network);
        HttpResponse<String> r = basic("POST", "/api/v1/staff/" + school.admin().id() + "/invitation", admin.email(), Fixtures.PASSWORD, Map.of(),
                null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
        assertThat(r.body()).doesNotContain("token=");
    }

    // 3. reset-link poisoning

    @Test
    void aResetLinkPointsAtTheConfiguredAddressWhateverTheRequestSays() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        String email = school.teacherA().email();
        // a form token first, as a browser would have it
        Raw page = Raw.send(port, "GET /account/forgot HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        String csrf = page.cookie("XSRF-TOKEN");
        String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&_csrf=" + csrf;
        Raw sent = Raw.send(port, "POST /account/forgot HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: attacker.example\r\n"
                + "X-Forwarded-Proto: http\r\nCookie: XSRF-TOKEN=" + csrf + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + form.length() + "\r\nConnection: close\r\n\r\n" + form);
        assertThat(sent.status()).as(sent.text()).isEqualTo(200);
        String link = TestMail.lastLink(email);
        assertThat(link).startsWith(PUBLIC_URL + "/account/password?token=").doesNotContain("evil").doesNotContain("attacker");
    }

    // 4. unlimited wrong passwords

    @Test
    void wrongPasswordsByHttpBasicAreSlowedPerAccountAndTheAdminSeesThem() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        String email = school.teacherB().email();
        List<Integer> statuses = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            statuses.add(basic("GET", "/api/v1/network/sign-in", email, "wrong guess " + k, Map.of("X-Forwarded-For", "192.0.2.31"), null)
                    .statusCode());
        }
        assertThat(statuses).as("twelve wrong passwords in a row").contains(429);
        assertThat(statuses.subList(0, 5)).as("the first few are plain refusals").containsOnly(401);
        // while the account is slowed, even the right password is not tried: guessing gains nothing by it
        assertThat(basic("GET", "/api/v1/network/sign-in", email, Fixtures.PASSWORD, Map.of("X-Forwarded-For", "192.0.2.31"), null)
                .statusCode()).isEqualTo(429);
        // the school's admin sees the failed sign-ins of their staff
        HttpResponse<String> seen = basic("GET", "/api/v1/schools/" + school.schoolId() + "/sign-in-failures", school.admin().email(),
                Fixtures.PASSWORD, Map.of(), null);
        assertThat(seen.statusCode()).as(seen.body()).isEqualTo(200);
        assertThat(seen.body()).contains(email);
    }

    @Test
    void wrongPasswordsOnTheFormAreSlowedToo() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        List<String> where = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            where.add(formSignIn(browser, school.teacherA().email(), "wrong guess " + k, "192.0.2.32"));
        }
        assertThat(where).as("twelve wrong passwords on the form").contains("/login?tooMany");
        assertThat(formSignIn(browser, school.teacherA().email(), Fixtures.PASSWORD, "192.0.2.32")).isEqualTo("/login?tooMany");
    }

    @Test
    void manyAccountsTriedFromOneAddressAreSlowedPerAddress() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            String basic = Base64.getEncoder().encodeToString(("someone-" + k + "@nowhere.example:password " + k).getBytes(StandardCharsets.UTF_8));
            statuses.add(Raw.send(port, "127.0.0.77", Raw.request("GET", "/api/v1/network/sign-in",
                    Map.of("Authorization", "Basic " + basic, "X-Forwarded-For", "198.51.100." + k), null)).status());
        }
        assertThat(statuses).as("forty accounts, one each, from one address (its X-Forwarded-For forged)").contains(429);
    }

    String formSignIn(HttpClient browser, String email, String password) throws Exception {
        return formSignIn(browser, email, password, "192.0.2.40");
    }

    /** Signs in on the form, as a client at {@code address} behind the load balancer; where the answer sends the browser. */
    String formSignIn(HttpClient browser, String email, String password, String address) throws Exception {
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("X-Forwarded-For", address).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(login.body());
        String csrf = m.find() ? m.group(1) : "";
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password,
                StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("X-Forwarded-For", address).header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.headers().firstValue("Location").map(l -> l.replaceFirst("^https?://[^/]+", "")).orElse("status " + r.statusCode());
    }

    // 5. code guessing around the limit

    static String randomCode(SplittableRandom random) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < AccessCode.LENGTH; k++) {
            b.append(AccessCode.ALPHABET.charAt(random.nextInt(AccessCode.ALPHABET.length())));
        }
        return b.toString();
    }

    @Test
    void unknownCodesAreLimitedPerAddressOnEveryPathThatChecksACode() throws Exception {
        long seed = new SplittableRandom().nextLong();
        System.out.println("InsiderAttackTest codes seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        int from = 10;
        for (String path : List.of("PUT /api/v1/survey/draft", "POST /api/v1/survey/submit", "POST /api/v1/survey/session")) {
            String[] p = path.split(" ");
            String address = "127.0.0." + from++;
            List<Integer> statuses = new ArrayList<>();
            for (int k = 0; k < 40; k++) {
                String body = json.writeValueAsString(Map.of("code", randomCode(random), "answers", Map.of()));
                Map<String, String> headers = Map.of("Idempotency-Key", "key-" + Long.toHexString(random.nextLong()) + "-" + k,
                        "X-Forwarded-For", "203.0.113." + k, "Content-Type", "application/json");
                statuses.add(Raw.send(port, address, Raw.request(p[0], p[1], headers, body)).status());
            }
            assertThat(statuses).as(path + ": forty unknown codes from one address, its X-Forwarded-For forged").contains(429);
        }
        // the survey page reads its code from a cookie: the same limit
        List<Integer> statuses = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            statuses.add(Raw.send(port, "127.0.0." + from, Raw.request("GET", "/survey",
                    Map.of("Cookie", "rapport_survey=" + randomCode(random), "X-Forwarded-For", "203.0.113." + k), null)).status());
        }
        assertThat(statuses).as("forty unknown codes in the survey cookie").contains(429);
    }

    @Test
    void aWholeClassBehindOneRouterGetsIn() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 40, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        List<String> codes = fixtures.codes(window, RespondentRole.PUPIL, school.class1());
        List<Integer> statuses = new ArrayList<>();
        for (String code : codes) {
            statuses.add(Raw.send(port, "127.0.0.99", Raw.request("POST", "/api/v1/survey/session", Map.of("Content-Type", "application/json"),
                    json.writeValueAsString(Map.of("code", code)))).status());
        }
        assertThat(statuses).as("%d pupils of one class, one address", codes.size()).hasSize(40).containsOnly(200);
    }

    @Test
    void behindTheTrustedProxyEachClientHasItsOwnLimitAndTlsItsHsts() throws Exception {
        long seed = new SplittableRandom().nextLong();
        System.out.println("InsiderAttackTest proxy seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> guesser = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            guesser.add(basic("POST", "/api/v1/survey/session", null, null, Map.of("X-Forwarded-For", "198.51.100.9"),
                    json.writeValueAsString(Map.of("code", randomCode(random)))).statusCode());
        }
        assertThat(guesser).as("a guessing client behind the proxy").contains(429);
        assertThat(basic("POST", "/api/v1/survey/session", null, null, Map.of("X-Forwarded-For", "198.51.100.10"),
                json.writeValueAsString(Map.of("code", randomCode(random)))).statusCode()).as("another client behind the same proxy").isEqualTo(400);
        // TLS ended at the proxy: HSTS; the same header from a client that is not the proxy: none
        assertThat(basic("GET", "/login", null, null, Map.of("X-Forwarded-Proto", "https"), null).headers()
                .firstValue("Strict-Transport-Security")).get().asString().contains("max-age=");
        assertThat(Raw.send(port, "127.0.0.60", Raw.request("GET", "/login", Map.of("X-Forwarded-Proto", "https"), null)).text())
                .doesNotContainIgnoringCase("Strict-Transport-Security");
    }

    @Test
    void aCutOffUploadIsRefusedAndRedirectsNeverNameTheRequestsHost() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        String cut = "--x\r\nContent-Disposition: form-data; name=\"roster\"; filename=\"r.csv\"\r\n\r\nclass,pupils";
        String basic = "Basic " + Base64.getEncoder().encodeToString((school.admin().email() + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8));
        for (String path : List.of("/api/v1/survey/session", "/api/v1/schools/" + school.schoolId() + "/roster")) {
            Raw r = Raw.send(port, "127.0.0.80", Raw.request("POST", path, Map.of("Content-Type", "multipart/form-data; boundary=x",
                    "Authorization", basic), cut));
            assertThat(r.status()).as(path + ": " + r.text()).isBetween(400, 499);
            assertThat(r.text()).contains("application/problem+json").doesNotContain("Exception");
        }
        Raw redirect = Raw.send(port, "127.0.0.80", "GET /staff HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.text()).containsPattern("(?i)Location: /login").doesNotContain("evil.example");
    }

    @Test
    void aBurstOfGuessesFromOneAddressDoesNotStarveEveryoneElse() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        List<String> codes = fixtures.codes(window, RespondentRole.PUPIL, school.class1());
        long seed = new SplittableRandom().nextLong();
        System.out.println("InsiderAttackTest burst seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        List<String> guesses = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            guesses.add(json.writeValueAsString(Map.of("code", randomCode(random), "answers", Map.of())));
        }
        java.util.concurrent.ExecutorService attacker = java.util.concurrent.Executors.newFixedThreadPool(30);
        try {
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 30; t++) {
                running.add(attacker.submit(() -> {
                    for (int k = next.getAndIncrement(); k < guesses.size(); k = next.getAndIncrement()) {
                        String[] paths = {"POST /api/v1/survey/session", "PUT /api/v1/survey/draft"};
                        String[] p = paths[k % 2].split(" ");
                        Raw.send(port, "127.0.0.90", Raw.request(p[0], p[1], Map.of("Content-Type", "application/json"), guesses.get(k)));
                    }
                    return null;
                }));
            }
            // meanwhile, pupils of the class start their surveys from the school's own address
            List<Integer> pupils = new ArrayList<>();
            for (String code : codes) {
                pupils.add(Raw.send(port, "127.0.0.91", Raw.request("POST", "/api/v1/survey/session", Map.of("Content-Type", "application/json"),
                        json.writeValueAsString(Map.of("code", code)))).status());
            }
            for (java.util.concurrent.Future<?> f : running) {
                f.get(5, java.util.concurrent.TimeUnit.MINUTES);
            }
            assertThat(pupils).as("pupils starting while one address sends 300 guesses from 30 connections").containsOnly(200);
        } finally {
            attacker.shutdownNow();
        }
    }

    // 8. sessions

    @Test
    void aSessionEndsWhenThePasswordChanges() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        assertThat(formSignIn(browser, school.teacherA().email(), Fixtures.PASSWORD)).isEqualTo("/staff");
        assertThat(page(browser, "/staff").statusCode()).isEqualTo(200);
        // the teacher (or someone with their mailbox) chooses a new password: the session opened before it ends
        StaffMember teacher = schools.staff(school.schoolId()).stream().filter(m -> m.id() == school.teacherA().id()).findFirst().orElseThrow();
        passwords.set(teacher, "a brand new password for me");
        HttpResponse<String> after = page(browser, "/staff");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElse("")).contains("/login");
    }

    @Test
    void aSessionEndsWhenTheRoleChanges() throws Exception {
        Fixtures.StaffRoom room = fixtures.staffRoom(fixtures.network(), 1, 5);
        String head = room.admin().email();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        assertThat(formSignIn(browser, head, Fixtures.PASSWORD)).isEqualTo("/staff");
        assertThat(page(browser, "/staff").statusCode()).isEqualTo(200);
        // the head is made a teacher (a roster change, a network admin's decision): their admin session ends
        jdbc.sql("update staff set role = 'TEACHER' where lower(email) = lower(?)").param(head).update();
        assertThat(page(browser, "/staff").statusCode()).as("the role changed under the session").isEqualTo(302);
    }

    @Test
    void idleSessionsEndAfterThirtyMinutes() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        assertThat(formSignIn(browser, school.teacherB().email(), Fixtures.PASSWORD)).isEqualTo("/staff");
        assertThat(jdbc.sql("select max_inactive_interval from spring_session where principal_name = ?").param(school.teacherB().email())
                .query(Integer.class).list()).as("idle timeout of the session, in seconds").containsOnly(30 * 60);
    }

    HttpResponse<String> page(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One HTTP/1.1 exchange written by hand, so that any Host header can be sent, from any address of the loopback range. */
    record Raw(int status, String text) {
        static String request(String method, String path, Map<String, String> headers, String body) {
            StringBuilder b = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                b.append("Content-Length: ").append(bytes.length).append("\r\n");
            }
            return b.append("\r\n").append(body == null ? "" : body).toString();
        }

        static Raw send(int port, String request) throws Exception {
            return send(port, "127.0.0.1", request);
        }

        static Raw send(int port, String from, String request) throws Exception {
            try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0)) {
                OutputStream out = s.getOutputStream();
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
                InputStream in = s.getInputStream();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                in.transferTo(all);
                String text = all.toString(StandardCharsets.UTF_8);
                return new Raw(Integer.parseInt(text.substring(9, 12)), text);
            }
        }

        String cookie(String name) {
            Matcher m = Pattern.compile("Set-Cookie: " + name + "=([^;\\r\\n]+)", Pattern.CASE_INSENSITIVE).matcher(text);
            if (!m.find()) {
                throw new AssertionError("no cookie " + name + " in " + text);
            }
            return m.group(1);
        }
    }
}
