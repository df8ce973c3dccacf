package org.rapport.app.school;

import java.util.Locale;
import org.rapport.app.security.StaffUser;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Staff sign in with the e-mail of their account (any case). */
@Service
class StaffLogins implements UserDetailsService {
    private final RosterRepository roster;
    private final SchoolRepository schools;

    StaffLogins(RosterRepository roster, SchoolRepository schools) {
        this.roster = roster;
        this.schools = schools;
    }

    @Override
    public StaffUser loadUserByUsername(String email) {
        StaffUser u = roster.login(email == null ? "" : email.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
        return new StaffUser(u.id(), u.networkId(), u.schoolId(), u.email(), u.name(), u.role(), u.passwordHash(), u.active(),
                schools.passwordSignIn(u.networkId()), u.language());
    }
}
