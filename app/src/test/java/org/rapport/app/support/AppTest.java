package org.rapport.app.support;

import java.nio.file.Files;
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
 * Base of the application tests: the real application on a random port, on its own embedded
 * PostgreSQL in a fresh folder (one per test JVM, shared by every test class through Spring's
 * context cache), without the demo network, sending its mail to {@link TestMail}'s SMTP server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@Import({Fixtures.class, StatementCounter.class, TestSeed.Config.class})
public abstract class AppTest {
    private static final Path DATA = newDataDir();

    @Autowired
    Randomness randomness;

    /** Every test's codes from its own seed ({@link TestSeed}). */
    @BeforeEach
    void replayable(TestInfo test) {
        TestSeed.reseed(randomness, test);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        register(registry, DATA);
        // most tests enter many codes and sign in often from one address: generous limits here, Rapport's own in
        // the tests of the limits themselves (security.InsiderAttackTest)
        registry.add("rapport.failed-codes-per-minute", () -> "100000");
        registry.add("rapport.unknown-codes-per-minute", () -> "100000");
        registry.add("rapport.sign-in.failures-per-address", () -> "100000");
    }

    /** A fresh folder under target/ for a context's embedded PostgreSQL. */
    public static Path newDataDir() {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "test-data-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The settings of every test context but its limits: its own database in {@code data}, no demo, real SMTP and OIDC servers. */
    public static void register(DynamicPropertyRegistry registry, Path data) {
        registry.add("rapport.data-dir", data::toString);
        registry.add("rapport.code-secret", TestSeed::codeSecret);
        registry.add("rapport.demo", () -> "never");
        // a real SMTP server for every test context: what Rapport mails is read back from it
        registry.add("rapport.smtp.host", () -> "127.0.0.1");
        registry.add("rapport.smtp.port", () -> Integer.toString(TestMail.server().getSmtp().getPort()));
        registry.add("rapport.smtp.starttls", () -> "false");
        registry.add("rapport.smtp.from", () -> "rapport@test.example");
        // and a real OpenID Connect provider for single sign-on
        registry.add("rapport.oidc.issuer", TestOidc::issuer);
        registry.add("rapport.oidc.client-id", () -> TestOidc.CLIENT_ID);
        registry.add("rapport.oidc.client-secret", () -> "test-secret");
        registry.add("rapport.oidc.name", () -> "Oakfield accounts");
        if (System.getenv("RAPPORT_TEST_USE_ENV_DB") == null) {
            registry.add("rapport.db.url", () -> "");
        }
    }
}
