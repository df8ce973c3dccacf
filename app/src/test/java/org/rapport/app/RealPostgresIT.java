package org.rapport.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.rapport.app.config.DatabaseConfig;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.support.Fixtures;
import org.rapport.app.survey.Session;
import org.rapport.app.survey.Submissions;
import org.rapport.app.survey.SurveySessions;
import org.rapport.app.web.ConflictException;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The migrations and the submission path on a real (Debian) PostgreSQL server, as in deployment.
 * scripts/test starts the server and passes RAPPORT_IT_DB_URL; without it this test fails.
 */
@SpringBootTest
@Import(Fixtures.class)
class RealPostgresIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = System.getenv("RAPPORT_IT_DB_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("RAPPORT_IT_DB_URL is not set: run scripts/test, which starts PostgreSQL and sets it");
        }
        registry.add("rapport.db.url", () -> url);
        registry.add("rapport.db.user", () -> System.getenv("RAPPORT_IT_DB_USER"));
        registry.add("rapport.db.password", () -> System.getenv("RAPPORT_IT_DB_PASSWORD"));
        registry.add("rapport.demo", () -> "auto");
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DatabaseConfig.EmbeddedDatabase embedded;
    @Autowired
    Fixtures fixtures;
    @Autowired
    SurveySessions sessions;
    @Autowired
    Submissions submissions;

    @Test
    void migrationsRanOnTheRealServerAndNoDemoWasLoaded() {
        assertThat(embedded.running()).isFalse();
        assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
        List<String> applied = jdbc.sql("select version || ':' || success from flyway_schema_history where version is not null order by installed_rank")
                .query(String.class).list();
        assertThat(applied).isNotEmpty().allMatch(v -> v.endsWith(":true")).first().isEqualTo("1:true");
        assertThat(jdbc.sql("select count(*) from information_schema.tables where table_schema = 'public' and table_name = 'access_code'")
                .query(Long.class).single()).isEqualTo(1);
        // with an external database the demo network is loaded only when asked for
        assertThat(jdbc.sql("select count(*) from network where name = 'Riverside Learning Trust'").query(Long.class).single()).isZero();
    }

    @Test
    void oneCodeOneSubmissionUnderConcurrencyOnTheRealServer() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        String code = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(0);
        Map<String, Integer> answer = Fixtures.oneAnswer(sessions.start(code));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            results.add(pool.submit(() -> {
                try {
                    submissions.submit(code, UUID.randomUUID().toString(), answer, null);
                    return true;
                } catch (ConflictException e) {
                    return false;
                }
            }));
        }
        int winners = 0;
        for (Future<Boolean> f : results) {
            winners += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(winners).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from response where window_id = ?").param(window.id()).query(Long.class).single())
                .isEqualTo(1);
    }
}
