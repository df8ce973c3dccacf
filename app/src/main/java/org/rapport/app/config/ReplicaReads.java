package org.rapport.app.config;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Report reads from the streaming replica (RAPPORT_DB_REPLICA_URL), never older than the primary was when they began.
 *
 * <p>Before a read, the primary says how far it has written ({@code pg_current_wal_insert_lsn}): every commit made before
 * the read began is before that position. The read goes to the replica only if the replica has replayed up to there
 * ({@code pg_last_wal_replay_lsn}, asked on the connection that then reads, so on the same server): it then sees
 * everything the primary would have shown at that moment, so no view, on this instance or another, ever shows fewer
 * answers than one already shown, and a viewer reads their own changes. A replica that is behind is given
 * {@link #CATCH_UP} to catch up; if it does not, the read is done on the primary. A replica that cannot be reached, or
 * whose read fails (a conflict with its replay, say), is left alone for {@link #PAUSE} while reads go to the primary,
 * then tried again. Without a replica, {@link #read} just reads. docs/SCALING.md tells the design.
 *
 * <p>Only reads without side effects go through here: one may be done twice (on the replica, then on the primary). The
 * replica's connections are read-only; a hot standby refuses writes anyway.
 */
@Component
public class ReplicaReads {
    private static final Logger log = LoggerFactory.getLogger(ReplicaReads.class);
    /** How long a read waits for a replica that is behind before it goes to the primary. */
    static final Duration CATCH_UP = Duration.ofMillis(250);
    /** How long reads stay on the primary after the replica failed. */
    static final Duration PAUSE = Duration.ofSeconds(5);

    /** Where reads went last, for the log's record of each change. */
    enum Where { REPLICA, PRIMARY_BEHIND, PRIMARY_FAILED }

    private final ReplicaRouting routing;
    private final ReplicaPositions positions;
    private final TransactionTemplate outsideTransaction;
    private volatile long pausedUntil = System.nanoTime();
    private final AtomicReference<Where> last = new AtomicReference<>();

    ReplicaReads(ReplicaRouting routing, ReplicaPositions positions, PlatformTransactionManager transactions) {
        this.routing = routing;
        this.positions = positions;
        this.outsideTransaction = new TransactionTemplate(transactions);
        this.outsideTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    /** A read's value from the replica (which may be null). */
    private record Result<T>(T value) {
    }

    /**
     * {@code read}'s result, from the replica when it has replayed everything the primary had written when this call
     * began, else from the primary in the caller's context (its transaction, if any). {@code read} must not write, and
     * may be run twice.
     */
    public <T> T read(Supplier<T> read) {
        if (!routing.present() || System.nanoTime() - pausedUntil < 0) {
            return read.get();
        }
        long written = positions.written();
        Result<T> result;
        try {
            result = outsideTransaction.execute(tx -> routing.onReplica(() -> caughtUp(written) ? new Result<>(read.get()) : null));
        } catch (DataAccessException | TransactionException e) {
            pausedUntil = System.nanoTime() + PAUSE.toNanos();
            if (last.getAndSet(Where.PRIMARY_FAILED) != Where.PRIMARY_FAILED) {
                log.warn("Report reads go to the primary for now: the replica failed ({})", e.getMostSpecificCause().getMessage());
            }
            return read.get();
        }
        if (result == null) {
            if (last.getAndSet(Where.PRIMARY_BEHIND) != Where.PRIMARY_BEHIND) {
                log.info("Report reads go to the primary for now: the replica is more than {} ms behind", CATCH_UP.toMillis());
            }
            return read.get();
        }
        if (last.getAndSet(Where.REPLICA) != Where.REPLICA) {
            log.info("Report reads go to the replica");
        }
        return result.value();
    }

    /** On the replica: whether it has replayed up to {@code written}, waiting up to {@link #CATCH_UP} for it. */
    private boolean caughtUp(long written) {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (true) {
            Long replayed = positions.replayed();
            if (replayed == null) {
                throw new org.springframework.dao.DataAccessResourceFailureException(
                        "the replica is not a standby (it replays nothing), so how far it is behind cannot be known");
            }
            if (replayed >= written) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
