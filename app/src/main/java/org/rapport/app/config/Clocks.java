package org.rapport.app.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock the application reads time from, so that tests can move it, and the one source of its
 * random choices, so that tests can replay them.
 */
@Configuration(proxyBeanMethods = false)
class Clocks {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Randomness randomness() {
        return Randomness.secure();
    }
}
