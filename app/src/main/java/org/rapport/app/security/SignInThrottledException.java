package org.rapport.app.security;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused without checking its password, because its account or address is slowed after failures. */
public class SignInThrottledException extends AuthenticationException {
    private final long retryAfterSeconds;

    SignInThrottledException(long retryAfterSeconds) {
        super("too many failed sign-ins: try again in " + retryAfterSeconds + " seconds");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
