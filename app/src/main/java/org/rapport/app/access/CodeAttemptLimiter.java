package org.rapport.app.access;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.rapport.app.config.DatabaseConfig;
import org.rapport.app.config.KeyedHash;
import org.springframework.beans.factory.annotation.Qualifier;
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
 * instances, is slowed as much as from one. A valid code uses up nothing and costs no database work
 * here, so a whole school behind one router always gets in. An address found over its limit is
 * remembered by the instance that found it (in memory, until its bucket has a token again) and
 * refused there before its codes are looked at, so its answers say nothing of the codes it sends; an
 * instance that has not met it yet learns it at the address's next unknown code, which it refuses.
 * The buckets live on a small connection pool of their own ({@link DatabaseConfig#LIMITS}). A
 * client's bucket is keyed by a keyed hash of its address (HMAC with a server secret), never the
 * address; a bucket's row expires a minute after its last use and is removed.
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
    private final KeyedHash key;
    private final long everyone;

    /** Addresses (by key) found over their limit, and until when: refused without a look-up. */
    private final Cache<Long, Instant> blocked = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(2)).maximumSize(100_000).build();
    private final Clock clock;

    @Autowired
    public CodeAttemptLimiter(RapportProperties properties, @Qualifier(DatabaseConfig.LIMITS) DataSource dataSource, AppSecrets secrets,
                              Clock clock) {
        this(properties, dataSource, secrets.getOrCreate("code-attempt-key"), EVERYONE, clock);
    }

    /** A limiter whose keys come from {@code secret}, its shared bucket under {@code everyone}: instances with the same share buckets. */
    CodeAttemptLimiter(RapportProperties properties, DataSource dataSource, String secret, long everyone, Clock clock) {
        this.everyone = everyone;
        this.clock = clock;
        this.perMinute = properties.failedCodesPerMinute();
        this.failedPerMinute = properties.unknownCodesPerMinute();
        this.perClient = perMinute(perMinute);
        this.shared = perMinute(failedPerMinute);
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource).table(TABLE)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                // the buckets fill on the application's clock, like everything else that counts time
                .clientClock(new TimeMeter() {
                    @Override
                    public long currentTimeNanos() {
                        Instant now = clock.instant();
                        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                    }

                    @Override
                    public boolean isWallClockBased() {
                        return true;
                    }
                })
                .build();
        this.key = new KeyedHash(secret);
    }

    private static BucketConfiguration perMinute(int tokens) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(tokens).refillGreedy(tokens, Duration.ofMinutes(1)).build())
                .build();
    }


    /**
     * Before a code is looked up: refuses (429) a client this instance found over its limit of unknown
     * codes, until its bucket has a token again. Nothing is counted, and the database is not asked;
     * {@code client} null (no request: the demo, a task) is not limited.
     */
    public void check(String client) {
        if (client == null) {
            return;
        }
        Instant until = blocked.getIfPresent(keyOf(client));
        Instant now = clock.instant();
        if (until != null && until.isAfter(now)) {
            long wait = Math.max(1, Duration.between(now, until).toSeconds() + 1);
            log.warn("code entry limit ({} unknown codes a minute) reached by a client; next attempt allowed in {} s", perMinute, wait);
            throw new TooManyRequestsException(wait);
        }
    }

    /**
     * Counts an unknown code: against the client's limit ({@code client} null: none) and the limit shared
     * by all clients; refuses it (429) when either is spent, and remembers a client that has spent its own.
     */
    public void failed(String client) {
        if (client != null) {
            long clientKey = keyOf(client);
            ConsumptionProbe own = buckets.builder().build(clientKey, () -> perClient).tryConsumeAndReturnRemaining(1);
            if (!own.isConsumed() || own.getRemainingTokens() == 0) {
                // spent: the next token comes after the refill of one (greedy refill, a minute for the whole bucket)
                long nanos = own.isConsumed() ? Duration.ofMinutes(1).toNanos() / perMinute : own.getNanosToWaitForRefill();
                blocked.put(clientKey, clock.instant().plusNanos(nanos));
            }
            if (!own.isConsumed()) {
                long wait = waitSeconds(own.getNanosToWaitForRefill());
                log.warn("code entry limit ({} unknown codes a minute) reached by a client; next attempt allowed in {} s", perMinute, wait);
                throw new TooManyRequestsException(wait);
            }
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
        long k = key.of(client);
        return k == everyone ? k + 1 : k;
    }

    private static long waitSeconds(long nanos) {
        return Math.max(1, Duration.ofNanos(nanos).toSeconds());
    }
}
