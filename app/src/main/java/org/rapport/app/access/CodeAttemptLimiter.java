package org.rapport.app.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import org.rapport.app.config.RapportProperties;
import org.rapport.app.web.TooManyRequestsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Limits code entry per client (token bucket, Bucket4j): a burst of a few tries, then
 * {@code rapport.code-attempts-per-minute}. Client addresses live only in this in-memory map,
 * for ten minutes, and never reach the database.
 */
@Component
public class CodeAttemptLimiter {
    private static final Logger log = LoggerFactory.getLogger(CodeAttemptLimiter.class);
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();
    private final int perMinute;

    public CodeAttemptLimiter(RapportProperties properties) {
        this.perMinute = properties.codeAttemptsPerMinute();
    }

    /** Counts one attempt by {@code client}; throws when the client is over its limit. */
    public void attempt(String client) {
        Bucket bucket = buckets.get(client, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long wait = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
            log.warn("code entry rate limit reached by a client; next attempt allowed in {} s", wait);
            throw new TooManyRequestsException(wait);
        }
    }

    public int perMinute() {
        return perMinute;
    }
}
