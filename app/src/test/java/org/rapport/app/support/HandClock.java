package org.rapport.app.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still where the test sets it ({@link #now}), for tests that move time by hand or stop it. */
public final class HandClock extends Clock {
    /** What the clock reads until the test sets it again. */
    public volatile Instant now;

    public HandClock(Instant start) {
        this.now = start;
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
        return now;
    }
}
