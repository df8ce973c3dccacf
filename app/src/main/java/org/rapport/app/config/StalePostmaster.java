package org.rapport.app.config;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that a killed Rapport left running in its data directory. The embedded server
 * is a process of its own (pg_ctl starts it), so a kill -9 of the JVM leaves it running with the
 * data directory locked, and the next start cannot start another there. Before starting, Rapport
 * stops it: only when no other live process holds the directory (the embedded library's
 * {@code epg-lock}), and only a process that is really a postgres of this data directory (its
 * command, and its working directory or {@code -D} argument), never whatever now has the PID that
 * {@code postmaster.pid} names. A fast shutdown (SIGINT, as {@code pg_ctl stop -m fast}) writes a
 * checkpoint: nothing committed is lost.
 */
final class StalePostmaster {
    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
    static final String LOCK_FILE = "epg-lock";
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private StalePostmaster() {
    }

    /** The first lines of postmaster.pid: the postmaster's PID, its data directory and its port. */
    record PidFile(long pid, Path dataDir, int port) {
        static Optional<PidFile> read(Path dir) throws IOException {
            List<String> lines;
            try {
                lines = Files.readAllLines(dir.resolve("postmaster.pid"));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            try {
                return Optional.of(new PidFile(Long.parseLong(lines.get(0).trim()), Path.of(lines.get(1).trim()),
                        lines.size() > 3 && !lines.get(3).isBlank() ? Integer.parseInt(lines.get(3).trim()) : -1));
            } catch (RuntimeException e) {
                // half written (a crash while the server was starting): PostgreSQL itself replaces it
                return Optional.empty();
            }
        }
    }

    /**
     * Stops the PostgreSQL a killed Rapport left running in {@code dir}, if any; returns whether there
     * was one. Throws when another live process is using the directory.
     */
    static boolean stopIfLeftRunning(Path dir) throws IOException {
        Optional<PidFile> pidFile = PidFile.read(dir);
        if (pidFile.isEmpty()) {
            return false;
        }
        Path lockFile = dir.resolve(LOCK_FILE);
        try (FileOutputStream out = new FileOutputStream(lockFile.toFile()); FileLock lock = tryLock(out)) {
            if (lock == null) {
                throw new IllegalStateException("Another running Rapport uses the embedded database in " + dir
                        + "; stop it first, or give this one its own RAPPORT_DATA_DIR.");
            }
            PidFile p = pidFile.get();
            if (!Processes.alive(p.pid())) {
                // a server that was killed itself: PostgreSQL replaces its lock file, once its backends have gone
                Backends.awaitGone(dir);
                return false;
            }
            if (!isPostgresOf(p.pid(), dir)) {
                log.warn("postmaster.pid in {} names PID {}, which is not a PostgreSQL of this directory: left alone", dir, p.pid());
                return false;
            }
            log.warn("A PostgreSQL (PID {}, port {}) is still running in {}, left by a Rapport that did not shut down; stopping it",
                    p.pid(), p.port(), dir);
            stop(p.pid(), dir);
            return true;
        }
    }

    private static FileLock tryLock(FileOutputStream out) throws IOException {
        try {
            return out.getChannel().tryLock();
        } catch (OverlappingFileLockException e) {
            // this JVM already runs the server of this directory
            return null;
        }
    }

