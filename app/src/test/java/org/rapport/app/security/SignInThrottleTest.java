package org.rapport.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.config.AppSecrets;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.HandClock;
import org.springframework.beans.factory.annotation.Autowired;

/** The growing delays after failed sign-ins, on their real store, with time moved by a clock of the test's own. */
class SignInThrottleTest extends AppTest {
    @Autowired
    SignInRepository repository;

    @Test
    void delaysDoubleFromOneSecondAndNeverPassAQuarterOfAnHour() {
        assertThat(SignInThrottle.delay(5, 5)).isZero();
        assertThat(SignInThrottle.delay(6, 5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SignInThrottle.delay(7, 5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(SignInThrottle.delay(10, 5)).isEqualTo(Duration.ofSeconds(16));
        for (int n = 6; n < 10_000; n++) {
            assertThat(SignInThrottle.delay(n, 5)).isLessThanOrEqualTo(SignInThrottle.LONGEST)
                    .isGreaterThanOrEqualTo(SignInThrottle.delay(n - 1, 5));
        }
        assertThat(SignInThrottle.delay(Integer.MAX_VALUE, 5)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aPersonWhoMistypedWaitsAQuarterOfAnHourAtMostAndAnAttackerGetsAboutAHundredGuessesADay() {
        HandClock clock = new HandClock(Instant.parse("2026-09-01T08:00:00Z"));
        SignInThrottle throttle = new SignInThrottle(repository, clock, AppSecrets.random(), 30);
        String email = "guessed-" + UUID.randomUUID() + "@test.example";
        // an attacker tries as fast as the throttle lets them, for a day
        int tried = 0;
        Instant end = clock.now.plus(Duration.ofDays(1));
        while (clock.now.isBefore(end)) {
            try {
                throttle.check(email, "192.0.2.1");
                tried++;
                throttle.failed(email, "192.0.2.1", null, false);
                clock.now = clock.now.plusMillis(200);
            } catch (SignInThrottledException slowed) {
                assertThat(slowed.retryAfterSeconds()).isBetween(1L, SignInThrottle.LONGEST.toSeconds() + 1);
                clock.now = clock.now.plusSeconds(slowed.retryAfterSeconds());
            }
        }
        assertThat(tried).as("passwords checked in a day").isBetween(90, 120);
        // the owner, locked out at the worst moment (just after the attacker's latest guess), gets in within a quarter of an hour
        clock.now = clock.now.plus(SignInThrottle.LONGEST);
        throttle.check(email, "192.0.2.1");
        throttle.failed(email, "192.0.2.1", null, false);
        assertThatThrownBy(() -> throttle.check(email, "198.51.100.2")).isInstanceOf(SignInThrottledException.class);
        clock.now = clock.now.plus(SignInThrottle.LONGEST).plusSeconds(1);
        throttle.check(email, "198.51.100.2");
        // and a new password, or a sign-in that works, starts the count again
        throttle.succeeded(email);
        for (int k = 0; k < SignInThrottle.FREE_PER_ACCOUNT; k++) {
            throttle.check(email, "198.51.100.2");
            throttle.failed(email, "198.51.100.2", null, false);
        }
        throttle.check(email, "198.51.100.2");
    }

    @Test
    void failuresAnHourApartStartAgain() {
        HandClock clock = new HandClock(Instant.parse("2026-09-01T08:00:00Z"));
        SignInThrottle throttle = new SignInThrottle(repository, clock, AppSecrets.random(), 30);
        String email = "forgetful-" + UUID.randomUUID() + "@test.example";
        for (int day = 0; day < 20; day++) {
            throttle.check(email, null);
            throttle.failed(email, null, null, false);
            clock.now = clock.now.plus(SignInThrottle.FORGET).plusSeconds(1);
        }
        throttle.check(email, null);
    }
}
