package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.app.access.AccessCode;
import org.rapport.app.school.AccountLinks;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.BehindOneRouter;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.ModelRespondent;
import org.rapport.app.support.SecondarySchool;
import org.rapport.app.support.StatementCounter;
import org.rapport.app.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A secondary school's first day, from an empty database to a second round's before and after, in headless
 * Chromium as its head and staff would click through it, with every e-mail read back from a real SMTP server:
 * the setup link makes the school and its head; the information system's OneRoster export of teaching sets
 * (generated, seeded) is previewed and imported, and adopts the head's account by e-mail; staff are invited
 * and choose passwords from their e-mails; a deputy is named safeguarding lead; a window opens; pupil and
 * family codes are printed, printed again and turned into letters, teacher codes printed then e-mailed, and
 * every printed code still opens its survey; a whole year group answers from the school's one router at once;
 * a pupil's disclosure reaches the lead by e-mail (a link, never the words); the window closes after its
 * confirmation, the head calibrates, reads the results, and a teacher reads their own; a second window is
 * answered and its results say how things changed since the first. Its own context: an empty database, the
 * public address set to where the browser reaches the server, Rapport's own code-entry limits. Screenshots of
 * every step at phone and desktop sizes under target/screenshots (first-day-*).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import({Fixtures.class, StatementCounter.class})
class FirstDayBrowserTest {
    private static final Path DATA = AppTest.newDataDir();
    private static final int PORT = freePort();
    static final String BASE = "http://127.0.0.1:" + PORT;
    static final String ROUTER = "127.0.0.7";
    static final String HEAD_PASSWORD = "seven oaks by the river";
    static final String STAFF_PASSWORD = "chalk and cheese on tuesdays";
    static final String DISCLOSURE = "The older boys keep hitting me after school and I am scared to go home.";
    static final Pattern CODE = Pattern.compile("[" + AccessCode.ALPHABET + "]{5}-[" + AccessCode.ALPHABET + "]{5}");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppTest.register(registry, DATA);
        registry.add("server.port", () -> Integer.toString(PORT));
        registry.add("rapport.public-url", () -> BASE);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    AccountLinks links;
    @Autowired
    Schools schools;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    ChromeDriver driver;
    Pages pages;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** The page at both sizes: a phone's (390 wide) and a desktop's (1280), whole height, named first-day-NAME-phone/-desktop. */
    void shoot(String name) throws Exception {
        assertThat(phoneScrollsSideways()).as(name + " on a phone scrolls sideways").isFalse();
        Browser.fullPage(driver, "first-day-" + name + "-phone", 390);
        Browser.fullPage(driver, "first-day-" + name + "-desktop", 1280);
    }

