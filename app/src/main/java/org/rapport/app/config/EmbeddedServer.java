package org.rapport.app.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of a run without RAPPORT_DB_URL, with its files in {@code dir}. Before it
 * starts, a server that a killed Rapport left running there is stopped ({@link StalePostmaster}).
 * While Rapport runs, the server is watched: if it dies (killed, out of memory), it is started
 * again in the same directory on the same port (crash recovery from its write-ahead log), so that
 * the connection pool finds it again without a restart of Rapport.
 */
final class EmbeddedServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);
    /** Time for the server to accept connections; crash recovery after a kill can take a while. */
    static final Duration STARTUP_WAIT = Duration.ofSeconds(120);
    static final Duration WATCH_EVERY = Duration.ofSeconds(1);

    private final Path dir;
    private final ScheduledExecutorService watchdog;
    private volatile EmbeddedPostgres postgres;
    private volatile long pid;
    private volatile boolean closed;
    private int port;

    private EmbeddedServer(Path dir) {
        this.dir = dir;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "embedded-postgres-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    static EmbeddedServer start(Path dir) throws IOException {
        Files.createDirectories(dir);
        StalePostmaster.stopIfLeftRunning(dir);
        EmbeddedServer server = new EmbeddedServer(dir);
        server.startPostgres(0);
        server.watchdog.scheduleWithFixedDelay(server::watch, WATCH_EVERY.toMillis(), WATCH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return server;
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    private synchronized void startPostgres(int fixedPort) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                // stopped by Rapport's own shutdown, after the connection pool has closed
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
        if (fixedPort > 0) {
            builder.setPort(fixedPort);
        }
        postgres = builder.start();
        port = postgres.getPort();
        pid = StalePostmaster.PidFile.read(dir).map(StalePostmaster.PidFile::pid).orElse(-1L);
        log.info("Embedded PostgreSQL (PID {}) listens on port {}", pid, port);
    }

    /** Starts the server again if it has died, unless Rapport is stopping it. */
    private void watch() {
        if (closed || pid <= 0 || StalePostmaster.Processes.alive(pid)) {
            return;
        }
        synchronized (this) {
            if (closed || StalePostmaster.Processes.alive(pid)) {
                return;
            }
            log.error("The embedded PostgreSQL (PID {}) has stopped; starting it again in {}", pid, dir);
            try {
                StalePostmaster.Backends.awaitGone(dir);
                closeQuietly(postgres);
                startPostgres(port);
                log.warn("The embedded PostgreSQL is running again (PID {}, port {})", pid, port);
            } catch (Exception e) {
                // the next round tries again
                log.error("Could not start the embedded PostgreSQL again; trying again in {} s", WATCH_EVERY.toSeconds(), e);
            }
        }
    }

    private static void closeQuietly(EmbeddedPostgres p) {
        if (p == null) {
            return;
        }
        try {
            // releases the directory's lock; its pg_ctl stop finds no server and says so
            p.close();
        } catch (IOException | RuntimeException e) {
            log.debug("closing the dead embedded PostgreSQL", e);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watchdog.shutdownNow();
        synchronized (this) {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
