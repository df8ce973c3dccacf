package org.rapport.app.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import javax.sql.DataSource;
import org.rapport.app.config.RapportProperties;
import org.rapport.app.support.AppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.rapport.app.web.TooManyRequestsException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Guessing codes at the limit. The attack: a window has 10,000 valid codes; an attacker tries
 * random codes as fast as Rapport lets them, from one address or from as many as they like.
 */
@ExtendWith(OutputCaptureExtension.class)
class CodeGuessingTest extends AppTest {
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier(org.rapport.app.config.DatabaseConfig.LIMITS)
    DataSource dataSource;

    static final double VALID_CODES = 10_000;
    static final double MINUTES_PER_YEAR = 365.25 * 24 * 60;

    /** Expected tries to hit one of the valid codes: the code space over the valid codes. */
    static double expectedTries() {
        return Math.pow(AccessCode.ALPHABET.length(), AccessCode.LENGTH) / VALID_CODES;
    }

    @Test
    void atThePerClientLimitOneAddressNeedsMoreThanACentury() {
        int perMinute = new RapportProperties(null, null, null, 5, null, 0, 0, null, null, null).failedCodesPerMinute();
        double years = expectedTries() / perMinute / MINUTES_PER_YEAR;
        assertThat(years).as("years for one address at %d tries a minute", perMinute).isGreaterThan(100);
    }

    @Test
    void atTheSharedLimitEveryAddressTogetherNeedsMoreThanACentury() {
        int shared = new RapportProperties(null, null, null, 5, null, 0, 0, null, null, null).unknownCodesPerMinute();
        double years = expectedTries() / shared / MINUTES_PER_YEAR;
        assertThat(years).as("years for all addresses together").isGreaterThan(100);
    }

    @Test
    void theLimitsHoldAndAreLogged(CapturedOutput output) {
        CodeAttemptLimiter limiter = new CodeAttemptLimiter(new RapportProperties(null, null, null, 5, null, 10, 0, null, null, null), dataSource,
                org.rapport.app.config.AppSecrets.random(), new java.util.SplittableRandom().nextLong(), java.time.Clock.systemUTC());
        for (int k = 0; k < 10; k++) {
            limiter.check("192.0.2.10");
            limiter.failed("192.0.2.10");
        }
        assertThatThrownBy(() -> limiter.check("192.0.2.10")).isInstanceOf(TooManyRequestsException.class);
        assertThat(output).contains("code entry limit (10 unknown codes a minute) reached by a client");
        assertThat(output).doesNotContain("192.0.2.10");
        // the bucket refills greedily (one token every 100 ms at 600 a minute) while the tries go to the database
        // the ten unknown codes above count against everyone's limit too
        int allowed = 10;
        while (allowed <= 2 * limiter.failedPerMinute()) {
            try {
                limiter.failed(null);
                allowed++;
            } catch (TooManyRequestsException refused) {
                break;
            }
        }
        assertThat(allowed).isBetween(limiter.failedPerMinute(), limiter.failedPerMinute() * 11 / 10);
        assertThat(output).contains("someone may be guessing codes").contains("code entry paused");
    }
}