    boolean phoneScrollsSideways() {
        org.openqa.selenium.Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            return pages.scrollsSideways(390);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    String main() {
        return driver.findElement(By.tagName("main")).getText();
    }

    void click(String css) {
        WebElement before = driver.findElement(By.tagName("main"));
        driver.findElement(By.cssSelector(css)).click();
        pages.waiting().until(ExpectedConditions.stalenessOf(before));
    }

    /** Presses the window page's form whose action ends with {@code action} (and whose hidden role is {@code role}, if given). */
    void press(long windowId, String action, String role) {
        driver.get(pages.url("/staff/windows/" + windowId));
        WebElement form = driver.findElements(By.cssSelector("form[action$='" + action + "']")).stream()
                .filter(f -> role == null || !f.findElements(By.cssSelector("input[name=role][value=" + role + "]")).isEmpty())
                .findFirst().orElseThrow(() -> new AssertionError("no " + action + " " + role + " on the window page"));
        WebElement before = driver.findElement(By.tagName("main"));
        form.findElement(By.cssSelector("button")).click();
        pages.waiting().until(ExpectedConditions.stalenessOf(before));
    }

    /** Every code printed on the page (slips or letters), in order, with the group it was printed for. */
    Map<String, String> printedCodes(String box) {
        Map<String, String> out = new LinkedHashMap<>();
        for (WebElement e : driver.findElements(By.cssSelector(box))) {
            String group = e.findElements(By.cssSelector(".slip-class span, .meta span + span")).stream().findFirst().map(WebElement::getText).orElse("");
            out.put(e.findElement(By.cssSelector(".code")).getText(), group);
        }
        return out;
    }

    static String codeIn(String mail) {
        Matcher m = CODE.matcher(mail);
        assertThat(m.find()).as("a code in: " + mail).isTrue();
        return m.group();
    }

    /** Chooses a password from the newest e-mail to {@code email}, in a browser of its own (the person's). */
    void choosePasswordFromMail(String email) throws Exception {
        ChromeDriver own = Browser.start(390, 844);
        try {
            own.get(TestMail.lastLink(email));
            own.findElement(By.id("password")).sendKeys(STAFF_PASSWORD);
            own.findElement(By.cssSelector("main form button[type=submit]")).click();
            new Pages(own, BASE).waiting().until(ExpectedConditions.urlContains("/login?passwordSet"));
        } finally {
            own.quit();
        }
    }

    @Test
    void aSecondarySchoolFromAnEmptyDatabaseToItsSecondRound() throws Exception {
        long seed = Long.getLong("rapport.seed", new Random().nextLong());
        System.out.println("FirstDayBrowserTest seed " + seed + " (rerun with -Drapport.seed=" + seed + ")");
        Random random = new Random(seed);
        SecondarySchool sis = SecondarySchool.generate(seed, "oakfield.example");
        SecondarySchool.Teacher headOnRoster = sis.administrators.get(0);
        SecondarySchool.Teacher deputy = sis.administrators.get(1);
        String head = headOnRoster.email();
        assertThat(jdbc.sql("select count(*) from network").query(Long.class).single()).as("an empty database").isZero();

        // 1. the setup link the first start printed: a school on its own, its head its first administrator
        driver = Browser.start(390, 844);
        pages = new Pages(driver, BASE);
        driver.get(pages.url("/setup?token=" + links.newSetupToken()));
        shoot("01-setup");
        driver.findElement(By.id("school")).sendKeys("Oakfield Academy");
        driver.findElement(By.id("name")).sendKeys(headOnRoster.title() + " " + headOnRoster.given() + " " + headOnRoster.family());
        driver.findElement(By.id("email")).sendKeys(head);
        driver.findElement(By.id("password")).sendKeys(HEAD_PASSWORD);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        pages.waiting().until(ExpectedConditions.urlContains("/login?setUp"));
        pages.signIn(head, HEAD_PASSWORD);
        long schoolId = schools.inNetwork(schools.networkIds().get(0)).get(0).id();
        WebElement guide = driver.findElement(By.cssSelector("section.first-day"));
        assertThat(guide.findElements(By.cssSelector("ol.steps > li")).stream().map(e -> e.getAttribute("data-step")).toList())
                .as("the public address and e-mail are set; the head is on the staff and its lead by default")
                .containsExactly("roster", "invitations", "window", "codes");
        shoot("02-guide");

        // 2. the school information system's export of teaching sets, with the names pupils use: previewed, then imported
        Map<String, String> files = sis.files();
        Path bundle = Files.createTempFile("export-", ".zip");
        Files.write(bundle, SecondarySchool.zip(files));
        Path names = Files.createTempFile("names-", ".csv");
        Files.writeString(names, sis.namesCsv(), StandardCharsets.UTF_8);
        driver.get(pages.url("/staff/schools/" + schoolId + "/roster"));
        driver.findElement(By.id("bundle-file")).sendKeys(bundle.toString());
        driver.findElement(By.id("names-file")).sendKeys(names.toString());
        WebElement form = driver.findElement(By.id("bundle-file")).findElement(By.xpath("./ancestor::form"));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        pages.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("preview-heading")));
        assertThat(main()).contains("Nothing has changed yet", "Pupils: 0 now, " + SecondarySchool.PUPILS + " after",
                "Matched by e-mail, given their first staff id (1)");
        assertThat(schools.classes(schoolId)).as("nothing imported before the preview is confirmed").isEmpty();
        shoot("03-roster-preview");
        click("form[action$='/roster/oneroster'] button[type=submit]");
        assertThat(main()).contains("Imported");
        assertThat(schools.patterns(schoolId).stream().mapToInt(p -> p.pupils()).sum()).as("one pupil once, however many sets")
                .isEqualTo(SecondarySchool.PUPILS);
        List<StaffMember> staff = schools.staff(schoolId);
        StaffMember headMember = staff.stream().filter(m -> head.equals(m.email())).findFirst().orElseThrow();
        assertThat(headMember.ref()).as("the head's account adopted by the export's row").isEqualTo(headOnRoster.id());
        assertThat(staff).hasSize(sis.teachers.size() + sis.administrators.size());
        shoot("04-roster-imported");

