package org.rapport.app.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed hash (HMAC-SHA-256 under a server secret) of a client address or an e-mail, as a number:
 * what the limits on guessing store in place of the address or e-mail itself.
 */
public final class KeyedHash {
    private final SecretKeySpec key;

    public KeyedHash(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The first 64 bits of the HMAC of {@code value}. */
    public long of(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return ByteBuffer.wrap(mac.doFinal(value.getBytes(StandardCharsets.UTF_8))).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
