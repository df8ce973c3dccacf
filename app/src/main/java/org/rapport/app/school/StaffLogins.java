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

    StaffLogins(RosterRepository roster) {
        this.roster = roster;
    }

    @Override
    public StaffUser loadUserByUsername(String email) {
        return roster.login(email == null ? "" : email.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }
}