        // 3. invitations through the mail server; the deputy and a teacher choose their passwords from them
        pages.signIn(head, HEAD_PASSWORD);
        driver.get(pages.url("/staff/schools/" + schoolId + "/roster"));
        click("form[action$='/invitations'] button");
        int invited = staff.size() - 1;
        assertThat(driver.findElement(By.id("invited-heading")).getText()).isEqualTo("Invitations sent: " + invited + ".");
        assertThat(driver.getPageSource()).as("nobody's link shown to the head").doesNotContain("/account/password?token=");
        shoot("05-invitations");
        SecondarySchool.Teacher teacher = sis.teachers.get(0);
        for (String person : List.of(deputy.email(), teacher.email())) {
            TestMail.await(person, 1);
            assertThat(TestMail.lastLink(person)).as("links start with the public address").startsWith(BASE + "/");
            choosePasswordFromMail(person);
        }

        // 4. the deputy named safeguarding lead
        long deputyId = staff.stream().filter(m -> deputy.email().equals(m.email())).findFirst().orElseThrow().id();
        driver.get(pages.url("/staff/schools/" + schoolId + "/safeguarding"));
        assertThat(driver.findElement(By.cssSelector("label[for=lead-" + headMember.id() + "]")).getText()).contains("the lead while nobody is ticked");
        driver.findElement(By.cssSelector("label[for=lead-" + deputyId + "]")).click();
        click("main form button[type=submit]");
        assertThat(main()).contains("Saved.");
        shoot("06-safeguarding-lead");

        // 5. a window, opened
        long autumn = newWindow("Autumn 2026");
        shoot("07-window-open");

