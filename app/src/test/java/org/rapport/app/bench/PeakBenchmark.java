package org.rapport.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.rapport.app.RapportApplication;
import org.rapport.app.demo.GeneratedNetwork;
import org.rapport.app.support.RapportProcess;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The morning peak: whole schools' pupils take the survey at once through the survey's pages over HTTP (the code
 * entered on the start page, every block's answers autosaved on each change as the page's script does, each block saved
 * and the next one loaded, the survey sent and scored), while a head and a teacher, signed in, read the school's trust
 * map, relationship page and teacher report; then, in the same run and on the same database, plain JDBC writes the rows
 * those surveys wrote (each draft save, then the claim, the draft's removal, response, answers, comments, receipt,
 * batch row and scores), at the same concurrency, as the peer to compare with.
 *
 * <p>Run by {@code scripts/peak}, which starts Debian's PostgreSQL (synchronous commit on) and passes its database in
 * RAPPORT_DB_URL, RAPPORT_DB_USER and RAPPORT_DB_PASSWORD. The data are made through the application's services in this
 * JVM; the server under load is the built jar in its own process. Sizes: RAPPORT_PEAK_SCHOOLS (schools answering at once,
 * default 2), RAPPORT_PEAK_CONCURRENCY (browsers at a time, default 8), RAPPORT_PEAK_READ_PAUSE_MS (each reader's pause
 * between views, default 1000); for profiling, RAPPORT_PEAK_LIMIT (at most this many surveys) and RAPPORT_PEAK_READERS=0
 * (nobody reads reports). Rows: app/target/peak.txt. Timing belongs here, never in a test.
 */
public final class PeakBenchmark {
    private static final String PASSWORD = "benchmark-password";
    private static final String COMMENT = "Thank you for the help with homework this term.";
    private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");
    private static final Pattern TEXTAREA = Pattern.compile("<textarea([^>]*)>");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern VALUE = Pattern.compile("\\bvalue=\"([^\"]*)\"");
    private static final Pattern TYPE = Pattern.compile("\\btype=\"([^\"]*)\"");
    private static final List<String> CALLS = List.of("home", "start", "page", "autosave", "save", "finish", "submit");
    private static final List<String> VIEWS = List.of("trust map", "relationship", "teacher report");

    private final String url = env("RAPPORT_DB_URL");
    private final String user = env("RAPPORT_DB_USER");
    private final String password = env("RAPPORT_DB_PASSWORD");
    private final int schools = Integer.parseInt(System.getenv().getOrDefault("RAPPORT_PEAK_SCHOOLS", "2"));
    private final int concurrency = Integer.parseInt(System.getenv().getOrDefault("RAPPORT_PEAK_CONCURRENCY", "8"));
    private final long readPause = Long.parseLong(System.getenv().getOrDefault("RAPPORT_PEAK_READ_PAUSE_MS", "1000"));
    private final int limit = Integer.parseInt(System.getenv().getOrDefault("RAPPORT_PEAK_LIMIT", "0"));
    private final boolean withReaders = !"0".equals(System.getenv().getOrDefault("RAPPORT_PEAK_READERS", "1"));
    private final String postmaster = System.getenv("RAPPORT_PEAK_PG_PID");
    private final ObjectMapper json = new ObjectMapper();
    private final StringBuilder out = new StringBuilder();

    /** What the data made before the run hold: who reads, where, and the codes to answer with. */
    private record Setup(long networkId, long calibrationId, String head, String teacher, String map, String relationship,
                         String teacherReport, List<String> warmCodes, String templateCode, List<List<String>> peak, Long[] peakWindows,
                         List<List<String>> baseline, Map<String, byte[]> hashes) {
    }

    /** One survey as it was taken: its answers in the order given, how many were given at each draft save, its comments. */
    private record Taken(List<String> keys, List<Integer> values, List<Integer> savesAt, Map<String, String> comments) {
    }

    /** Latency per kind of call, errors per kind, in one place for all threads. */
    private static final class Timings {
        final Map<String, Histogram> latency = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();