    /** Whether {@code pid} is a postgres whose data directory is {@code dir}. */
    static boolean isPostgresOf(long pid, Path dir) {
        Optional<String> command = Processes.command(pid);
        if (command.isEmpty() || !Path.of(command.get()).getFileName().toString().equals("postgres")) {
            return false;
        }
        Path real = Processes.real(dir);
        // PostgreSQL works in its data directory; pg_ctl also passes it as -D
        if (Processes.workingDirectory(pid).map(Processes::real).filter(real::equals).isPresent()) {
            return true;
        }
        List<String> args = Processes.arguments(pid);
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("-D") && Processes.real(Path.of(args.get(i + 1))).equals(real)) {
                return true;
            }
        }
        return false;
    }

    /** A fast shutdown, then an immediate one, then SIGKILL; waits for the server and its backends to be gone. */
    static void stop(long pid, Path dir) throws IOException {
        String[][] signals = {{"INT", "fast shutdown"}, {"QUIT", "immediate shutdown"}, {"KILL", "kill"}};
        for (String[] signal : signals) {
            Processes.signal(pid, signal[0]);
            if (Processes.awaitGone(pid, signal[0].equals("KILL") ? Duration.ofSeconds(10) : SHUTDOWN_WAIT)) {
                Backends.awaitGone(dir);
                log.info("The PostgreSQL left running in {} has stopped ({})", dir, signal[1]);
                return;
            }
            log.warn("The PostgreSQL (PID {}) in {} did not stop after a {} in {} s", pid, dir, signal[1], SHUTDOWN_WAIT.toSeconds());
        }
        throw new IllegalStateException("Could not stop the PostgreSQL (PID " + pid + ") left running in " + dir);
    }

    /** The server processes of a data directory, found by their working directory (Linux). */
    static final class Backends {
        private Backends() {
        }

        static List<ProcessHandle> of(Path dir) {
            Path real = Processes.real(dir);
            return ProcessHandle.allProcesses().filter(h -> h.pid() != ProcessHandle.current().pid())
                    .filter(h -> Processes.workingDirectory(h.pid()).map(Processes::real).filter(real::equals).isPresent())
                    .filter(h -> Processes.command(h.pid()).map(c -> Path.of(c).getFileName().toString().equals("postgres")).orElse(false))
                    .filter(h -> Processes.alive(h.pid()))
                    .toList();
        }

        /**
         * Waits (up to 30 s) for what is left of a dead postmaster's backends to exit, as they do when they
         * notice it has gone, then kills those that remain: a new server cannot start while they hold the
         * old one's shared memory.
         */
        static void awaitGone(Path dir) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            List<ProcessHandle> left = of(dir);
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                sleep(100);
                left = of(dir);
            }
            if (!left.isEmpty()) {
                log.warn("Killing {} PostgreSQL backends left in {} by a postmaster that has gone", left.size(), dir);
                left.forEach(ProcessHandle::destroyForcibly);
                left.forEach(h -> Processes.awaitGone(h.pid(), Duration.ofSeconds(10)));
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What the operating system says of a process; on Linux from /proc. */
    static final class Processes {
        private Processes() {
        }

        /** Running, and not a zombie waiting to be reaped. */
        static boolean alive(long pid) {
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return false;
            }
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException | RuntimeException e) {
                return !Files.isDirectory(Path.of("/proc", Long.toString(pid)));
            }
        }

        static boolean awaitGone(long pid, Duration wait) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (alive(pid)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                sleep(100);
            }
            return true;
        }

        static Optional<String> command(long pid) {
            Optional<String> command = ProcessHandle.of(pid).flatMap(h -> h.info().command());
            if (command.isPresent()) {
                return command;
            }
            List<String> cmdline = cmdline(pid);
            return cmdline.isEmpty() ? Optional.empty() : Optional.of(cmdline.get(0));
        }

        static List<String> arguments(long pid) {
            List<String> cmdline = cmdline(pid);
            if (!cmdline.isEmpty()) {
                return cmdline.subList(1, cmdline.size());
            }
            return ProcessHandle.of(pid).flatMap(h -> h.info().arguments()).map(List::of).orElse(List.of());
        }

        private static List<String> cmdline(long pid) {
            try {
                String s = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
                return s.isEmpty() ? List.of() : List.of(s.split("\0"));
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        }

        static Optional<Path> workingDirectory(long pid) {
            try {
                return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        static Path real(Path p) {
            try {
                return p.toRealPath();
            } catch (IOException e) {
                return p.toAbsolutePath().normalize();
            }
        }

        /** Sends a signal by name with kill(1): Java can send only TERM and KILL. */
        static void signal(long pid, String name) throws IOException {
            Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(pid)).redirectErrorStream(true).start();
            try {
                if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                    kill.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }
}
