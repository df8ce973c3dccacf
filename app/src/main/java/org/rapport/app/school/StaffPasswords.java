package org.rapport.app.school;

import org.rapport.app.web.InvalidInputException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Staff passwords; stored with the adaptive hash of {@link PasswordEncoder}, never shown. */
@Service
public class StaffPasswords {
    public static final int MIN_LENGTH = 10;
    private final RosterRepository roster;
    private final PasswordEncoder encoder;

    StaffPasswords(RosterRepository roster, PasswordEncoder encoder) {
        this.roster = roster;
        this.encoder = encoder;
    }

    public void set(StaffMember member, String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > 200 || password.isBlank()) {
            throw new InvalidInputException("password", "a password needs " + MIN_LENGTH + " to 200 characters");
        }
        roster.setPasswordHash(member.id(), encoder.encode(password));
    }
}
