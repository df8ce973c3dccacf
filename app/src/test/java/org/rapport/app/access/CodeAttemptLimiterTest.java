package org.rapport.app.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rapport.app.config.RapportProperties;
import org.rapport.app.web.TooManyRequestsException;

class CodeAttemptLimiterTest {

    @Test
    void aClientIsStoppedAtItsLimitAndOthersAreNot() {
        CodeAttemptLimiter limiter = new CodeAttemptLimiter(new RapportProperties(null, null, null, 5, null, 10, 0));
        for (int k = 0; k < 10; k++) {
            limiter.attempt("203.0.113.7");
        }
        assertThatThrownBy(() -> limiter.attempt("203.0.113.7"))
                .isInstanceOf(TooManyRequestsException.class)
                .satisfies(e -> assertThat(((TooManyRequestsException) e).retryAfterSeconds()).isBetween(1L, 60L));
        limiter.attempt("198.51.100.1");
    }
}