        void record(String kind, long nanos) {
            Histogram h = latency.computeIfAbsent(kind, k -> new Histogram(TimeUnit.MINUTES.toMicros(5), 3));
            synchronized (h) {
                h.recordValue(Math.min(nanos / 1000, h.getHighestTrackableValue()));
            }
        }

        void error(String kind, String what) {
            errors.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
            if (firstErrors.size() < 20) {
                firstErrors.add(kind + ": " + (what.length() > 300 ? what.substring(0, 300) : what));
            }
        }

        int errors() {
            return errors.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        long count(String kind) {
            Histogram h = latency.get(kind);
            return h == null ? 0 : h.getTotalCount();
        }

        String row(String kind) {
            Histogram h = latency.get(kind);
            AtomicInteger e = errors.get(kind);
            if (h == null) {
                return String.format(Locale.ROOT, "| %s | 0 | | | | %d |", kind, e == null ? 0 : e.get());
            }
            return String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %d |", kind, h.getTotalCount(), ms(h.getValueAtPercentile(50)),
                    ms(h.getValueAtPercentile(99)), ms(h.getMaxValue()), e == null ? 0 : e.get());
        }
    }

    /** CPU seconds of the server's process, of PostgreSQL (postmaster and its children) and of this driver. */
    private record Cpu(double app, double db, double driver) {
        Cpu minus(Cpu o) {
            return new Cpu(app - o.app, db - o.db, driver - o.driver);
        }
    }

    public static void main(String[] args) throws Exception {
        new PeakBenchmark().run();
    }

