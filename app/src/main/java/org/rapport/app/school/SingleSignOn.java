package org.rapport.app.school;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.rapport.app.security.StaffUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * After an OpenID Connect sign-in: the person becomes the staff account with their verified e-mail,
 * or is refused. No account is ever made here; an unverified or unknown e-mail signs nobody in.
 */
@Component("singleSignOn")
class SingleSignOn implements AuthenticationSuccessHandler {
    private static final Logger log = LoggerFactory.getLogger(SingleSignOn.class);
    private final RosterRepository roster;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SingleSignOn(RosterRepository roster) {
        this.roster = roster;
    }

    /**
     * The provider vouches for the e-mail address: {@code email_verified} (Google and most providers), or
     * Microsoft Entra ID's optional claim {@code xms_edov} (the e-mail's domain is verified by the tenant).
     */
    static boolean verified(OidcUser user) {
        return Boolean.TRUE.equals(user.getEmailVerified()) || Boolean.TRUE.equals(user.getClaimAsBoolean("xms_edov"));
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        Optional<StaffUser> staff = Optional.empty();
        if (authentication.getPrincipal() instanceof OidcUser user && verified(user) && user.getEmail() != null) {
            staff = roster.login(user.getEmail().strip().toLowerCase(java.util.Locale.ROOT)).filter(StaffUser::active);
        }
        if (staff.isEmpty()) {
            log.info("single sign-on refused: no active account with that verified e-mail");
            SecurityContextHolder.clearContext();
            contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
            if (request.getSession(false) != null) {
                request.getSession(false).invalidate();
            }
            response.sendRedirect(request.getContextPath() + "/login?ssoRefused");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(staff.get(), null, staff.get().getAuthorities()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        response.sendRedirect(request.getContextPath() + "/staff");
    }
}
