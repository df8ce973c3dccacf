package org.rapport.app.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The PostgreSQL server of a data directory, as its postmaster.pid names it: the process and its port. */
record Postmaster(long pid, int port) {

    /** The server postmaster.pid names; the file must exist. */
    static Postmaster of(Path pgData) throws IOException {
        List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"));
        return new Postmaster(Long.parseLong(lines.get(0).trim()), Integer.parseInt(lines.get(3).trim()));
    }

    /** Alive and not a zombie. */
    boolean alive() {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException | RuntimeException e) {
                return !Files.isDirectory(Path.of("/proc"));
            }
        }
        return false;
    }

    /** SIGKILL to the postmaster and every backend at once, as a power cut would leave it; waits until it is gone. */
    void kill() throws InterruptedException {
        ProcessHandle postmaster = ProcessHandle.of(pid).orElse(null);
        if (postmaster == null) {
            return;
        }
        List<ProcessHandle> backends = postmaster.children().toList();
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        awaitGone(30);
    }

    boolean awaitGone(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (alive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return !alive();
    }

    /**
     * Stops whatever PostgreSQL still runs in {@code pgData} (cleaning up after a test): SIGTERM, then
     * SIGKILL if it has not gone in 30 seconds. Only a process whose command is postgres.
     */
    static void stopQuietly(Path pgData) {
        try {
            if (!Files.exists(pgData.resolve("postmaster.pid"))) {
                return;
            }
            Postmaster p = of(pgData);
            ProcessHandle h = ProcessHandle.of(p.pid()).orElse(null);
            if (h == null || !p.alive() || !h.info().command().map(c -> c.endsWith("/postgres")).orElse(false)) {
                return;
            }
            h.destroy();
            if (!p.awaitGone(30)) {
                p.kill();
            }
        } catch (Exception e) {
            System.err.println("could not stop the PostgreSQL of " + pgData + ": " + e);
        }
    }
}
