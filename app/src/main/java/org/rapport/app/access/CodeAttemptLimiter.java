package org.rapport.app.access;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.rapport.app.config.AppSecrets;
import org.rapport.app.config.RapportProperties;
import org.rapport.app.web.TooManyRequestsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Limits guessing of codes (token buckets, Bucket4j, kept in PostgreSQL so that every instance behind a
 * load balancer draws on the same buckets). Only unknown codes count: per client address,
 * {@code rapport.failed-codes-per-minute} (20) a minute; and for everyone together,
 * {@code rapport.unknown-codes-per-minute} (600), so that guessing from many addresses, or through many
 * instances, is slowed as much as from one. A valid code never uses up anything, so a whole school
 * behind one router always gets in. An address over its limit is refused before its code is looked
 * at, so its answers say nothing of the codes it sends. A client's bucket is keyed by a keyed hash of
 * its address (HMAC with a server secret), never the address; a bucket's row expires a minute after
 * its last use and is removed.
 */
@Component
public class CodeAttemptLimiter {
    private static final Logger log = LoggerFactory.getLogger(CodeAttemptLimiter.class);
    /** The table Bucket4j keeps the buckets in (created by the migrations). */
    static final String TABLE = "code_attempt_bucket";
    /** The key of the bucket all clients' unknown codes share; no client's key is the same. */
    private static final long EVERYONE = 0;
    private static final int REMOVED_PER_ROUND = 1000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<Long> buckets;
    private final BucketConfiguration perClient;
    private final BucketConfiguration shared;
    private final int perMinute;
    private final int failedPerMinute;
    private final SecretKeySpec key;
    private final long everyone;

    @Autowired
    public CodeAttemptLimiter(RapportProperties properties, DataSource dataSource, AppSecrets secrets) {
        this(properties, dataSource, secrets.getOrCreate("code-attempt-key"), EVERYONE);
    }

    /** A limiter whose keys come from {@code secret}, its shared bucket under {@code everyone}: instances with the same share buckets. */
    CodeAttemptLimiter(RapportProperties properties, DataSource dataSource, String secret, long everyone) {
        this.everyone = everyone;
        this.perMinute = properties.failedCodesPerMinute();
        this.failedPerMinute = properties.unknownCodesPerMinute();
        this.perClient = perMinute(perMinute);
        this.shared = perMinute(failedPerMinute);
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource).table(TABLE)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    private static BucketConfiguration perMinute(int tokens) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(tokens).refillGreedy(tokens, Duration.ofMinutes(1)).build())
                .build();
    }


    /**
     * Before a code is looked up: refuses a client (429) that has sent its minute's worth of unknown
     * codes. Nothing is counted here; {@code client} null (no request: the demo, a task) is not limited.
     */
    public void check(String client) {
        if (client == null) {
            return;
        }
        var bucket = buckets.builder().build(keyOf(client), () -> perClient);
        if (bucket.getAvailableTokens() < 1) {
            long wait = waitSeconds(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
            log.warn("code entry limit ({} unknown codes a minute) reached by a client; next attempt allowed in {} s", perMinute, wait);
            throw new TooManyRequestsException(wait);
        }
    }

    /** Counts an unknown code: against the client's limit ({@code client} null: none) and the limit shared by all clients. */
    public void failed(String client) {
        if (client != null) {
            buckets.builder().build(keyOf(client), () -> perClient).tryConsume(1);
        }
        ConsumptionProbe probe = buckets.builder().build(everyone, () -> shared).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long wait = waitSeconds(probe.getNanosToWaitForRefill());
            log.warn("more than {} unknown codes in a minute from all clients: code entry paused for {} s", failedPerMinute, wait);
            throw new TooManyRequestsException(wait);
        }
        if (probe.getRemainingTokens() == failedPerMinute / 2) {
            log.warn("half of the minute's budget of unknown codes is used: someone may be guessing codes");
        }
    }

    public int failedPerMinute() {
        return failedPerMinute;
    }

    /** Removes the rows of buckets unused for a minute (full again), so no trace of a client stays. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void removeExpired() {
        while (buckets.removeExpired(REMOVED_PER_ROUND) == REMOVED_PER_ROUND) {
            // another round: more rows expired than one round removes
        }
    }

    private long keyOf(String client) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            long k = ByteBuffer.wrap(mac.doFinal(client.getBytes(StandardCharsets.UTF_8))).getLong();
            return k == everyone ? k + 1 : k;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long waitSeconds(long nanos) {
        return Math.max(1, Duration.ofNanos(nanos).toSeconds());
    }
}