        // 6. codes: pupils' printed, then family codes, family letters, pupils' printed again; teachers' printed then e-mailed
        press(autumn, "/codes", "PUPIL");
        Map<String, String> pupilSlips = printedCodes(".slip");
        assertThat(pupilSlips).as("one code per pupil, not per seat in a set").hasSize(SecondarySchool.PUPILS);
        assertThat(driver.findElements(By.cssSelector(".slip-classes"))).as("no slip lists a pupil's classes").isEmpty();
        handOut(pupilSlips, sis, schoolId);
        assertThat(PrintBrowserTest.overflows(driver, ".slip", false)).as("pupil slips, printed").isEmpty();
        shoot("08-pupil-slips");
        press(autumn, "/codes", "PARENT");
        Map<String, String> familySlips = printedCodes(".slip");
        press(autumn, "/letters", null);
        Map<String, String> letters = printedCodes(".letter");
        assertThat(letters.keySet()).as("the letters carry the family codes printed before").isEqualTo(familySlips.keySet());
        assertThat(PrintBrowserTest.overflows(driver, ".letter", false)).as("family letters, printed").isEmpty();
        shoot("09-family-letters");
        press(autumn, "/codes", "PUPIL");
        assertThat(printedCodes(".slip").keySet()).as("pupil slips printed again: the same codes").isEqualTo(pupilSlips.keySet());
        press(autumn, "/codes", "TEACHER");
        Set<String> teacherSlips = printedCodes(".slip").keySet();
        press(autumn, "/codes/mail", "TEACHER");
        Set<String> mailed = new LinkedHashSet<>();
        for (SecondarySchool.Teacher t : sis.teachers) {
            mailed.add(codeIn(TestMail.lastBody(t.email())));
        }
        assertThat(mailed).as("the e-mailed teacher codes are the printed ones").isEqualTo(teacherSlips);
        press(autumn, "/codes/mail", "LEADER");
        List<String> staffCodes = new ArrayList<>(teacherSlips);
        for (SecondarySchool.Teacher a : sis.administrators) {
            staffCodes.add(codeIn(TestMail.lastBody(a.email())));
        }
        BehindOneRouter router = new BehindOneRouter(PORT, ROUTER, json);
        List<String> printed = new ArrayList<>(pupilSlips.keySet());
        printed.addAll(familySlips.keySet());
        printed.addAll(teacherSlips);
        for (String code : printed) {
            assertThat(router.send("POST", "/api/v1/survey/session", Map.of("code", code), null).status()).as("printed code " + code + " opens")
                    .isEqualTo(200);
        }

        // 7. year 7, both tutor groups, behind the school's one router at once; then everyone else, a few at a time
        List<String> year7 = pupilSlips.entrySet().stream().filter(e -> e.getValue().contains("7T")).map(Map.Entry::getKey).toList();
        assertThat(year7.size()).as("a whole year group").isGreaterThanOrEqualTo(35);
        answerAll(router, year7, 7, random, 0.3);
        assertThat(router.statuses()).as("nobody of a whole year group is told too many tries").doesNotContain(429);
        List<String> others = new ArrayList<>(pupilSlips.keySet());
        others.removeAll(year7);
        // one pupil, on a phone, writes what worries them
        String writer = others.remove(0);
        answerAll(router, others, 4, random, 0.3);
        pupilWritesOnAPhone(writer);
        answerAll(router, new ArrayList<>(familySlips.keySet()).subList(0, SecondarySchool.PUPILS / 2), 4, random, 0.5);
        answerAll(router, staffCodes, 4, random, 0.2);
        assertThat(router.statuses()).doesNotContain(429);

        // 8. the disclosure reaches the lead: an e-mail with a link, never the words; the lead reads it
        String alert = codeFree(TestMail.await(deputy.email(), 3));
        assertThat(alert).doesNotContain("hitting", "scared");
        pages.signIn(deputy.email(), STAFF_PASSWORD);
        driver.get(TestMail.lastLink(deputy.email()));
        assertThat(driver.findElement(By.cssSelector(".concern-text")).getText()).isEqualTo(DISCLOSURE);
        shoot("11-lead-reads");

        // 9. closing, confirmed
        pages.signIn(head, HEAD_PASSWORD);
        closeConfirmed(autumn, "Autumn 2026");
        shoot("12-closed");

        // 10. calibration, from the window page's "what comes next"
        click("form[action$='/staff/calibration'] button[type=submit]");
        assertThat(main()).contains("Calibrated on Autumn 2026");
        shoot("13-calibrated");

