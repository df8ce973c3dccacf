package org.rapport.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a staff session whose account has changed since it signed in: a new password (chosen, or reset
 * through a mailed link), another role, another school or network, or an account switched off. Each
 * request of a signed-in person compares the account as the session holds it with the account as it
 * is now; on any difference the session is invalidated and the request goes on signed out, so a
 * session someone else opened is closed by the owner choosing a new password.
 */
class SessionCheck extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(SessionCheck.class);
    private final UserDetailsService users;

    SessionCheck(UserDetailsService users) {
        this.users = users;
    }

    /** Whether the account is still as it was when the session signed in. */
    static boolean unchanged(StaffUser then, StaffUser now) {
        return now != null && then.id() == now.id() && then.networkId() == now.networkId() && Objects.equals(then.schoolId(), now.schoolId())
                && then.role() == now.role() && then.active() == now.active() && now.active()
                && Objects.equals(then.passwordHash(), now.passwordHash());
    }

    /** Style sheets, scripts and images carry nothing of an account: no look-up for them. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/") || path.equals("/favicon.ico") || path.equals("/favicon.svg");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof StaffUser then && !unchanged(then, current(then))) {
            log.info("session of staff account {} ended: its password, role, school or status changed since it signed in", then.id());
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }

    private StaffUser current(StaffUser then) {
        try {
            return users.loadUserByUsername(then.email()) instanceof StaffUser u ? u : null;
        } catch (UsernameNotFoundException e) {
            return null;
        }
    }
}
