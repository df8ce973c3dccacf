package org.rapport.app.config;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The one database: the PostgreSQL server named by RAPPORT_DB_URL, or else an embedded PostgreSQL
 * whose files live in {@code rapport.data-dir}/postgres, so that a restart keeps every answer.
 *
 * <p>When the database goes away the pool does not wait long for a connection ({@link #CONNECTION_TIMEOUT}),
 * drops broken connections and makes new ones as soon as the server is back, so Rapport answers 503
 * meanwhile and recovers by itself. A request during which no connection could be had, or one broke,
 * is marked ({@link #DATABASE_UNREACHABLE}) for the web layer, which answers it 503 whatever else
 * (a refused sign-in, say) the failure turned into.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {
    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);
    /** How long a request waits for a connection before the database counts as unreachable. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /**
     * The request attribute set when the database could not be reached during a request (the web
     * package reads it by this name; neither package depends on the other).
     */
    public static final String DATABASE_UNREACHABLE = "org.rapport.database-unreachable";

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(RapportProperties properties) throws IOException {
        if (properties.db().external()) {
            return new EmbeddedDatabase(null);
        }
        Path dir = properties.dataDir().toAbsolutePath().resolve("postgres");
        log.info("Starting embedded PostgreSQL with its data in {}", dir);
        return new EmbeddedDatabase(EmbeddedServer.start(dir));
    }

    /**
     * The main pool; with a replica configured (RAPPORT_DB_REPLICA_URL), a {@link ReplicaRouting} in front of it and of
     * the replica's read-only pool, which hands out the replica's connections only inside {@link ReplicaReads#read}. Everything else (every write, sessions, the survey, migrations) is on the primary.
     */
    @Bean
    @org.springframework.context.annotation.Primary
    DataSource dataSource(RapportProperties properties, EmbeddedDatabase embedded, ReplicaRouting routing) {
        HikariDataSource primary = pool(properties, embedded, "rapport", 10);
        return routing.present() ? routing.front(primary) : primary;
    }

    /** The replica's pool when RAPPORT_DB_REPLICA_URL is set; none otherwise. */
    @Bean(destroyMethod = "close")
    ReplicaRouting replicaRouting(RapportProperties properties) {
        if (!properties.db().replicated()) {
            return new ReplicaRouting(null);
        }
        log.info("Report reads may go to the replica at {}", properties.db().replica().url());
        return new ReplicaRouting(replicaPool(properties.db(), 6));
    }

    /**
     * The replica's pool: read-only connections (refused a write by Rapport's driver and by the server's session
     * setting, as a hot standby would refuse it anyway), which never mark a request as having lost the database
     * (a read that fails there is done again on the primary) and give up quickly while the replica is away.
     */
    static HikariDataSource replicaPool(RapportProperties.Db db, int size) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.replica().url());
        ds.setUsername(db.replicaUser());
        ds.setPassword(db.replicaPassword());
        ds.setMaximumPoolSize(size);
        ds.setMinimumIdle(0);
        ds.setPoolName("rapport-replica");
        ds.setReadOnly(true);
        ds.setConnectionInitSql("set session characteristics as transaction read only");
        ds.addDataSourceProperty("readOnlyMode", "always");
        ds.addDataSourceProperty("ApplicationName", "rapport-replica");
        // the app starts whether or not the replica is there, and tries it again later
        ds.setInitializationFailTimeout(-1);
        ds.setConnectionTimeout(Duration.ofSeconds(1).toMillis());
        ds.setValidationTimeout(Duration.ofMillis(500).toMillis());
        ds.setKeepaliveTime(Duration.ofMinutes(1).toMillis());
        ds.addDataSourceProperty("connectTimeout", "2");
        ds.addDataSourceProperty("socketTimeout", "60");
        ds.addDataSourceProperty("tcpKeepAlive", "true");
        return ds;
    }

    /**
     * A small pool of its own for the limits on guessing (access.CodeAttemptLimiter): a code is checked
     * inside the request's transaction, which already holds a connection of the main pool, so a limit
     * kept on that pool would let a burst of guesses hold every connection while each waits for a
     * second one, and starve everyone. Connections of this pool are held only for a bucket's update.
     */
    @Bean(LIMITS)
    DataSource limitsDataSource(RapportProperties properties, EmbeddedDatabase embedded) {
        return pool(properties, embedded, "rapport-limits", 4);
    }

    /** The bean name of {@link #limitsDataSource}. */
    public static final String LIMITS = "limitsDataSource";

    private static HikariDataSource pool(RapportProperties properties, EmbeddedDatabase embedded, String name, int size) {
        HikariDataSource ds = new HikariDataSource();
        if (properties.db().external()) {
            ds.setJdbcUrl(properties.db().url());
            ds.setUsername(properties.db().user());
            ds.setPassword(properties.db().password());
        } else {
            ds.setJdbcUrl(embedded.server().jdbcUrl());
            ds.setUsername("postgres");
        }
        ds.setMaximumPoolSize(size);
        ds.setPoolName(name);
        // while the database is away a request fails after this long, rather than after Hikari's 30 s
        ds.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        ds.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        // idle connections are tested every minute, so that those a restarted server has cut are replaced
        ds.setKeepaliveTime(Duration.ofMinutes(1).toMillis());
        // a server that is down refuses at once; one that does not answer is given up after 5 s
        ds.addDataSourceProperty("connectTimeout", "5");
        ds.addDataSourceProperty("tcpKeepAlive", "true");
        ds.setExceptionOverride(new BrokenConnections());
        ds.setMetricsTrackerFactory(new ConnectionTimeouts());
        return ds;
    }

    /** Marks the current request when the database is unreachable: see {@link #DATABASE_UNREACHABLE}. */
    static void markRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(DATABASE_UNREACHABLE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** Hikari's report of a request that had no connection within the timeout: marks the request. */
    static final class ConnectionTimeouts implements MetricsTrackerFactory {
        @Override
        public IMetricsTracker create(String poolName, PoolStats poolStats) {
            return new IMetricsTracker() {
                @Override
                public void recordConnectionTimeout() {
                    markRequest();
                }
            };
        }
    }

    /**
     * Sees every SQLException of a pooled connection: one that says the connection or the server has
     * gone (SQLState class 08, or 57P01–57P03: shut down, crashed, starting) marks the request. Hikari
     * then evicts the connection as usual.
     */
    static final class BrokenConnections implements SQLExceptionOverride {
        @java.lang.Override
        public Override adjudicate(SQLException e) {
            String state = e.getSQLState();
            if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) {
                markRequest();
            }
            return Override.CONTINUE_EVICT;
        }
    }

    /** Holds the embedded server, if any, and stops it on shutdown. */
    public static final class EmbeddedDatabase implements AutoCloseable {
        private final EmbeddedServer server;

        EmbeddedDatabase(EmbeddedServer server) {
            this.server = server;
        }

        EmbeddedServer server() {
            return server;
        }

        public boolean running() {
            return server != null;
        }

        @Override
        public void close() throws IOException {
            if (server != null) {
                server.close();
            }
        }
    }
}
