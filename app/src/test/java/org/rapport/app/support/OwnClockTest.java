package org.rapport.app.support;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.rapport.app.config.Randomness;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that need time to pass ({@link MovableClock}) or a server set up as a school's would be
 * (its public address set): one context of their own, shared by every such test class, on its own
 * embedded PostgreSQL. Whatever moves the clock moves it back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import({Fixtures.class, StatementCounter.class, MovableClock.Config.class, TestSeed.Config.class})
public abstract class OwnClockTest {
    public static final String PUBLIC_URL = "https://rapport.school.example";
    private static final Path DATA = AppTest.newDataDir();

    @Autowired
    Randomness randomness;

    /** Every test's codes from its own seed ({@link TestSeed}). */
    @BeforeEach
    void replayable(TestInfo test) {
        TestSeed.reseed(randomness, test);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppTest.register(registry, DATA);
        registry.add("rapport.public-url", () -> PUBLIC_URL);
    }
}
