package org.rapport.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.rapport.app.RapportApplication;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.calibration.StepTimes;
import org.rapport.app.demo.GeneratedNetwork;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The report benchmark: for each size, a network generated through the application's services on a
 * fresh embedded PostgreSQL, then the school head's trust map and relationship page and a teacher's
 * report and the network admin's network report as pages, signed in through the login form, timed first (after a fresh calibration), warm, and after one more
 * answer, with the heap's peak over the views; then the network calibrated again and its network report read first after that. The
 * calibrations' steps are logged as they end. Run by {@code scripts/bench-reports 3 10 30 100 300};
 * rows go to app/target/report-bench.txt. Timing belongs here, never in a test.
 */
public final class ReportBenchmark {
    private static final String PASSWORD = "benchmark-password";
    private static final int WARM_REPEATS = 7;
    private final java.util.Map<String, HttpClient> signedIn = new java.util.HashMap<>();
    private int port;

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {3, 10} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        Path out = Path.of("target", "report-bench.txt");
        Files.createDirectories(out.getParent());
        String header = String.format(Locale.ROOT, "%n# %s, %d cores, max heap %d MiB%n"
                        + "| schools | respondents per window | generate s | calibrate s | trust map first | warm | after one answer "
                        + "| relationship first | warm | after one answer | teacher report first | warm | after one answer "
                        + "| network report first | warm | after one answer | peak heap MiB | calibrate again s | network report first after it |%n"
                        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.print(header);
        Files.writeString(out, header, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        for (int schools : sizes) {
            String row = new ReportBenchmark().run(schools);
            System.out.println(row);
            Files.writeString(out, row + "\n", StandardOpenOption.APPEND);
        }
    }

    private String run(int schools) throws Exception {
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-" + schools + "-");
        SpringApplication app = new SpringApplication(RapportApplication.class);
        try (ConfigurableApplicationContext context = app.run("--rapport.data-dir=" + data, "--rapport.demo=never", "--server.port=0",
                "--rapport.db.url=", "--rapport.failed-codes-per-minute=1000000", "--rapport.unknown-codes-per-minute=1000000",
                "--logging.level.root=WARN", "--logging.level." + StepTimes.LOGGER + "=INFO", "--spring.main.banner-mode=off")) {
            port = ((WebServerApplicationContext) context).getWebServer().getPort();
            GeneratedNetwork generator = context.getBean(GeneratedNetwork.class);
            long t0 = System.nanoTime();
            GeneratedNetwork.Generated network = generator.build("Benchmark Trust", schools, PASSWORD, 2027);
            double generate = seconds(t0);
            long t1 = System.nanoTime();
            context.getBean(CalibrationService.class).calibrate(network.networkId(), GeneratedNetwork.FIRST);
            double calibrate = seconds(t1);
            long respondents = context.getBean(org.rapport.app.response.Responses.class)
                    .count(network.schools().stream().map(s -> s.open().id()).toList());

            GeneratedNetwork.GeneratedSchool first = network.schools().get(0);
            String head = first.head().email();
            String teacher = first.teacher().email();
            String map = "/staff/windows/" + first.open().id() + "/report";
            String relationship = "/staff/windows/" + first.open().id() + "/relationships/PUPIL_TEACHER";
            String report = "/staff/windows/" + first.open().id() + "/teachers/" + first.teacher().id() + "/report";
            String admin = network.adminEmail();
            String networkReport = "/staff/network/report?window=" + java.net.URLEncoder.encode(first.open().name(), java.nio.charset.StandardCharsets.UTF_8);
            signIn(head);
            signIn(teacher);
            signIn(admin);

            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            List<String> cells = new ArrayList<>();
            double[] mapTimes = views(head, map);
            double[] relTimes = views(head, relationship);
            double[] reportTimes = views(teacher, report);
            // after the school's pages, so its "first" is the network page's own work on waves the trust map already measured
            double[] networkTimes = views(admin, networkReport);
            generator.respond(first.spareCodes().get(0), 1);
            mapTimes[2] = time(head, map);
            relTimes[2] = time(head, relationship);
            reportTimes[2] = time(teacher, report);
            networkTimes[2] = time(admin, networkReport);
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            for (double[] t : List.of(mapTimes, relTimes, reportTimes, networkTimes)) {
                cells.add(ms(t[0]));
                cells.add(ms(t[1]));
                cells.add(ms(t[2]));
            }
            // the network report read first after a calibration: it pays for its waves on the new calibration
            long t2 = System.nanoTime();
            context.getBean(CalibrationService.class).calibrate(network.networkId(), GeneratedNetwork.FIRST);
            double recalibrate = seconds(t2);
            double networkAfter = time(admin, networkReport);
            return String.format(Locale.ROOT, "| %d | %,d | %.0f | %.1f | %s | %d | %.1f | %s |", schools, respondents, generate, calibrate,
                    String.join(" | ", cells), peak >> 20, recalibrate, ms(networkAfter));
        }
    }

    /** First view and the median of warm views; the third slot is filled after one more answer. */
    private double[] views(String user, String path) throws Exception {
        double first = time(user, path);
        double[] warm = new double[WARM_REPEATS];
        for (int i = 0; i < warm.length; i++) {
            warm[i] = time(user, path);
        }
        Arrays.sort(warm);
        return new double[] {first, warm[warm.length / 2], 0};
    }

    /** Signs in through the login form, as a person does, so that views are timed without the password check. */
    private void signIn(String user) throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager();
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).GET().build(), HttpResponse.BodyHandlers.discarding());
        String csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst()
                .orElseThrow().getValue();
        String form = "username=" + java.net.URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + PASSWORD + "&_csrf=" + csrf;
        HttpResponse<Void> login = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException(user + " could not sign in: " + login.statusCode() + " " + login.headers().map());
        }
        signedIn.put(user, client);
    }

    private double time(String user, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
        long t = System.nanoTime();
        HttpResponse<String> response = signedIn.get(user).send(request, HttpResponse.BodyHandlers.ofString());
        double seconds = seconds(t);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return seconds;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String ms(double seconds) {
        return seconds >= 1 ? String.format(Locale.ROOT, "%.1f s", seconds) : String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
    }
}
