package org.rapport.app.access;

import java.nio.charset.StandardCharsets;
import org.rapport.app.config.AppSecrets;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.stereotype.Component;

/**
 * Seals an e-mailed code while it waits for a possible reminder (AES-256-GCM, Spring Security's
 * {@code Encryptors.stronger}), with a key every instance reads from the database. The database alone
 * never shows a code to someone reading a table.
 */
@Component
class CodeSeal {
    private final AppSecrets secrets;
    private volatile BytesEncryptor encryptor;

    CodeSeal(AppSecrets secrets) {
        this.secrets = secrets;
    }

    byte[] seal(String code) {
        return encryptor().encrypt(code.getBytes(StandardCharsets.US_ASCII));
    }

    String open(byte[] sealed) {
        return new String(encryptor().decrypt(sealed), StandardCharsets.US_ASCII);
    }

    /** Built on first use: deriving the key (PBKDF2) takes a moment, and the secrets are in the database. */
    private BytesEncryptor encryptor() {
        BytesEncryptor e = encryptor;
        if (e == null) {
            // the salt is hex, as Encryptors wants; both are made once, by whichever instance asks first
            e = Encryptors.stronger(secrets.getOrCreate("code-reminder-key"), secrets.getOrCreate("code-reminder-salt"));
            encryptor = e;
        }
        return e;
    }
}
