package org.rapport.app.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Debian's PostgreSQL as a primary and a hot standby streaming from it (a base backup with {@code pg_basebackup -R}),
 * each on a free port of 127.0.0.1, their files in a new directory /tmp/rapport-replica-it.* that {@link #close} stops
 * and deletes. The servers run as the {@code postgres} user: through {@code runuser} when the tests run as root, through
 * {@code sudo -n} otherwise (as scripts/test does). A directory left by a run that died (its owner.pid names no running
 * process) is stopped and deleted first, so running again is safe. The standby logs every statement it runs, with the
 * client's application name, so that a test can see what was read there and that nothing was written.
 */
public final class StreamingReplica implements AutoCloseable {
    public static final String USER = "rapport";
    public static final String PASSWORD = "rapport-replica-it";
    public static final String DATABASE = "rapport";
    private static final String PREFIX = "rapport-replica-it.";

    private final Path bin;
    private final Path dir;
    private final int primaryPort;
    private final int standbyPort;

    private StreamingReplica(Path bin, Path dir, int primaryPort, int standbyPort) {
        this.bin = bin;
        this.dir = dir;
        this.primaryPort = primaryPort;
        this.standbyPort = standbyPort;
        this.hook = new Thread(() -> {
            try {
                stopAndDelete(bin, dir);
            } catch (Exception e) {
                // exiting anyway; the next run removes what is left
            }
        });
    }

    /** Makes and starts both servers, with a database and a login role for Rapport on the primary (and so on the standby). */
    public static StreamingReplica start() throws Exception {
        Path bin = binaries();
        removeLeftovers(bin);
        Path dir = Path.of(asPostgres(null, "mktemp", "-d", "/tmp/" + PREFIX + "XXXXXX").trim());
        StreamingReplica pair = new StreamingReplica(bin, dir, freePort(), freePort());
        try {
            asPostgres(ProcessHandle.current().pid() + "\n", "tee", dir.resolve("owner.pid").toString());
            pair.initPrimary();
            pair.initStandby();
            // a test process stopped by a signal still stops its servers
            Runtime.getRuntime().addShutdownHook(pair.hook);
            return pair;
        } catch (Exception e) {
            pair.close();
            throw e;
        }
    }

    /** The highest PostgreSQL installed by Debian's packages (or RAPPORT_IT_PG_BIN). */
    static Path binaries() throws IOException {
        String given = System.getenv("RAPPORT_IT_PG_BIN");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(p -> p.getFileName().toString().matches("\\d+") && Files.isExecutable(p.resolve("bin/pg_ctl")))
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())))
                    .map(p -> p.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL in /usr/lib/postgresql: run scripts/test, which installs it"));
        }
    }

    private void initPrimary() throws Exception {
        Path data = dir.resolve("primary");
        asPostgres(null, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-E", "UTF8", "--locale=C",
                "--auth-local=trust", "--auth-host=scram-sha-256");
        configure(data, primaryPort, "");
        asPostgres(null, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("primary.log").toString(), "-w", "-t", "60",
                "start");
        psql("create role " + USER + " login password '" + PASSWORD + "'");
        psql("create database " + DATABASE + " owner " + USER);
    }

    private void initStandby() throws Exception {
        Path data = dir.resolve("standby");
        asPostgres(null, bin.resolve("pg_basebackup").toString(), "-h", dir.toString(), "-p", Integer.toString(primaryPort), "-U", "postgres",
                "-D", data.toString(), "-R", "-X", "stream", "-c", "fast");
        // every statement logged with the client's application name; the standby's queries hold back the primary's clean-up
        // rather than being cancelled by it
        configure(data, standbyPort, """
                hot_standby = on
                hot_standby_feedback = on
                log_statement = 'all'
                log_line_prefix = '%m [%p] app=%a '
                """);
        startStandby();
    }

    /** Appends this test's settings to a data directory's postgresql.conf (later lines win). */
    private void configure(Path data, int port, String more) throws Exception {
        String settings = """

                # rapport replica test
                listen_addresses = '127.0.0.1'
                port = %d
                unix_socket_directories = '%s'
                wal_level = replica
                max_wal_senders = 5
                logging_collector = off
                """.formatted(port, dir) + more;
        asPostgres(settings, "tee", "-a", data.resolve("postgresql.conf").toString());
    }

    private void psql(String sql) throws Exception {
        asPostgres(null, bin.resolve("psql").toString(), "-h", dir.toString(), "-p", Integer.toString(primaryPort), "-U", "postgres",
                "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql);
    }

    /** Starts the standby (again) and waits until it takes read-only connections. */
    public void startStandby() throws Exception {
        asPostgres(null, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("standby").toString(), "-l", dir.resolve("standby.log").toString(),
                "-w", "-t", "60", "start");
    }

    /**
     * Makes the standby hold each commit back for {@code delay} before it replays it ({@code recovery_min_apply_delay};
     * zero for none), so that it lags behind the primary by at least that.
     */
    public void delayStandby(java.time.Duration delay) throws Exception {
        asPostgres("\nrecovery_min_apply_delay = '" + delay.toMillis() + "ms'\n", "tee", "-a", dir.resolve("standby/postgresql.conf").toString());
        asPostgres(null, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("standby").toString(), "reload");
    }

    /** Stops the standby at once, as a crash would (the postmaster and every backend quit without a checkpoint). */
    public void killStandby() throws Exception {
        asPostgres(null, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("standby").toString(), "-m", "immediate", "-w", "stop");
    }

    public String primaryUrl() {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/" + DATABASE;
    }

    public String standbyUrl() {
        return "jdbc:postgresql://127.0.0.1:" + standbyPort + "/" + DATABASE;
    }

    public Connection primary() throws Exception {
        return DriverManager.getConnection(primaryUrl(), USER, PASSWORD);
    }

    /** A connection to the standby, named {@code applicationName} in its log. */
    public Connection standby(String applicationName) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        p.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(standbyUrl(), p);
    }

    /** The standby's server log so far (every statement it ran). */
    public String standbyLog() throws Exception {
        return asPostgres(null, "cat", dir.resolve("standby.log").toString());
    }

    private final Thread hook;

    @Override
    public void close() throws Exception {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException exitingOrNeverAdded) {
            // the hook runs, or was never added
        }
        stopAndDelete(bin, dir);
    }

    private static void stopAndDelete(Path bin, Path dir) throws Exception {
        for (String server : List.of("standby", "primary")) {
            Path data = dir.resolve(server);
            if (asPostgres(null, "sh", "-c", "test -f '" + data.resolve("postmaster.pid") + "' && echo running || true").contains("running")) {
                try {
                    asPostgres(null, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
                } catch (IllegalStateException alreadyStopped) {
                    // a stale pid file: nothing runs there
                }
            }
        }
        asPostgres(null, "rm", "-rf", dir.toString());
    }

    /** Directories of earlier runs whose test process is gone: their servers stopped, their files deleted. */
    private static void removeLeftovers(Path bin) throws Exception {
        try (var dirs = Files.list(Path.of("/tmp"))) {
            for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                String owner = asPostgres(null, "sh", "-c", "cat '" + d.resolve("owner.pid") + "' 2>/dev/null || true").trim();
                boolean alive = owner.matches("\\d+") && ProcessHandle.of(Long.parseLong(owner)).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    stopAndDelete(bin, d);
                }
            }
        }
    }

    /** Runs a command as the postgres user (runuser as root, sudo -n otherwise), with {@code input} on its standard input. */
    static String asPostgres(String input, String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        } else {
            cmd.addAll(List.of("sudo", "-n", "-u", "postgres"));
        }
        cmd.addAll(List.of(command));
        // from a directory the postgres user may enter
        Process p = new ProcessBuilder(cmd).directory(Path.of("/tmp").toFile()).redirectErrorStream(true).start();
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
