package org.rapport.app.config;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Where Rapport's random choices come from: the codes it makes and the order it deals them out in. In
 * the application this is the operating system's {@link SecureRandom}; a test context gives a seeded
 * generator instead, so that a printed seed replays the codes of a run and, with them, the questions
 * each respondent is asked.
 */
public final class Randomness {
    private final Random random;

    public Randomness(Random random) {
        this.random = random;
    }

    /** Unpredictable choices, from the operating system: what the application runs on. */
    public static Randomness secure() {
        return new Randomness(new SecureRandom());
    }

    /** The generator (thread-safe). */
    public Random random() {
        return random;
    }
}
