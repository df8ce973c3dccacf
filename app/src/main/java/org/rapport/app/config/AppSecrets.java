package org.rapport.app.config;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** Server secrets generated at first start when none is configured, kept in the database. */
@Component
public class AppSecrets {
    private final SecretRepository secrets;

    AppSecrets(SecretRepository secrets) {
        this.secrets = secrets;
    }

    /** The secret called {@code name}; the first instance to ask stores {@code fresh}, every later one reads it. */
    public String getOrCreate(String name, Supplier<String> fresh) {
        return secrets.putIfAbsent(name, fresh.get());
    }

    /** The secret called {@code name}; the first instance to ask stores a {@link #random} one, every later one reads it. */
    public String getOrCreate(String name) {
        return getOrCreate(name, AppSecrets::random);
    }

    /** 256 random bits, as hex. */
    public static String random() {
        byte[] fresh = new byte[32];
        new java.security.SecureRandom().nextBytes(fresh);
        return java.util.HexFormat.of().formatHex(fresh);
    }
}
