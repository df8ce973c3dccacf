package org.rapport.app.access;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.rapport.app.config.AppSecrets;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Proof that a client has opened a code: a keyed hash (HMAC-SHA-256 under a server secret) of the code's
 * hash, given when a survey starts (the survey page keeps it in a cookie, an API client gets it in the
 * {@value #HEADER} header and sends it back). A client that shows it for the code it sends is not held
 * back by the limit on guessing reached by others behind its address (a pupil guessing codes on the
 * school's network): it proves nothing but that the code was valid when it opened, which the client
 * knew already, so it tells a guesser nothing. Without it the limit applies as before.
 */
@Component
public class CodeProof {
    /** The header an API client reads from the session's answer and sends back. */
    public static final String HEADER = "Code-Proof";
    /** The survey page's cookie. */
    public static final String COOKIE = "rapport_proof";

    private final SecretKeySpec key;

    CodeProof(AppSecrets secrets) {
        this.key = new SecretKeySpec(secrets.getOrCreate("code-proof-key").getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The proof for a code, by its hash. */
    public String of(byte[] codeHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(codeHash));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the request being served shows the proof for this code (header or cookie); false outside a request. */
    boolean shownFor(byte[] codeHash) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return false;
        }
        HttpServletRequest request = attributes.getRequest();
        String shown = request.getHeader(HEADER);
        if (shown == null && request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (COOKIE.equals(c.getName())) {
                    shown = c.getValue();
                }
            }
        }
        return shown != null && shown.length() < 100
                && MessageDigest.isEqual(shown.getBytes(StandardCharsets.US_ASCII), of(codeHash).getBytes(StandardCharsets.US_ASCII));
    }
}
