package org.rapport.app.config;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Which server a thread's new connections come from: the primary, except inside {@link #onReplica}, where they come
 * from the replica's read-only pool. The application's one {@code DataSource} is {@link #front} of the primary's pool,
 * so every repository, the transactions and the migrations keep using it unchanged; only {@link ReplicaReads} opens the
 * replica's scope, around reads that have no side effects.
 */
final class ReplicaRouting implements AutoCloseable {
    private static final ThreadLocal<Boolean> ON_REPLICA = new ThreadLocal<>();
    private final HikariDataSource replica;

    ReplicaRouting(HikariDataSource replica) {
        this.replica = replica;
    }

    boolean present() {
        return replica != null;
    }

    /** Runs {@code work} with this thread's new connections taken from the replica. */
    <T> T onReplica(Supplier<T> work) {
        if (replica == null) {
            throw new IllegalStateException("no replica is configured");
        }
        Boolean outer = ON_REPLICA.get();
        ON_REPLICA.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                ON_REPLICA.remove();
            }
        }
    }

    /**
     * A DataSource that is {@code primary} (its pool's metrics and health included) except for connections asked for
     * inside {@link #onReplica}. Equal only to itself, as the transactions' bookkeeping, which keys connections by their
     * DataSource, requires.
     */
    DataSource front(HikariDataSource primary) {
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "primary " + primary.getJdbcUrl() + " with replica " + replica.getJdbcUrl();
                case "close":
                    primary.close();
                    return null;
                default:
                    break;
            }
            boolean connection = method.getName().equals("getConnection") || method.getName().equals("createConnectionBuilder");
            Object target = connection && Boolean.TRUE.equals(ON_REPLICA.get()) ? replica : primary;
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (DataSource) Proxy.newProxyInstance(ReplicaRouting.class.getClassLoader(), new Class<?>[] {DataSource.class, AutoCloseable.class},
                handler);
    }

    @Override
    public void close() {
        if (replica != null) {
            replica.close();
        }
    }
}
