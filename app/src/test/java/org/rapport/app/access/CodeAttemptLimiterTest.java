package org.rapport.app.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.rapport.app.config.RapportProperties;
import org.rapport.app.support.AppTest;
import org.rapport.app.web.TooManyRequestsException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The code-entry limits on their real store, PostgreSQL, as several instances of Rapport share it. */
class CodeAttemptLimiterTest extends AppTest {
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier(org.rapport.app.config.DatabaseConfig.LIMITS)
    DataSource limits;
    @Autowired
    JdbcClient jdbc;

    /** A limiter as one instance has it: the same secret and shared bucket as the other instances given the same. */
    CodeAttemptLimiter instance(String secret, long everyone, int perClient, int unknownPerMinute) {
        return new CodeAttemptLimiter(new RapportProperties(null, null, null, 5, null, perClient, unknownPerMinute, null, null, null), limits, secret, everyone,
                java.time.Clock.systemUTC());
    }

    @Test
    void aClientIsStoppedAtItsLimitAndOthersAreNot() {
        CodeAttemptLimiter limiter = instance(org.rapport.app.config.AppSecrets.random(), new SplittableRandom().nextLong(), 10, 600);
        for (int k = 0; k < 10; k++) {
            limiter.check("203.0.113.7");
            limiter.failed("203.0.113.7");
        }
        assertThatThrownBy(() -> limiter.check("203.0.113.7"))
                .isInstanceOf(TooManyRequestsException.class)
                .satisfies(e -> assertThat(((TooManyRequestsException) e).retryAfterSeconds()).isBetween(1L, 60L));
        limiter.check("198.51.100.1");
    }

    @Test
    void twoInstancesShareEachClientsLimitAndTheSharedOne() {
        // Attack: a client spreads its tries over two instances behind the load balancer, hoping each counts its own
        String secret = org.rapport.app.config.AppSecrets.random();
        long everyone = new SplittableRandom().nextLong();
        CodeAttemptLimiter a = instance(secret, everyone, 10, 20);
        CodeAttemptLimiter b = instance(secret, everyone, 10, 20);
        for (int k = 0; k < 5; k++) {
            a.failed("203.0.113.9");
            b.failed("203.0.113.9");
        }
        // b took the last token, so b knows; a learns at the address's next unknown code, which it refuses
        assertThatThrownBy(() -> b.check("203.0.113.9")).isInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> a.failed("203.0.113.9")).isInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> a.check("203.0.113.9")).isInstanceOf(TooManyRequestsException.class);
        // 10 of the shared 20 are used; ten more from other addresses use it up on both instances
        for (int k = 0; k < 5; k++) {
            a.failed(null);
            b.failed(null);
        }
        assertThatThrownBy(() -> a.failed(null)).isInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> b.failed(null)).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void validCodesUseUpNothing() {
        CodeAttemptLimiter limiter = instance(org.rapport.app.config.AppSecrets.random(), new SplittableRandom().nextLong(), 10, 600);
        for (int k = 0; k < 1000; k++) {
            limiter.check("203.0.113.70");
        }
        limiter.failed("203.0.113.70");
        limiter.check("203.0.113.70");
    }

    @Test
    void theDatabaseNeverHoldsAClientsAddress() {
        CodeAttemptLimiter limiter = instance(org.rapport.app.config.AppSecrets.random(), new SplittableRandom().nextLong(), 10, 600);
        limiter.failed("198.51.100.77");
        String rows = jdbc.sql("select string_agg(id::text || encode(state, 'escape'), ' ') from code_attempt_bucket")
                .query(String.class).optional().orElse("");
        assertThat(rows).isNotEmpty().doesNotContain("198.51.100.77");
        long asNumber = (198L << 24) + (51L << 16) + (100L << 8) + 77;
        assertThat(jdbc.sql("select count(*) from code_attempt_bucket where id = ?").param(asNumber).query(Long.class).single()).isZero();
    }
}
