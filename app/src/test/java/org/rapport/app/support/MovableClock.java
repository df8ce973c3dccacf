package org.rapport.app.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock for a test that needs time to pass: the real time moved on by what the test
 * says. Import {@link Config} into a test's own context (never the shared one: every test there reads
 * the real time).
 */
public final class MovableClock extends Clock {
    private volatile Duration ahead = Duration.ZERO;

    /** Moves the clock on (or back, with a negative duration). */
    public void move(Duration by) {
        ahead = ahead.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    @TestConfiguration
    public static class Config {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }
}