    private void run() throws Exception {
        String secret = "peak-secret-" + UUID.randomUUID();
        line("# %s, %d cores, load average %s, PostgreSQL %s, %d schools at once, %d browsers, readers pausing %d ms",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), loadAverage(), serverVersion(), schools, concurrency, readPause);
        long t0 = System.nanoTime();
        Setup setup = setUp(secret);
        line("setup: %.0f s; %,d pupils answering in the peak, %,d for the peer", (System.nanoTime() - t0) / 1e9,
                setup.peak().stream().mapToInt(List::size).sum(), setup.baseline().stream().mapToInt(List::size).sum());
        RapportProcess app = new RapportProcess("peak-app", secret).onDatabase(url, user, password)
                .with("--rapport.unknown-codes-per-minute=10000000");
        app.start();
        try {
            // untimed: the server's code warmed up on some respondents of the school already answering, and the reports' first views
            Timings warm = new Timings();
            List<Taken> ignored = Collections.synchronizedList(new ArrayList<>());
            survey(app.port(), new ConcurrentLinkedQueue<>(setup.warmCodes()), warm, ignored);
            Timings firstViews = new Timings();
            read(app.port(), setup, firstViews, new AtomicBoolean(true), true);
            line("warm-up: %,d surveys (%d errors); first views after the calibration: trust map %s, relationship %s, teacher report %s",
                    warm.count("submit"), warm.errors(), firstViewMs(firstViews, "trust map"), firstViewMs(firstViews, "relationship"),
                    firstViewMs(firstViews, "teacher report"));
            String template = draftTemplate(app.port(), setup);
            byte[] scores = scoreTemplate();

            // the peak
            List<String> queue = interleave(setup.peak());
            if (limit > 0 && queue.size() > limit) {
                queue = queue.subList(0, limit);
            }
            Timings peak = new Timings();
            List<Taken> taken = Collections.synchronizedList(new ArrayList<>());
            resetStatements();
            AtomicBoolean running = new AtomicBoolean(true);
            Timings views = new Timings();
            Cpu before = cpu(app);
            long start = System.nanoTime();
            Thread readers = start(() -> {
                try {
                    if (withReaders) {
                        read(app.port(), setup, views, running, false);
                    }
                } catch (Exception e) {
                    views.error("reader", e.toString());
                }
            });
            survey(app.port(), new ConcurrentLinkedQueue<>(queue), peak, taken);
            double peakSeconds = (System.nanoTime() - start) / 1e9;
            Cpu peakCpu = cpu(app).minus(before);
            running.set(false);
            readers.join();
            String peakStatements = statements();
            long sent = peak.count("submit");

            // the peer: the same rows by plain JDBC, the same concurrency
            resetStatements();
            List<String> peerCodes = interleave(setup.baseline());
            int n = Math.min(peerCodes.size(), taken.size());
            Timings peer = new Timings();
            before = cpu(app);
            start = System.nanoTime();
            baseline(setup, peerCodes.subList(0, n), taken.subList(0, n), template, scores, peer);
            double peerSeconds = (System.nanoTime() - start) / 1e9;
            Cpu peerCpu = cpu(app).minus(before);
            String peerStatements = statements();

            // nothing lost, nothing twice
            long stored = count("select count(*) from response where window_id = any(?)", (Object) setup.peakWindows());
            // a limited run leaves some of the schools' pupils unanswered: their codes are unused and they have no drafts
            long used = count("select count(*) from access_code where window_id = any(?) and used", (Object) setup.peakWindows());
            long drafts = count("select count(*) from survey_draft d join access_code c on c.code_hash = d.code_hash where c.window_id = any(?)",
                    (Object) setup.peakWindows());

            double surveyRate = sent / peakSeconds;
            double peerRate = peer.count("submit") / peerSeconds;
            line("");
            line("| run | surveys | seconds | surveys/s | requests/s | app CPU s per 1,000 surveys | PostgreSQL CPU s per 1,000 | driver CPU s per 1,000 |");
            line("|---|---|---|---|---|---|---|---|");
            long requests = CALLS.stream().mapToLong(peak::count).sum();
            line("| Rapport, survey pages over HTTP | %,d | %.1f | %.1f | %.0f | %.2f | %.2f | %.2f |", sent, peakSeconds, surveyRate,
                    requests / peakSeconds, 1000 * peakCpu.app() / sent, 1000 * peakCpu.db() / sent, 1000 * peakCpu.driver() / sent);
            line("| peer: plain JDBC, the same rows | %,d | %.1f | %.1f | %.0f | %.2f | %.2f | %.2f |", peer.count("submit"), peerSeconds,
                    peerRate, (peer.count("draft save") + peer.count("submit")) / peerSeconds, 1000 * peerCpu.app() / n,
                    1000 * peerCpu.db() / n, 1000 * peerCpu.driver() / n);
            line("");
            line("Rapport / plain JDBC: %.2f (surveys per second)", surveyRate / peerRate);
            line("");
            line("| call | count | p50 | p99 | max | errors |");
            line("|---|---|---|---|---|---|");
            CALLS.forEach(c -> line("%s", peak.row(c)));
            VIEWS.forEach(v -> line("%s", views.row(v).replaceFirst("\\| ", "| view during the peak: ")));
            line("%s", peer.row("draft save").replaceFirst("\\| ", "| plain JDBC: "));
            line("%s", peer.row("submit").replaceFirst("\\| ", "| plain JDBC: "));
            line("");
            line("errors: survey path %d, report views %d, plain JDBC %d", peak.errors(), views.errors(), peer.errors());
            line("stored: %,d responses and %,d used codes for %,d acknowledged surveys; %d drafts left", stored, used, sent, drafts);
            peak.firstErrors.forEach(e -> line("  %s", e));
            views.firstErrors.forEach(e -> line("  %s", e));
            peer.firstErrors.forEach(e -> line("  %s", e));
            line("load average after: %s", loadAverage());
            Files.writeString(Path.of("target", "peak-statements.txt"), "# the peak\n" + peakStatements + "\n# plain JDBC\n" + peerStatements);
            if (stored != sent || used != sent) {
                throw new IllegalStateException("acknowledged surveys and stored responses differ: " + sent + " sent, " + stored + " stored, "
                        + used + " codes used");
            }
        } finally {
            app.kill();
            Files.writeString(Path.of("target", "peak.txt"), out.toString());
        }
    }

    // ---- the data, made through the application's services

    private Setup setUp(String secret) throws Exception {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "peak-");
        SpringApplication spring = new SpringApplication(RapportApplication.class);
        try (ConfigurableApplicationContext context = spring.run("--rapport.data-dir=" + data, "--rapport.demo=never", "--server.port=0",
                "--rapport.db.url=" + url, "--rapport.db.user=" + user, "--rapport.db.password=" + password, "--rapport.code-secret=" + secret,
                "--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
            GeneratedNetwork generator = context.getBean(GeneratedNetwork.class);
            // one school answered in two windows, the first calibrated on: what the readers read, and what scores every survey
            GeneratedNetwork.Generated network = generator.build("Peak Trust " + UUID.randomUUID().toString().substring(0, 6), 1, PASSWORD, 2027);
            List<GeneratedNetwork.WaitingSchool> waiting = generator.waiting(network, 1, 2 * schools, 2028);
            GeneratedNetwork.GeneratedSchool first = network.schools().get(0);
            long window = first.open().id();
            List<List<String>> peak = new ArrayList<>();
            List<Long> peakWindows = new ArrayList<>();
            List<List<String>> baseline = new ArrayList<>();
            Map<String, byte[]> hashes = new java.util.HashMap<>();
            org.rapport.app.access.Codes codes = context.getBean(org.rapport.app.access.Codes.class);
            for (int i = 0; i < waiting.size(); i++) {
                if (i < schools) {
                    peak.add(waiting.get(i).pupilCodes());
                    peakWindows.add(waiting.get(i).window().id());
                } else {
                    baseline.add(waiting.get(i).pupilCodes());
                    waiting.get(i).pupilCodes().forEach(c -> hashes.put(c, codes.hash(org.rapport.app.access.AccessCode.normalise(c).orElseThrow())));
                }
            }
            // the pupils' spare codes of the answered school: some to warm the server up with, one to copy a draft from
            List<String> spare = first.spareCodes();
            String templateCode = spare.get(spare.size() - 1);
            hashes.put(templateCode, codes.hash(org.rapport.app.access.AccessCode.normalise(templateCode).orElseThrow()));
            long calibration = count("select max(calibration_id) from response_score");
            return new Setup(network.networkId(), calibration, first.head().email(), first.teacher().email(),
                    "/staff/windows/" + window + "/report", "/staff/windows/" + window + "/relationships/PUPIL_TEACHER",
                    "/staff/windows/" + window + "/teachers/" + first.teacher().id() + "/report",
                    spare.subList(0, Math.min(60, spare.size() - 1)), templateCode, peak, peakWindows.toArray(Long[]::new), baseline, hashes);
        }
    }

    private static List<String> interleave(List<List<String>> bySchool) {
        List<String> all = new ArrayList<>();
        int longest = bySchool.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<String> codes : bySchool) {
                if (i < codes.size()) {
                    all.add(codes.get(i));
                }
            }
        }
        return all;
    }

    // ---- the survey as pupils take it

    private void survey(int port, ConcurrentLinkedQueue<String> codes, Timings timings, List<Taken> taken) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            threads.add(start(() -> {
                try (Browser browser = new Browser(port)) {
                    for (String code = codes.poll(); code != null; code = codes.poll()) {
                        browser.forget();
                        try {
                            Taken t1 = take(browser, code, timings);
                            if (t1 != null) {
                                taken.add(t1);
                            }
                        } catch (IOException | RuntimeException e) {
                            timings.error("survey", code + ": " + e);
                            browser.close();
                        }
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** One pupil's survey, as the pages and their script send it; null where a call failed (counted as an error). */
    private Taken take(Browser browser, String code, Timings timings) throws IOException {
        SplittableRandom random = new SplittableRandom(code.hashCode());
        Browser.Page home = timed(timings, "home", () -> browser.get("/"));
        if (home.status() != 200) {
            return failed(timings, "home", home);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("code", code);
        form.put("_csrf", csrf(browser, home.body()));
        Browser.Page started = timed(timings, "start", () -> browser.post("/survey/start", form));
        if (started.status() != 302 || started.location() == null || !started.location().endsWith("/survey")) {
            return failed(timings, "start", started);
        }
        Browser.Page page = timed(timings, "page", () -> browser.get("/survey"));
        List<String> keys = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        List<Integer> savesAt = new ArrayList<>();
        Map<String, String> comments = new LinkedHashMap<>();
        savesAt.add(0);
        while (true) {
            if (page.status() != 200) {
                return failed(timings, "page", page);
            }
            Map<String, List<String>> radios = new LinkedHashMap<>();
            Map<String, String> block = new LinkedHashMap<>();
            Matcher m = INPUT.matcher(page.body());
            while (m.find()) {
                String name = attribute(NAME, m.group(1));
                String type = attribute(TYPE, m.group(1));
                if (name == null) {
                    continue;
                }
                if ("radio".equals(type)) {
                    radios.computeIfAbsent(name, k -> new ArrayList<>()).add(attribute(VALUE, m.group(1)));
                } else if ("hidden".equals(type)) {
                    block.put(name, attribute(VALUE, m.group(1)));
                }
            }
            String comment = null;
            Matcher ta = TEXTAREA.matcher(page.body());
            if (ta.find()) {
                comment = attribute(NAME, ta.group(1));
            }
            block.put("_csrf", csrf(browser, page.body()));
            if (comment != null) {
                block.put(comment, "");
            }
            // each answer is a change: the page's script posts the whole block
            for (Map.Entry<String, List<String>> q : radios.entrySet()) {
                String value = q.getValue().get(random.nextInt(q.getValue().size()));
                block.put(q.getKey(), value);
                keys.add(q.getKey().substring(2));
                values.add(Integer.parseInt(value));
                Browser.Page saved = timed(timings, "autosave", () -> browser.post("/survey/autosave", block));
                if (saved.status() != 200) {
                    return failed(timings, "autosave", saved);
                }
                savesAt.add(keys.size());
            }
            if (comment != null && random.nextDouble() < 0.07) {
                block.put(comment, COMMENT);
                comments.put(comment.substring(2), COMMENT);
                Browser.Page saved = timed(timings, "autosave", () -> browser.post("/survey/autosave", block));
                if (saved.status() != 200) {
                    return failed(timings, "autosave", saved);
                }
                savesAt.add(-keys.size());
            }
            Map<String, String> next = new LinkedHashMap<>(block);
            next.put("go", "next");
            Browser.Page moved = timed(timings, "save", () -> browser.post("/survey/save", next));
            if (moved.status() != 302 || moved.location() == null) {
                return failed(timings, "save", moved);
            }
            savesAt.add(keys.size());
            if (moved.location().contains("/survey/finish")) {
                break;
            }
            page = timed(timings, "page", () -> browser.get(moved.location()));
        }
        Browser.Page finish = timed(timings, "finish", () -> browser.get("/survey/finish"));
        if (finish.status() != 200) {
            return failed(timings, "finish", finish);
        }
        Map<String, String> send = new LinkedHashMap<>();
        Matcher m = INPUT.matcher(finish.body());
        while (m.find()) {
            String name = attribute(NAME, m.group(1));
            if ("idempotencyKey".equals(name) || "_csrf".equals(name)) {
                send.put(name, attribute(VALUE, m.group(1)));
            }
        }
        send.putIfAbsent("_csrf", browser.cookie("XSRF-TOKEN"));
        Browser.Page thanks = timed(timings, "submit", () -> browser.post("/survey/submit", send));
        if (thanks.status() != 200 || !thanks.body().contains("R-")) {
            return failed(timings, "submit", thanks);
        }
        return new Taken(keys, values, savesAt, comments);
    }

    private static String csrf(Browser browser, String html) {
        Matcher m = INPUT.matcher(html);
        while (m.find()) {
            if ("_csrf".equals(attribute(NAME, m.group(1)))) {
                return attribute(VALUE, m.group(1));
            }
        }
        String cookie = browser.cookie("XSRF-TOKEN");
        return cookie == null ? "" : cookie;
    }

    private static Taken failed(Timings timings, String kind, Browser.Page page) {
        timings.error(kind, page.status() + " " + page.location() + " " + page.body());
        return null;
    }

    private static String attribute(Pattern p, String attributes) {
        Matcher m = p.matcher(attributes);
        return m.find() ? m.group(1).replace("&amp;", "&") : null;
    }

    private interface Call {
        Browser.Page call() throws IOException;
    }

    private static Browser.Page timed(Timings timings, String kind, Call call) throws IOException {
        long t = System.nanoTime();
        Browser.Page page = call.call();
        timings.record(kind, System.nanoTime() - t);
        return page;
    }

    // ---- the readers

    /**
     * The head reads the trust map and the relationship page, the teacher their report, each signed in: each page once
     * ({@code once}), else again and again with a pause until {@code running} is cleared.
     */
    private void read(int port, Setup setup, Timings timings, AtomicBoolean running, boolean once) throws Exception {
        record Reader(String user, String kind, String path) {
        }
        List<Reader> readers = List.of(new Reader(setup.head(), "trust map", setup.map()),
                new Reader(setup.head(), "relationship", setup.relationship()),
                new Reader(setup.teacher(), "teacher report", setup.teacherReport()));
        List<Thread> threads = new ArrayList<>();
        for (Reader r : readers) {
            threads.add(start(() -> {
                try (Browser browser = new Browser(port)) {
                    signIn(browser, r.user());
                    do {
                        Browser.Page page = timed(timings, r.kind(), () -> browser.get(r.path()));
                        if (page.status() != 200) {
                            timings.error(r.kind(), page.status() + " " + page.location());
                        }
                        if (!once) {
                            Thread.sleep(readPause);
                        }
                    } while (running.get() && !once);
                } catch (Exception e) {
                    timings.error(r.kind(), e.toString());
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void signIn(Browser browser, String user) throws IOException {
        Browser.Page login = browser.get("/login");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", user);
        form.put("password", PASSWORD);
        form.put("_csrf", csrf(browser, login.body()));
        Browser.Page in = browser.post("/login", form);
        if (in.status() != 302 || in.location() == null || in.location().contains("error")) {
            throw new IllegalStateException(user + " could not sign in: " + in.status() + " " + in.location());
        }
    }

    // ---- the peer: plain JDBC

    /** A real draft's JSON (its plan), taken from a survey started on the server, to write drafts of the same size. */
    private String draftTemplate(int port, Setup setup) throws Exception {
        try (Browser browser = new Browser(port); Connection db = connect()) {
            Browser.Page home = browser.get("/");
            Map<String, String> form = new LinkedHashMap<>();
            form.put("code", setup.templateCode());
            form.put("_csrf", csrf(browser, home.body()));
            Browser.Page started = browser.post("/survey/start", form);
            if (started.status() != 302) {
                throw new IllegalStateException("the template survey did not start: " + started.status() + " " + started.body());
            }
            try (PreparedStatement ps = db.prepareStatement("select answers::text from survey_draft where code_hash = ?")) {
                ps.setBytes(1, setup.hashes().get(setup.templateCode()));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
            throw new IllegalStateException("no draft to copy");
        }
    }

    /** A pupil's stored scores (the bytes a submission writes with its batch row). */
    private byte[] scoreTemplate() throws Exception {
        try (Connection db = connect(); PreparedStatement ps = db.prepareStatement("""
                select s.blocks from response_score s join response r on r.id = s.response_id
                where r.respondent_role = 'PUPIL' order by length(s.blocks) desc limit 1""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBytes(1);
        }
    }

    private void baseline(Setup setup, List<String> codes, List<Taken> taken, String template, byte[] scores, Timings timings)
            throws Exception {
        Map<String, byte[]> hashes = setup.hashes();
        AtomicInteger next = new AtomicInteger();
        ObjectNode plan = (ObjectNode) json.readTree(template);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            threads.add(start(() -> {
                try (Connection db = connect()) {
                    for (int i = next.getAndIncrement(); i < codes.size(); i = next.getAndIncrement()) {
                        try {
                            peerSurvey(db, setup, hashes.get(codes.get(i)), taken.get(i), plan, scores, timings);
                        } catch (Exception e) {
                            timings.error("plain JDBC", e.toString());
                            db.rollback();
                        }
                    }
                } catch (Exception e) {
                    timings.error("plain JDBC", e.toString());
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private void peerSurvey(Connection db, Setup setup, byte[] hash, Taken t, ObjectNode plan, byte[] scores, Timings timings)
            throws Exception {
        db.setAutoCommit(true);
        // every draft save: an upsert of the draft's JSON, one transaction each
        try (PreparedStatement save = db.prepareStatement("""
                insert into survey_draft (code_hash, answers, sealed, saved_on) values (?, cast(? as jsonb), null, current_date)
                on conflict (code_hash) do update set answers = excluded.answers, sealed = excluded.sealed, saved_on = excluded.saved_on""")) {
            for (int at : t.savesAt()) {
                ObjectNode draft = plan.deepCopy();
                ObjectNode answers = draft.putObject("answers");
                for (int k = 0; k < Math.abs(at); k++) {
                    answers.put(t.keys().get(k), t.values().get(k));
                }
                ObjectNode comments = draft.putObject("comments");
                if (at < 0) {
                    t.comments().forEach(comments::put);
                }
                long s = System.nanoTime();
                save.setBytes(1, hash);
                save.setString(2, json.writeValueAsString(draft));
                save.executeUpdate();
                timings.record("draft save", System.nanoTime() - s);
            }
        }
        long s = System.nanoTime();
        db.setAutoCommit(false);
        long window;
        Long classId;
        try (PreparedStatement claim = db.prepareStatement("""
                update access_code set used = true, sealed_code = null, pattern_seal = null where code_hash = ? and not used
                returning window_id, class_id""")) {
            claim.setBytes(1, hash);
            try (ResultSet rs = claim.executeQuery()) {
                rs.next();
                window = rs.getLong(1);
                classId = rs.getObject(2, Long.class);
            }
        }
        try (PreparedStatement take = db.prepareStatement("delete from survey_draft where code_hash = ? returning answers::text")) {
            take.setBytes(1, hash);
            take.executeQuery().close();
        }
        UUID id = UUID.randomUUID();
        try (PreparedStatement r = db.prepareStatement(
                "insert into response (id, window_id, respondent_role, class_id, submitted_on, language) values (?, ?, 'PUPIL', ?, current_date, 'en')");
             PreparedStatement a = db.prepareStatement("insert into answer (response_id, item_id, target_staff, value) values (?, ?, ?, ?)");
             PreparedStatement c = db.prepareStatement("insert into comment (response_id, relationship, target_staff, body) values (?, ?, ?, ?)");
             PreparedStatement receipt = db.prepareStatement(
                     "insert into submission_receipt (idempotency_key, code_hash, receipt, received_on) values (?, ?, ?, current_date)");
             PreparedStatement batch = db.prepareStatement("insert into response_batch (response_id, window_id, class_id, batch) values "
                     + "(?, ?, ?, (select open_batch from wave_batch where network_id = ? and wave_name = ?))");
             PreparedStatement score = db.prepareStatement("insert into response_score (calibration_id, response_id, blocks) values (?, ?, ?)")) {
            r.setObject(1, id);
            r.setLong(2, window);
            r.setObject(3, classId, Types.BIGINT);
            r.executeUpdate();
            for (int k = 0; k < t.keys().size(); k++) {
                String[] key = t.keys().get(k).split("@");
                a.setObject(1, id);
                a.setString(2, key[0]);
                a.setObject(3, key.length > 1 ? Long.valueOf(key[1]) : null, Types.BIGINT);
                a.setInt(4, t.values().get(k));
                a.addBatch();
            }
            a.executeBatch();
            for (Map.Entry<String, String> e : t.comments().entrySet()) {
                String[] key = e.getKey().split("@");
                c.setObject(1, id);
                c.setString(2, key[0]);
                c.setObject(3, key.length > 1 ? Long.valueOf(key[1]) : null, Types.BIGINT);
                c.setString(4, e.getValue());
                c.executeUpdate();
            }
            receipt.setString(1, UUID.randomUUID().toString());
            receipt.setBytes(2, hash);
            receipt.setString(3, "{\"receipt\":\"R-ABCDE\"}");
            receipt.executeUpdate();
            batch.setObject(1, id);
            batch.setLong(2, window);
            batch.setObject(3, classId, Types.BIGINT);
            batch.setLong(4, setup.networkId());
            batch.setString(5, GeneratedNetwork.SECOND);
            batch.executeUpdate();
            score.setLong(1, setup.calibrationId());
            score.setObject(2, id);
            score.setBytes(3, scores);
            score.executeUpdate();
        }
        db.commit();
        timings.record("submit", System.nanoTime() - s);
    }

    // ---- measuring

    private Cpu cpu(RapportProcess app) throws IOException {
        double driver = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        return new Cpu(ticks(app.pid(), false) / 100.0, postmaster == null ? Double.NaN : postgresTicks(Long.parseLong(postmaster)) / 100.0,
                driver);
    }

    /** utime + stime of a process (and, with {@code children}, of its children that have ended). */
    private static long ticks(long pid, boolean children) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields from the state (3rd) on: utime is the 14th field overall, so index 11 here
        long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return children ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
    }

    /** The postmaster's CPU with its ended children's, plus every living child's. */
    private static long postgresTicks(long postmaster) throws IOException {
        long total = ticks(postmaster, true);
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[1]) == postmaster) {
                        total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // ended meanwhile
                }
            }
        }
        return total;
    }

    private void resetStatements() {
        try (Connection db = connect(); Statement s = db.createStatement()) {
            s.execute("select pg_stat_statements_reset()");
        } catch (Exception e) {
            // pg_stat_statements not installed: no statement table
        }
    }

    /** The statements that took the database's time, most first (pg_stat_statements, where installed). */
    private String statements() {
        StringBuilder sb = new StringBuilder("| calls | total ms | mean ms | rows | statement |\n|---|---|---|---|---|\n");
        try (Connection db = connect(); Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                select calls, total_exec_time, mean_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g')
                from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
                order by total_exec_time desc limit 25""")) {
            while (rs.next()) {
                String q = rs.getString(5);
                sb.append(String.format(Locale.ROOT, "| %,d | %.0f | %.3f | %,d | %s |%n", rs.getLong(1), rs.getDouble(2), rs.getDouble(3),
                        rs.getLong(4), q.length() > 160 ? q.substring(0, 160) + "…" : q));
            }
        } catch (Exception e) {
            sb.append("(pg_stat_statements not available: ").append(e.getMessage()).append(")\n");
        }
        return sb.toString();
    }

    private String serverVersion() {
        try (Connection db = connect(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("select current_setting('server_version') || ', synchronous_commit ' || current_setting('synchronous_commit')")) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            return "?";
        }
    }

    private long count(String sql, Object... params) throws Exception {
        try (Connection db = connect(); PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(url, user, password);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String firstViewMs(Timings t, String kind) {
        Histogram h = t.latency.get(kind);
        return h == null ? "-" : ms(h.getMaxValue());
    }

    private static String ms(long micros) {
        return micros >= 1_000_000 ? String.format(Locale.ROOT, "%.2f s", micros / 1e6) : String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }

    private void line(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        System.out.println(s);
        out.append(s).append('\n');
    }

    private static Thread start(Runnable body) {
        Thread t = new Thread(body);
        t.start();
        return t;
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run scripts/peak, which starts PostgreSQL and sets it");
        }
        return v;
    }
}
