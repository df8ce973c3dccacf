package org.rapport.app.calibration;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Wall-clock time of the named steps of one piece of work (a calibration, its rescoring), added up per step and
 * logged at INFO under {@value #LOGGER} when the work ends: the report benchmark turns that logger on and prints them.
 * One thread laps; others may {@link #add} what they timed on their own.
 */
public final class StepTimes {
    public static final String LOGGER = "org.rapport.app.calibration.steps";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LOGGER);
    private final String work;
    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private final long start = System.nanoTime();
    private long mark = start;

    public StepTimes(String work) {
        this.work = work;
    }

    /** Adds the time since the previous lap (or the start) to {@code step}. */
    public synchronized void lap(String step) {
        long now = System.nanoTime();
        nanos.merge(step, now - mark, Long::sum);
        mark = now;
    }

    /** Adds each step of {@code other} (timed on another thread) to this one's, marked as summed over threads. */
    public synchronized void add(StepTimes other) {
        synchronized (other) {
            other.nanos.forEach((step, n) -> nanos.merge(step + " (summed)", n, Long::sum));
        }
    }

    /** Logs every step's total and the whole, in milliseconds. */
    public synchronized void log() {
        if (LOG.isInfoEnabled()) {
            LOG.info(String.format(Locale.ROOT, "%s: %s; total %.0f ms", work, nanos.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.0f ms", e.getKey(), e.getValue() / 1e6))
                    .collect(Collectors.joining(", ")), (System.nanoTime() - start) / 1e6));
        }
    }
}
