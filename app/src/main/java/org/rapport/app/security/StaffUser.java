package org.rapport.app.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A signed-in member of staff; {@code passwordSignIn}: whether their network lets them sign in with a
 * password; {@code language}: the language they chose for Rapport's pages (a tag, or null).
 */
public record StaffUser(long id, long networkId, Long schoolId, String email, String name, Role role,
                        String passwordHash, boolean active, boolean passwordSignIn, String language) implements UserDetails {

    public enum Role { NETWORK_ADMIN, SCHOOL_ADMIN, TEACHER }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isEnabled() {
        return active && passwordHash != null;
    }

    /** The same person with another hash (sign-in checks an account without a password against one nobody's password matches). */
    StaffUser withPasswordHash(String hash) {
        return new StaffUser(id, networkId, schoolId, email, name, role, hash, active, passwordSignIn, language);
    }

    public boolean isNetworkAdmin() {
        return role == Role.NETWORK_ADMIN;
    }

    public boolean isSchoolAdmin() {
        return role == Role.SCHOOL_ADMIN;
    }

    /**
     * Whether they may read a team's figures as one of its teachers: not a school's or the network's admin, who make the
     * teams up. A head who put themselves in a team read its pooled result by name, and by moving teachers between teams
     * and reading again, each teacher's (an outside test); leaders see teams only in the school's unnamed spread.
     */
    public boolean readsTeamFigures() {
        return role != Role.SCHOOL_ADMIN && role != Role.NETWORK_ADMIN;
    }

    /**
     * Whether they are a person of this school (on its staff): its teachers and school admins, and a network
     * admin who is also on a school's staff (the head of a school set up on its own).
     */
    public boolean onStaffOf(long school) {
        return schoolId != null && schoolId == school;
    }

    /** Never expose the hash, even in logs. */
    @Override
    public String toString() {
        return "StaffUser[" + id + ", " + role + "]";
    }
}
