package org.rapport.app.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rapport.app.support.RapportProcess;
import org.rapport.app.support.SurveyClient;
import org.rapport.app.support.SurveyFixture;

/**
 * Never lose an answer: clients take surveys against the real server (the built jar) on a real
 * PostgreSQL while the application, and in a second scenario the database server, is killed with
 * SIGKILL at random moments and restarted. Clients retry with their idempotency keys. Loopback
 * only, bounded in count and time. Sizes: RAPPORT_CRASH_CODES (default 60), RAPPORT_CRASH_KILLS
 * (default 3); docs/RELIABILITY.md has a full run.
 */
class CrashSafetyIT {
    static final String SECRET = "crash-test-secret-" + UUID.randomUUID();
    static final int CODES = Integer.parseInt(System.getenv().getOrDefault("RAPPORT_CRASH_CODES", "60"));
    static final int KILLS = Integer.parseInt(System.getenv().getOrDefault("RAPPORT_CRASH_KILLS", "3"));
    static final int CLIENTS = 6;

    volatile java.util.function.IntConsumer startedHook = started -> { };

    record Outcome(int codes, int acknowledged, int kills, long responses, long usedCodes, long receipts, long answers,
                   long expectedAnswers, int lostDrafts, int unexpectedRefusals) {
    }

    @Test
    void killingTheApplicationLosesNothingAndDuplicatesNothing() throws Exception {
        Outcome o = run(false);
        report("application killed", o);
        verify(o);
    }

    @Test
    void killingTheDatabaseServerLosesNothingAndDuplicatesNothing() throws Exception {
        Outcome o = run(true);
        report("database server killed", o);
        verify(o);
    }

    static void verify(Outcome o) {
        assertThat(o.kills()).isEqualTo(KILLS);
        assertThat(o.acknowledged()).as("every client finished").isEqualTo(o.codes());
        assertThat(o.responses()).as("acknowledged submissions stored exactly once").isEqualTo(o.acknowledged());
        assertThat(o.usedCodes()).as("no code used twice").isEqualTo(o.responses());
        assertThat(o.receipts()).isEqualTo(o.responses());
        assertThat(o.answers()).as("every answer of every submission").isEqualTo(o.expectedAnswers());
        assertThat(o.lostDrafts()).as("acknowledged drafts still there after crashes").isZero();
        assertThat(o.unexpectedRefusals()).as("a retry with its key is never refused").isZero();
    }

    static void report(String scenario, Outcome o) throws IOException {
        String line = String.format("%s: %d codes, %d kills, %d acknowledged, %d stored, lost = %d, duplicates = %d, "
                        + "lost drafts = %d%n", scenario, o.codes(), o.kills(), o.acknowledged(), o.responses(),
                o.acknowledged() - Math.min(o.acknowledged(), o.responses()), Math.max(0, o.responses() - o.acknowledged()),
                o.lostDrafts());
        System.out.print(line);
        Path file = Path.of("target", "crash-safety.txt");
        Files.writeString(file, line, Files.exists(file) ? java.nio.file.StandardOpenOption.APPEND : java.nio.file.StandardOpenOption.CREATE);
    }

