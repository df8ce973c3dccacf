package org.rapport.app.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.rapport.app.config.AppSecrets;
import org.rapport.app.config.RapportProperties;
import org.springframework.stereotype.Component;

/**
 * Codes are stored only as HMAC-SHA-256 under a server key, so that a copy of the database alone
 * does not allow codes to be tested offline. The key is RAPPORT_CODE_SECRET, or else one generated
 * once and kept in the database (documented in docs/OPERATIONS.md).
 */
@Component
public class CodeHasher {
    private final SecretKeySpec key;

    public CodeHasher(RapportProperties properties, AppSecrets secrets) {
        String secret = properties.codeSecret();
        if (secret == null || secret.isBlank()) {
            secret = secrets.getOrCreate("code-hmac");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }


    public byte[] hash(String canonicalCode) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(canonicalCode.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
