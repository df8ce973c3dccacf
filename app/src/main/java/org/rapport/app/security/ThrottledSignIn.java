package org.rapport.app.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in (the form and HTTP Basic alike) behind {@link SignInThrottle}: a blocked account or
 * address is refused before its password is looked at; every refusal is counted; a sign-in that
 * works starts the account's count again.
 */
class ThrottledSignIn implements AuthenticationProvider {
    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final UserDetailsService users;

    ThrottledSignIn(AuthenticationProvider passwords, SignInThrottle throttle, UserDetailsService users) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.users = users;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
        try {
            throttle.check(email, address);
        } catch (SignInThrottledException e) {
            throttle.failed(email, address, account(email), true);
            throw e;
        }
        Authentication done;
        try {
            done = passwords.authenticate(authentication);
        } catch (AuthenticationException e) {
            throttle.failed(email, address, account(email), false);
            throw e;
        }
        if (done != null) {
            throttle.succeeded(email);
        }
        return done;
    }

    private Long account(String email) {
        try {
            return users.loadUserByUsername(email) instanceof StaffUser u ? u.id() : null;
        } catch (UsernameNotFoundException e) {
            return null;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }
}