    Outcome run(boolean killDatabase) throws Exception {
        RapportProcess app = new RapportProcess("crash-app", SECRET);
        app.start();
        SurveyFixture fixture = SurveyFixture.create(app, CODES);
        int port = app.port();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger kills = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Exception> killerFailure = new java.util.concurrent.atomic.AtomicReference<>();
        SurveyClient respondents = new SurveyClient(port);
        List<Future<?>> work = new ArrayList<>();
        List<String> codes = Collections.synchronizedList(new ArrayList<>(fixture.codes()));
        // kill at random moments of the run: when the number of surveys started reaches random marks
        // (the hook is in place before any client starts, so that no mark is missed)
        Random marks = new Random();
        java.util.Set<Integer> thresholds = new java.util.TreeSet<>();
        while (thresholds.size() < Math.min(KILLS, fixture.codes().size() - 1)) {
            thresholds.add(1 + marks.nextInt(fixture.codes().size() - 1));
        }
        java.util.concurrent.BlockingQueue<Integer> signals = new java.util.concurrent.LinkedBlockingQueue<>();
        startedHook = started -> {
            if (thresholds.contains(started)) {
                signals.add(started);
            }
        };
        for (int c = 0; c < CLIENTS; c++) {
            work.add(clients.submit(() -> {
                Random random = new Random();
                while (true) {
                    String code;
                    int started;
                    synchronized (codes) {
                        if (codes.isEmpty()) {
                            return null;
                        }
                        code = codes.remove(0);
                        started = fixture.codes().size() - codes.size();
                    }
                    startedHook.accept(started);
                    respondents.takeSurvey(code, random);
                }
            }));
        }
        Thread killer = new Thread(() -> {
            Random random = new Random();
            try {
                for (int k = 0; k < thresholds.size(); k++) {
                    if (signals.poll(5, TimeUnit.MINUTES) == null) {
                        return;
                    }
                    Thread.sleep(random.nextInt(60));
                    if (killDatabase) {
                        Database.kill();
                        kills.incrementAndGet();
                        Thread.sleep(random.nextInt(1500));
                        Database.start();
                    } else {
                        app.kill();
                        kills.incrementAndGet();
                        app.start();
                    }
                }
            } catch (Exception e) {
                killerFailure.set(e);
            }
        });
        killer.start();
        try {
            for (Future<?> f : work) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            killer.join(TimeUnit.MINUTES.toMillis(3));
            clients.shutdownNow();
            app.kill();
        }
        if (killerFailure.get() != null) {
            throw new IllegalStateException("could not kill or restart", killerFailure.get());
        }
        try (Connection db = SurveyFixture.connect()) {
            long responses = SurveyFixture.count(db, "select count(*) from response where window_id = ?", fixture.windowId());
            long used = SurveyFixture.count(db, "select count(*) from access_code where window_id = ? and used", fixture.windowId());
            long stored = SurveyFixture.count(db, "select count(*) from submission_receipt r join access_code c on c.code_hash = r.code_hash "
                    + "where c.window_id = ?", fixture.windowId());
            long answers = SurveyFixture.count(db, "select count(*) from answer a join response r on r.id = a.response_id where r.window_id = ?",
                    fixture.windowId());
            return new Outcome(fixture.codes().size(), respondents.receipts.size(), kills.get(), responses, used, stored, answers,
                    respondents.expectedAnswers.get(), respondents.lostDrafts.get(), respondents.refusals.get());
        }
    }

    /** The Debian PostgreSQL cluster that scripts/test started (RAPPORT_IT_PG_CLUSTER, e.g. "15 main"). */
    static final class Database {
        static String[] cluster() {
            return RapportProcess.env("RAPPORT_IT_PG_CLUSTER").trim().split("\\s+");
        }

        static void kill() throws Exception {
            String[] c = cluster();
            Path pidFile = Path.of("/var/lib/postgresql", c[0], c[1], "postmaster.pid");
            String pid = asRoot("head", "-1", pidFile.toString()).trim();
            // the postmaster and every backend, all at once, as a power cut would
            asRoot("sh", "-c", "pkill -9 -P " + pid + "; kill -9 " + pid);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && asRoot("sh", "-c", "kill -0 " + pid + " 2>/dev/null && echo alive || true")
                    .contains("alive")) {
                Thread.sleep(100);
            }
        }

        static void start() throws Exception {
            String[] c = cluster();
            asRoot("pg_ctlcluster", c[0], c[1], "start");
        }

        static String asRoot(String... command) throws Exception {
            List<String> cmd = new ArrayList<>();
            if (!"root".equals(System.getProperty("user.name"))) {
                cmd.add("sudo");
                cmd.add("-n");
            }
            cmd.addAll(List.of(command));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish");
            }
            if (p.exitValue() != 0 && !command[0].equals("sh")) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
            return out;
        }
    }
}
