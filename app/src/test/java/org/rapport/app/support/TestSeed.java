package org.rapport.app.support;

import org.junit.jupiter.api.TestInfo;
import org.rapport.app.config.Randomness;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The seed of the application tests' random choices: the codes Rapport makes (and with them, through
 * their hash under a key fixed here, the questions each respondent is asked) and the order it deals
 * them out in. Each test starts the generator afresh from this seed and its own name, so that it gets
 * the same codes alone as in the whole suite, in any order. {@code -Drapport.seed=N} replays the run
 * that printed N; without it the seed is {@link #DEFAULT}.
 */
public final class TestSeed {
    public static final long DEFAULT = 20261207L;
    public static final long SEED = Long.getLong("rapport.seed", DEFAULT);

    static {
        System.out.println("Application tests' seed: " + SEED + " (replay with -Drapport.seed=" + SEED + ")");
    }

    private TestSeed() {
    }

    /** The seed of one test: the run's seed and the test's class and method. */
    public static long of(TestInfo test) {
        String name = test.getTestClass().map(Class::getName).orElse("") + "#" + test.getDisplayName();
        long h = SEED;
        for (int i = 0; i < name.length(); i++) {
            h = (h ^ name.charAt(i)) * 0x100000001B3L;
        }
        return h;
    }

    /** The key codes are hashed under: fixed by the seed, so that a code draws the same questions in every run. */
    static String codeSecret() {
        return "replayable-code-key-" + SEED;
    }

    /** A context's random choices from a generator each test reseeds ({@link AppTest}, {@link OwnClockTest}). */
    @TestConfiguration
    public static class Config {
        @Bean
        @Primary
        Randomness seededRandomness() {
            return new Randomness(new java.util.Random(SEED));
        }
    }

    /** Starts the context's generator afresh for {@code test}. */
    static void reseed(Randomness randomness, TestInfo test) {
        randomness.random().setSeed(of(test));
    }
}
