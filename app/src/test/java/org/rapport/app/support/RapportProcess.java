package org.rapport.app.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Rapport as its own process, started from the built jar (target/rapport.jar) against the
 * PostgreSQL server of the integration tests (RAPPORT_IT_DB_URL and friends, set by scripts/test),
 * or against another server ({@link #onDatabase}), or on its own embedded PostgreSQL ({@link #onEmbeddedDatabase}).
 */
public final class RapportProcess {
    private final int port;
    private final String secret;
    private final String name;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final java.util.List<String> args = new java.util.ArrayList<>();
    private final java.util.Map<String, String> database = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();
    private Process process;
    private int starts;
    private Path log;

    public RapportProcess(String name, String secret) throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        this.name = name;
        this.secret = secret;
    }

    public static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run scripts/test, which starts PostgreSQL and sets it");
        }
        return v;
    }

    /** Adds command-line arguments (for example {@code --rapport.unknown-codes-per-minute=20}) to every later start. */
    public RapportProcess with(String... more) {
        args.addAll(java.util.List.of(more));
        return this;
    }

    /** Runs on this PostgreSQL server rather than the one of scripts/test. */
    public RapportProcess onDatabase(String url, String user, String password) {
        database.clear();
        database.put("RAPPORT_DB_URL", url);
        database.put("RAPPORT_DB_USER", user);
        database.put("RAPPORT_DB_PASSWORD", password);
        return this;
    }

    /** Sets an environment variable of every later start (for example RAPPORT_DB_REPLICA_URL). */
    public RapportProcess withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Runs on its own embedded PostgreSQL, with its files in {@code dataDir}/postgres (no RAPPORT_DB_URL). */
    public RapportProcess onEmbeddedDatabase(Path dataDir) {
        database.clear();
        database.put("RAPPORT_DATA_DIR", dataDir.toAbsolutePath().toString());
        return this;
    }

    /** Whether the process of the latest start is still running. */
    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** The log of the latest start. */
    public Path log() {
        return log;
    }

    /** The process id of the latest start. */
    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public void start() throws Exception {
        Path jar = Path.of("target", "rapport.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("target/rapport.jar is missing: run the integration tests with mvn verify");
        }
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        String extra = System.getenv("RAPPORT_PROCESS_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(java.util.List.of(extra.trim().split("\\s+")));
        }
        // every client of these tests comes from 127.0.0.1: lift the per-client code limit
        command.addAll(java.util.List.of("-jar", jar.toString(), "--rapport.failed-codes-per-minute=10000000"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        if (database.isEmpty()) {
            pb.environment().put("RAPPORT_DB_URL", env("RAPPORT_IT_DB_URL"));
            pb.environment().put("RAPPORT_DB_USER", env("RAPPORT_IT_DB_USER"));
            pb.environment().put("RAPPORT_DB_PASSWORD", env("RAPPORT_IT_DB_PASSWORD"));
        } else {
            pb.environment().keySet().removeIf(k -> k.startsWith("RAPPORT_DB_") || k.equals("RAPPORT_DATA_DIR"));
            pb.environment().putAll(database);
        }
        pb.environment().putAll(environment);
        pb.environment().put("RAPPORT_CODE_SECRET", secret);
        pb.environment().put("RAPPORT_DEMO", "never");
        pb.environment().put("PORT", Integer.toString(port));
        pb.redirectErrorStream(true);
        log = Path.of("target", name + "-" + port + "-" + (++starts) + ".log");
        pb.redirectOutput(log.toFile());
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited while starting; see target/" + name + "-*.log");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/actuator/health")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the application did not become healthy in two minutes");
    }

    /** SIGKILL: no shutdown hook, no graceful close. */
    public void kill() throws InterruptedException {
        String dump = System.getenv("RAPPORT_PROCESS_JFR_DUMP");
        if (dump != null && process != null && process.isAlive()) {
            try {
                new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(process.pid()),
                        "JFR.dump", "filename=" + dump).inheritIO().start().waitFor(60, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
