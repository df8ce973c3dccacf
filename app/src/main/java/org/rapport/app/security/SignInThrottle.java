package org.rapport.app.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rapport.app.config.AppSecrets;
import org.rapport.app.config.KeyedHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing, per account and per client address, for every instance alike (the counts
 * are in PostgreSQL). An account may be refused {@link #FREE_PER_ACCOUNT} times in a row; after that
 * each refusal blocks it for twice as long as the one before (1 s, 2 s, 4 s … at most
 * {@link #LONGEST} = 15 minutes), and no password is checked while it is blocked, so a guess then
 * learns nothing. An address may be refused {@code rapport.sign-in.failures-per-address} (30) times in
 * a row, whatever accounts it tries, before the same growing delays. The count starts again an hour
 * after the last refusal, or when the account signs in or chooses a new password. So an attacker gets
 * about a hundred guesses a day at one account, and a real person who mistyped is kept waiting a
 * quarter of an hour at most (and can always reset their password by e-mail). Keys are keyed hashes
 * of the e-mail and the address, never either of them. Each refusal for a known account is logged
 * for its school's admins (30 days) and in the server's log, without the address or what was typed.
 */
@Component
public class SignInThrottle {
    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    static final int FREE_PER_ACCOUNT = 5;
    static final Duration LONGEST = Duration.ofMinutes(15);
    static final Duration FORGET = Duration.ofHours(1);
    static final Duration KEEP_LOG = Duration.ofDays(30);

    private final SignInRepository repository;
    private final Clock clock;
    private final int freePerAddress;
    private final KeyedHash key;

    @Autowired
    SignInThrottle(SignInRepository repository, Clock clock, AppSecrets secrets,
                   @Value("${rapport.sign-in.failures-per-address:30}") int freePerAddress) {
        this(repository, clock, secrets.getOrCreate("sign-in-throttle-key"), freePerAddress);
    }

    SignInThrottle(SignInRepository repository, Clock clock, String secret, int freePerAddress) {
        this.repository = repository;
        this.clock = clock;
        this.freePerAddress = Math.max(1, freePerAddress);
        this.key = new KeyedHash(secret);
    }

    /** How long a key is blocked after its {@code failures}-th refusal in a row, with {@code free} allowed: zero until then. */
    static Duration delay(int failures, int free) {
        int over = failures - free;
        if (over <= 0) {
            return Duration.ZERO;
        }
        return over > 11 ? LONGEST : Duration.ofSeconds(Math.min(LONGEST.toSeconds(), 1L << (over - 1)));
    }

    /** Refuses (with how long to wait) a sign-in to {@code email} from {@code address} that either is blocked for. */
    public void check(String email, String address) {
        Instant now = clock.instant();
        Optional<Instant> until = repository.blockedUntil(accountKey(email), now);
        if (address != null) {
            until = max(until, repository.blockedUntil(addressKey(address), now));
        }
        if (until.isPresent()) {
            throw new SignInThrottledException(Math.max(1, Duration.between(now, until.get()).toSeconds() + 1));
        }
    }

    /** Counts a refused sign-in ({@code staffId}: the account's, if there is one; {@code throttled}: refused unchecked). */
    public void failed(String email, String address, Long staffId, boolean throttled) {
        Instant now = clock.instant();
        int inARow = count(accountKey(email), FREE_PER_ACCOUNT, now);
        if (address != null) {
            count(addressKey(address), freePerAddress, now);
        }
        if (staffId != null) {
            repository.log(staffId, now, throttled);
            log.warn("failed sign-in to staff account {} ({} in a row{})", staffId, inARow, throttled ? ", while slowed" : "");
        } else {
            log.info("failed sign-in to an e-mail with no account");
        }
    }

    /** A sign-in that worked, or a new password: the account's count starts again. */
    public void succeeded(String email) {
        repository.clear(accountKey(email));
    }

    private int count(long key, int free, Instant now) {
        int failures = repository.fail(key, now, now.minus(FORGET));
        Duration delay = delay(failures, free);
        if (!delay.isZero()) {
            repository.block(key, now.plus(delay));
        }
        return failures;
    }

    /** An account's refused sign-ins since {@code since}. */
    public record Failures(long staffId, int count, int whileSlowed, Instant last) {
    }

    /** The refused sign-ins of these accounts in the last {@code days} days, most recent first. */
    public List<Failures> failures(List<Long> staffIds, int days) {
        return repository.failures(staffIds, clock.instant().minus(Duration.ofDays(days)));
    }

    @Scheduled(fixedDelay = 3_600_000, initialDelay = 60_000)
    void forget() {
        Instant now = clock.instant();
        repository.forget(now.minus(FORGET));
        repository.forgetLog(now.minus(KEEP_LOG));
    }

    private long accountKey(String email) {
        return key.of("account:" + (email == null ? "" : email.strip().toLowerCase(Locale.ROOT)));
    }

    private long addressKey(String address) {
        return key.of("address:" + address);
    }


    private static Optional<Instant> max(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() || a.get().isAfter(b.get()) ? a : b;
    }
}
