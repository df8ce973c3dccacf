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
 * Limits code entry (token buckets, Bucket4j): per client, {@code rapport.code-attempts-per-minute}
 * tries; and for everyone together, {@code rapport.unknown-codes-per-minute} (600) unknown codes a minute, so that
 * guessing from many addresses is slowed as much as from one. Client addresses live only in this
 * in-memory map, for ten minutes, and never reach the database.
 */
@Component
public class CodeAttemptLimiter {
    private static final Logger log = LoggerFactory.getLogger(CodeAttemptLimiter.class);
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();
    private final int perMinute;
    private final int failedPerMinute;
    private final Bucket failures;

    public CodeAttemptLimiter(RapportProperties properties) {
        this.perMinute = properties.codeAttemptsPerMinute();
        this.failedPerMinute = properties.unknownCodesPerMinute();
        this.failures = perMinute(failedPerMinute);
    }

    private static Bucket perMinute(int tokens) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(tokens).refillGreedy(tokens, Duration.ofMinutes(1)).build())
                .build();
    }

    /** Counts an unknown code against the limit shared by all clients. */
    public void failed() {
        ConsumptionProbe probe = failures.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long wait = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
            log.warn("more than {} unknown codes in a minute from all clients: code entry paused for {} s", failedPerMinute, wait);
            throw new TooManyRequestsException(wait);
        }
        if (probe.getRemainingTokens() == failedPerMinute / 2) {
            log.warn("half of the minute's budget of unknown codes is used: someone may be guessing codes");
        }
    }

    /** Counts one attempt by {@code client}; throws when the client is over its limit. */
    public void attempt(String client) {
        Bucket bucket = buckets.get(client, k -> perMinute(perMinute));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long wait = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
            log.warn("code entry limit ({} a minute) reached by a client; next attempt allowed in {} s", perMinute, wait);
            throw new TooManyRequestsException(wait);
        }
    }

    public int failedPerMinute() {
        return failedPerMinute;
    }
}
