package org.rapport.app.school;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.rapport.app.security.SignInThrottle;
import org.rapport.app.web.InvalidInputException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Staff passwords; stored with the adaptive hash of {@link PasswordEncoder}, never shown. The policy
 * is length (10 characters to 72 bytes, what bcrypt reads: a phrase of a few words is best) and not one of the very common
 * ones, nor the person's own e-mail address; no rules about digits or symbols.
 */
@Service
public class StaffPasswords {
    public static final int MIN_LENGTH = 10;
    /** bcrypt reads no more than 72 bytes of a password (and the encoder refuses more): a longer one is refused here, with its reason. */
    public static final int MAX_BYTES = 72;
    private static final Set<String> COMMON = common();
    private final RosterRepository roster;
    private final PasswordEncoder encoder;
    private final SignInThrottle throttle;

    StaffPasswords(RosterRepository roster, PasswordEncoder encoder, SignInThrottle throttle) {
        this.roster = roster;
        this.encoder = encoder;
        this.throttle = throttle;
    }

    public void set(StaffMember member, String password) {
        if (password == null || password.length() < MIN_LENGTH || password.isBlank()) {
            throw new InvalidInputException("password", "a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidInputException("password", "a password can be at most " + MAX_BYTES
                    + " bytes long (72 letters of the Latin alphabet, fewer of others): choose a shorter phrase");
        }
        String lower = password.strip().toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            throw new InvalidInputException("password", "this password is one of the most common ones: choose another, such as a few words you will remember");
        }
        String email = member.email().toLowerCase(Locale.ROOT);
        if (lower.equals(email) || lower.equals(email.substring(0, Math.max(0, email.indexOf('@'))))) {
            throw new InvalidInputException("password", "a password must not be your e-mail address");
        }
        roster.setPasswordHash(member.id(), encoder.encode(password));
        // a new password: the failed sign-ins before it no longer slow the account (sessions opened before it end: SessionCheck)
        throttle.succeeded(member.email());
    }

    private static Set<String> common() {
        try (InputStream in = StaffPasswords.class.getResourceAsStream("/school/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("school/common-passwords.txt is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
