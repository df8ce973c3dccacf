package org.rapport.app.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Seals what links a timetable pupil's answers to their set of classes while it must be kept (the pattern of
 * an unused code, a draft, the parts of a submission waiting for their class): AES-256-GCM under a key
 * derived from the code key (RAPPORT_CODE_SECRET, else the one kept in the database, as for code hashes).
 * With RAPPORT_CODE_SECRET set, a copy of the database alone opens none of it (docs/DATA-PROTECTION.md).
 */
@Component
public class Sealer {
    private static final int NONCE = 12;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public Sealer(RapportProperties properties, AppSecrets secrets) {
        String secret = properties.codeSecret();
        if (secret == null || secret.isBlank()) {
            secret = secrets.getOrCreate("code-hmac");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            this.key = new SecretKeySpec(mac.doFinal("rapport seal v1".getBytes(StandardCharsets.US_ASCII)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] seal(byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] open(byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, NONCE));
            return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed data that this server's key does not open", e);
        }
    }

    public byte[] sealLong(long value) {
        return seal(ByteBuffer.allocate(8).putLong(value).array());
    }

    public long openLong(byte[] sealed) {
        return ByteBuffer.wrap(open(sealed)).getLong();
    }

    public byte[] sealText(String text) {
        return seal(text.getBytes(StandardCharsets.UTF_8));
    }

    public String openText(byte[] sealed) {
        return new String(open(sealed), StandardCharsets.UTF_8);
    }
}
