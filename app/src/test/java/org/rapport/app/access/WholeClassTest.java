package org.rapport.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.BehindOneRouter;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.HandClock;
import org.rapport.app.support.FromAddress;
import org.rapport.app.support.StatementCounter;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole class behind the school's one router: 35 pupils enter their codes, open the first page, save
 * half their answers, come back and send, all from one client address at once, on Rapport's own limits
 * (its own context: the other tests run with generous ones) and on a clock that stands still, so that for
 * the limits every request falls inside the same minute. A few pupils mistype their code first, and one
 * types a wrong code again and again: nobody is turned away, every survey is stored once, and only the
 * wrong codes count against the address (the limit still stops a guesser).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, StatementCounter.class})
class WholeClassTest {
    private static final Path DATA = AppTest.newDataDir();
    static final String ROUTER = "127.0.0.35";
    static final int CLASS = 35;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppTest.register(registry, DATA);
    }

    /** The application's clock, stopped when the test starts: every request of the test falls in one minute of it. */
    @TestConfiguration
    static class StoppedClock {
        static final HandClock CLOCK = new HandClock(Instant.now());

        @Bean
        @Primary
        Clock stoppedClock() {
            return CLOCK;
        }
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
    Clock clock;

    BehindOneRouter router;

    /** The code with one character changed to another of the alphabet: a code of the right form that is nobody's. */
    static String typo(String formatted, Random random) {
        String code = formatted.replace("-", "");
        int at = random.nextInt(code.length());
        char wrong;
        do {
            wrong = AccessCode.ALPHABET.charAt(random.nextInt(AccessCode.ALPHABET.length()));
        } while (wrong == code.charAt(at));
        return AccessCode.format(code.substring(0, at) + wrong + code.substring(at + 1));
    }

    /** One pupil: mistypes {@code typos} times, then enters the code, saves half the answers, comes back and sends. */
    void pupil(String code, int typos, Random random) throws Exception {
        for (int k = 0; k < typos; k++) {
            FromAddress wrong = router.send("POST", "/api/v1/survey/session", Map.of("code", typo(code, random)), null);
            assertThat(wrong.status()).as("a mistyped code: " + wrong.body()).isEqualTo(400);
            assertThat(wrong.body()).contains("recognise");
        }
        router.answer(code, session -> {
            Map<String, Integer> answers = new LinkedHashMap<>();
            session.get("blocks").forEach(b -> b.get("questions").forEach(q -> answers.put(q.get("key").asText(), random.nextInt(5))));
            return answers;
        });
    }

    @Test
    void thirtyFivePupilsBehindOneAddressStartAndSendTheirSurveysInOneMinute() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("WholeClassTest seed " + seed);
        Random random = new Random(seed);
        StoppedClock.CLOCK.now = Instant.now();
        router = new BehindOneRouter(port, ROUTER, json);
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), CLASS, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        List<String> codes = new ArrayList<>();
        fixtures.codes(window, RespondentRole.PUPIL, school.class1()).forEach(c -> codes.add(AccessCode.format(c)));
        assertThat(codes).hasSize(CLASS);
        Instant before = clock.instant();

        // six pupils mistype once or twice first; one types a wrong code six times: 15 unknown codes, under the 20 a minute
        Map<String, Integer> typos = new LinkedHashMap<>();
        List<String> shuffled = new ArrayList<>(codes);
        Collections.shuffle(shuffled, random);
        for (int k = 0; k < 6; k++) {
            typos.put(shuffled.get(k), 1 + k % 2);
        }
        typos.put(shuffled.get(6), 6);
        assertThat(typos.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(15);

        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(codes);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        ExecutorService classroom = Executors.newFixedThreadPool(7);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 7; t++) {
                long threadSeed = random.nextLong();
                running.add(classroom.submit(() -> {
                    Random own = new Random(threadSeed);
                    for (String code = queue.poll(); code != null; code = queue.poll()) {
                        try {
                            pupil(code, typos.getOrDefault(code, 0), own);
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            classroom.shutdownNow();
        }
        System.out.printf("WholeClassTest: %d requests in %d s%n", router.statuses().size(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        assertThat(failures).as("pupils turned away").isEmpty();
        assertThat(router.statuses()).as("no answer says too many tries").doesNotContain(429);
        assertThat(clock.instant()).as("all within one minute of the application's clock").isBefore(before.plusSeconds(60));

        long stored = jdbc.sql("select count(*) from response where window_id = ? and class_id = ?").params(window.id(), school.class1())
                .query(Long.class).single();
        assertThat(stored).as("every survey stored once").isEqualTo(CLASS);
        assertThat(jdbc.sql("select count(*) from access_code where window_id = ? and class_id = ? and used").params(window.id(), school.class1())
                .query(Long.class).single()).isEqualTo(CLASS);

        // the limit is alive and counts only the wrong codes: five more from the same address reach it, and a sixth is refused
        List<Integer> guesses = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            guesses.add(router.send("POST", "/api/v1/survey/session", Map.of("code", typo(codes.get(0), random)), null).status());
        }
        assertThat(guesses.subList(0, 5)).as("the 16th to 20th wrong codes of the minute").containsOnly(400);
        assertThat(guesses.get(5)).as("the 21st wrong code of the minute").isEqualTo(429);
    }

    /**
     * A pupil on the school's network types wrong codes as fast as they can: the address's limit is reached and
     * stays reached, yet every pupil who had opened their survey saves and sends it (each shows the proof its
     * session gave). A code opened without its proof, or with another code's, is refused while the limit holds:
     * a blocked address learns nothing of the codes it sends.
     */
    @Test
    void aGuesserOnTheSchoolsNetworkDoesNotStopPupilsWhoHaveStarted() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("WholeClassTest guesser seed " + seed);
        Random random = new Random(seed);
        StoppedClock.CLOCK.now = Instant.now();
        router = new BehindOneRouter(port, "127.0.0.36", json);
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 12, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        List<String> codes = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).stream().map(AccessCode::format).toList();
        List<String> started = codes.subList(0, 10);
        Map<String, String> proofs = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> answers = new LinkedHashMap<>();
        for (String code : started) {
            FromAddress opened = router.send("POST", "/api/v1/survey/session", Map.of("code", code), null);
            assertThat(opened.status()).isEqualTo(200);
            proofs.put(code, opened.headers().get("code-proof"));
            Map<String, Integer> all = new LinkedHashMap<>();
            json.readTree(opened.body()).get("blocks").forEach(b -> b.get("questions").forEach(q -> all.put(q.get("key").asText(), random.nextInt(5))));
            answers.put(code, all);
        }
        // the guesser: wrong codes until the address is refused, and a few more
        int refused = 0;
        for (int k = 0; k < 40 && refused < 5; k++) {
            if (router.send("POST", "/api/v1/survey/session", Map.of("code", typo(codes.get(0), random)), null).status() == 429) {
                refused++;
            }
        }
        assertThat(refused).as("the guesser is stopped").isEqualTo(5);

        for (String code : started) {
            String proof = proofs.get(code);
            assertThat(router.send("PUT", "/api/v1/survey/draft", Map.of("code", code, "answers", answers.get(code)), null, proof).status())
                    .as("saving a started survey").isEqualTo(200);
            assertThat(router.send("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", answers.get(code)), UUID.randomUUID().toString(),
                    proof).status()).as("sending a started survey").isEqualTo(200);
        }
        assertThat(jdbc.sql("select count(*) from response where window_id = ? and class_id = ?").params(window.id(), school.class1())
                .query(Long.class).single()).as("every started survey stored").isEqualTo(started.size());
        // while the limit holds: a code not opened before, without a proof or with another code's, is refused unseen
        String fresh = codes.get(11);
        assertThat(router.send("POST", "/api/v1/survey/session", Map.of("code", fresh), null).status()).isEqualTo(429);
        assertThat(router.send("POST", "/api/v1/survey/session", Map.of("code", fresh), null, proofs.get(started.get(0))).status()).isEqualTo(429);
        assertThat(router.send("POST", "/api/v1/survey/session", Map.of("code", typo(fresh, random)), null, proofs.get(started.get(0))).status())
                .as("an unknown code with a proof").isEqualTo(429);
    }
}