        // 11. the results: the head's, and a teacher's own
        driver.get(pages.url("/staff/windows/" + autumn + "/report"));
        String results = main();
        // a school alone in its network: compared with nothing yet, neither a network that is itself nor an earlier window
        assertThat(results).contains("In one minute", "The school is the only one in its network, so nothing here is compared with other schools",
                "From its next window on, this summary says what changed since this one");
        // every pupil answered about every teacher: all of those asked, counted as answers per class (not as more pupils than the school has)
        assertThat(results).contains("Pupils about the school: " + SecondarySchool.PUPILS + " answered (100%)")
                .containsPattern("Pupils about their teachers: [0-9,]+ answers, one per pupil and class \\(100% of those asked\\)");
        shoot("14-results");
        long teacherId = staff.stream().filter(m -> teacher.email().equals(m.email())).findFirst().orElseThrow().id();
        pages.signIn(teacher.email(), STAFF_PASSWORD);
        driver.get(pages.url("/staff/windows/" + autumn + "/teachers/" + teacherId + "/report"));
        assertThat(main()).contains(teacher.family());
        shoot("15-teacher-results");

        // 12. a second window: codes, answers a little higher, closed, and the results say what changed since the first
        pages.signIn(head, HEAD_PASSWORD);
        long spring = newWindow("Spring 2027");
        press(spring, "/codes", "PUPIL");
        Map<String, String> springSlips = printedCodes(".slip");
        assertThat(springSlips).hasSize(SecondarySchool.PUPILS);
        handOut(springSlips, sis, schoolId);
        assertThat(Collections.disjoint(springSlips.keySet(), pupilSlips.keySet())).as("a new window, new codes").isTrue();
        // a year group first: while the window is open a timetable pupil's answers wait, sealed, until the close (nothing
        // stored at a submission may say which classes its pupil takes): the report has none of them, the window page
        // counts the home groups' codes
        List<String> springYear7 = springSlips.entrySet().stream().filter(e -> e.getValue().contains("7T")).map(Map.Entry::getKey).toList();
        answerAll(router, springYear7, 4, random, 1.3);
        driver.get(pages.url("/staff/windows/" + spring + "/report"));
        assertThat(main()).as("the open window's report: no pupil answer counted or measured yet")
                .doesNotContainPattern("Pupils about (their teachers|the school): [0-9]")
                .contains("Pupils about their teachers\nNot measured yet", "Pupils about the school\nNot measured yet");
        driver.get(pages.url("/staff/windows/" + spring));
        assertThat(main()).contains("Pupils: " + springYear7.size() + " of " + SecondarySchool.PUPILS + " answered");
        List<String> springOthers = new ArrayList<>(springSlips.keySet());
        springOthers.removeAll(springYear7);
        answerAll(router, springOthers, 4, random, 1.3);
        closeConfirmed(spring, "Spring 2027");
        driver.get(pages.url("/staff/windows/" + spring + "/report"));
        // (names are kept to themselves in sentences, U+2068 and U+2069 around each: taken out to read the words)
        String after = main().replaceAll("[\u2068\u2069]", "");
        assertThat(after).contains("Since Autumn 2026", "likely better");
        shoot("16-second-round");
        assertThat(router.statuses()).doesNotContain(429, 500);
    }

    /** The alert's words, checked to carry a link and no code. */
    static String codeFree(List<jakarta.mail.internet.MimeMessage> mails) {
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(mails.get(mails.size() - 1)).replace("=\r\n", "").replace("=3D", "=");
        assertThat(body).contains(BASE + "/");
        assertThat(CODE.matcher(body).find()).as("no survey code in an alert").isFalse();
        return body;
    }

    long newWindow(String name) {
        driver.get(pages.url("/staff"));
        driver.findElement(By.cssSelector("input[name=name]")).sendKeys(name);
        click("form[action$='/windows'] button");
        pages.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), name));
        String url = driver.getCurrentUrl();
        long id = Long.parseLong(url.replaceAll(".*/staff/windows/(\\d+).*", "$1"));
        click("form[action$='/open'] button");
        pages.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[action$='/close']")));
        return id;
    }

    void closeConfirmed(long windowId, String name) throws Exception {
        driver.get(pages.url("/staff/windows/" + windowId));
        click("form[action$='/close'] button");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Close \u2068" + name + "\u2069?");
        assertThat(main()).contains("Pupils: ", "answered", "You can reopen the window until");
        if (name.startsWith("Autumn")) {
            shoot("12-close-confirm");
        }
        click("main form button[type=submit]");
        assertThat(driver.findElement(By.id("next-heading")).getText()).isEqualTo("What comes next");
    }

    /** The pupil's survey on a phone, every page answered, the disclosure written where the survey asks about the school. */
    void pupilWritesOnAPhone(String code) throws Exception {
        ChromeDriver phone = Browser.start(390, 844);
        Pages pupil = new Pages(phone, BASE);
        try {
            pupil.enterCode(code);
            // a timetable pupil first ticks their classes
            pupil.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("classes-form")));
            for (Long id : classesOf.get(code)) {
                phone.findElement(By.cssSelector("input[name=class][value='" + id + "']")).click();
            }
            Browser.fullPage(phone, "first-day-10-pupil-chooses-classes-phone", 390);
            WebElement choosing = phone.findElement(By.tagName("h1"));
            phone.findElement(By.cssSelector("#classes-form button[type=submit]")).click();
            pupil.waiting().until(ExpectedConditions.stalenessOf(choosing));
            pupil.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
            while (!phone.findElement(By.tagName("h1")).getText().equals("Ready to send?")) {
                for (WebElement q : pupil.questions()) {
                    Pages.choose(q, 3);
                }
                if (phone.findElement(By.tagName("h1")).getText().contains("school") && !phone.findElements(By.id("comment")).isEmpty()) {
                    phone.findElement(By.id("comment")).sendKeys(DISCLOSURE);
                }
                WebElement before = phone.findElement(By.tagName("h1"));
                phone.findElement(By.cssSelector("button[name=go][value=next]")).click();
                pupil.waiting().until(ExpectedConditions.stalenessOf(before));
            }
            Browser.fullPage(phone, "first-day-10-pupil-sends-phone", 390);
            phone.findElement(By.cssSelector("#submit-form button[type=submit]")).click();
            pupil.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Thank you!"));
        } finally {
            phone.quit();
        }
    }

    /** A pupil's classes besides their tutor group (ids), by the code their tutor handed them. */
    final Map<String, List<Long>> classesOf = new java.util.concurrent.ConcurrentHashMap<>();

    /** The tutors hand out each tutor group's slips, any slip to any of its pupils: each code gets its pupil's classes to choose. */
    void handOut(Map<String, String> slips, SecondarySchool sis, long schoolId) {
        Map<String, Long> idOf = new java.util.HashMap<>();
        schools.classes(schoolId).forEach(c -> idOf.put(c.ref(), c.id()));
        Map<String, List<String>> piles = new java.util.HashMap<>();
        slips.forEach((code, group) -> piles.computeIfAbsent(group, g -> new ArrayList<>()).add(code));
        for (SecondarySchool.Pupil p : sis.pupils) {
            List<String> pile = piles.entrySet().stream().filter(e -> e.getKey().contains(p.tutorGroup())).findFirst().orElseThrow().getValue();
            assertThat(pile).as("a slip for " + p).isNotEmpty();
            classesOf.put(pile.remove(0), p.classes().stream().skip(1).map(idOf::get).toList());
        }
    }

    /** Each code answered through the survey API from the router, {@code threads} at a time, by a model respondent around {@code level}. */
    void answerAll(BehindOneRouter router, List<String> codes, int threads, Random random, double level) throws Exception {
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(codes);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SplittableRandom own = new SplittableRandom(random.nextLong());
                running.add(pool.submit(() -> {
                    for (String code = queue.poll(); code != null; code = queue.poll()) {
                        double theta = level + own.nextDouble(-1.5, 1.5);
                        try {
                            List<Long> classes = classesOf.get(code);
                            router.answer(code, (JsonNode session) -> classes, (JsonNode session) -> ModelRespondent.answers(session, theta, own));
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).as("respondents turned away").isEmpty();
    }
}
