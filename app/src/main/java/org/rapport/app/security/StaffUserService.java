package org.rapport.app.security;

import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
public class StaffUserService implements UserDetailsService {
    private final JdbcClient jdbc;

    public StaffUserService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public StaffUser loadUserByUsername(String email) {
        return jdbc.sql("""
                select id, network_id, school_id, email, display_name, role, password_hash, active
                from staff where lower(email) = ?""")
                .param(email == null ? "" : email.strip().toLowerCase(Locale.ROOT))
                .query((rs, n) -> {
                    long school = rs.getLong(3);
                    Long schoolId = rs.wasNull() ? null : school;
                    return new StaffUser(rs.getLong(1), rs.getLong(2), schoolId, rs.getString(4), rs.getString(5),
                            StaffUser.Role.valueOf(rs.getString(6)), rs.getString(7), rs.getBoolean(8));
                })
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }
}
