package org.rapport.app.school;

import org.rapport.app.web.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Staff passwords, set by a school admin; stored with the adaptive hash of {@link PasswordEncoder}. */
@Service
public class StaffPasswords {
    public static final int MIN_LENGTH = 10;
    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;

    public StaffPasswords(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    public void set(StaffMember member, String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > 200 || password.isBlank()) {
            throw new InvalidInputException("password", "a password needs " + MIN_LENGTH + " to 200 characters");
        }
        jdbc.sql("update staff set password_hash = ? where id = ?").params(encoder.encode(password), member.id()).update();
    }
}
