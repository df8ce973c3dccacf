package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.OnePagePdf;
import org.rapport.app.support.StatementCounter;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Everything a school prints, printed: code slips of every role (first window, and second window with
 * the "what we did" QR code), family letters in English, Polish and Arabic, the slips in Arabic, and the
 * one-page PDFs, for a school with names as long as Rapport accepts and a long public address. Each
 * page is laid out by headless Chromium for print (print media, A4) and each slip or letter is checked
 * for anything outside its box; printed to PDF, each sheet has the pages it should; the PDFs keep their
 * margins blank. Its own context: the public address is set, and long.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({Fixtures.class, StatementCounter.class})
class PrintBrowserTest {
    static final String PUBLIC_URL = "https://rapport.saint-bartholomews-learning-trust.example.org";
    static final String SCHOOL = "Saint Bartholomew's Church of England Voluntary Aided Community Secondary Academy and Sixth Form College of the Diocese";
    static final String CLASS = "Year 10 Set 3 Mathematics (Foundation) with Additional Learning Support, Mrs Featherstonehaugh-Williams (Tuesdays)";
    static final String WINDOW = "Spring term 2027, second round: after the staff consultation on homework policy";
    /** A4 less Chromium's print margins of 10 mm (rapport.css sets them), at 96 pixels an inch. */
    static final int PAGE_WIDTH = 718;
    static final int PAGE_HEIGHT = 1047;
    private static final Path DATA = AppTest.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AppTest.register(registry, DATA);
        registry.add("rapport.public-url", () -> PUBLIC_URL);
    }

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;
    @Autowired
    Schools schools;
    @Autowired
    WindowService windows;

    ChromeDriver driver;
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        return wait;
    }

    void signIn(String email) {
        driver.manage().deleteAllCookies();
        driver.get(url("/login"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("/staff"));
    }

    /** Presses one of the window page's print buttons: the form whose action ends so, with that role if given. */
    void press(long windowId, String action, String role) {
        driver.get(url("/staff/windows/" + windowId));
        String form = "form[action$='" + action + "']" + (role == null ? "" : ":has(input[name=role][value=" + role + "])");
        driver.findElement(By.cssSelector(form + " button")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("print-button")));
    }

    /** The page as Chromium lays it out for print on A4: print media, the printable width. */
    void printMedia(boolean on) {
        printMedia(driver, on);
    }

    static void printMedia(ChromeDriver driver, boolean on) {
        if (on) {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", PAGE_WIDTH, "height", PAGE_HEIGHT, "deviceScaleFactor", 1, "mobile", false));
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        } else {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    /**
     * What sticks out of the boxes matched by {@code selector} when printed: a box whose content is larger than it, any
     * element or line of text of it outside the box's border, any part of it that cuts its text off; with {@code onePage},
     * a box taller than a printed page.
     */
    List<String> overflows(String selector, boolean onePage) {
        return overflows(driver, selector, onePage);
    }

    /** {@link #overflows(String, boolean)} in any test's browser (TimetableBrowserTest prints a timetable's slips). */
    @SuppressWarnings("unchecked")
    static List<String> overflows(ChromeDriver driver, String selector, boolean onePage) {
        printMedia(driver, true);
        try {
            return (List<String>) driver.executeScript("""
                    const out = [];
                    const boxes = document.querySelectorAll(arguments[0]);
                    if (boxes.length === 0) { out.push('nothing matches ' + arguments[0]); }
                    const name = n => (n.nodeType === 3 ? '"' + n.textContent.trim().slice(0, 40) + '"'
                        : n.tagName.toLowerCase() + (n.className && n.className.baseVal === undefined ? '.' + n.className : ''));
                    boxes.forEach((box, i) => {
                      const s = getComputedStyle(box);
                      const b = box.getBoundingClientRect();
                      const inner = { left: b.left + parseFloat(s.borderLeftWidth), right: b.right - parseFloat(s.borderRightWidth),
                                      top: b.top + parseFloat(s.borderTopWidth), bottom: b.bottom - parseFloat(s.borderBottomWidth) };
                      const where = arguments[0] + ' #' + (i + 1) + ' (' + Math.round(b.width) + 'x' + Math.round(b.height) + ' px): ';
                      if (box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1) {
                        out.push(where + 'content ' + box.scrollWidth + 'x' + box.scrollHeight + ' in ' + box.clientWidth + 'x' + box.clientHeight);
                      }
                      if (arguments[1] && b.height > arguments[2]) { out.push(where + 'taller than a page'); }
                      const walker = document.createTreeWalker(box, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
                      while (walker.nextNode()) {
                        const n = walker.currentNode;
                        let rects;
                        if (n.nodeType === 3) {
                          if (!n.textContent.trim()) continue;
                          const r = document.createRange(); r.selectNodeContents(n); rects = Array.from(r.getClientRects());
                        } else {
                          rects = [n.getBoundingClientRect()];
                          const st = getComputedStyle(n);
                          if ((st.overflowX !== 'visible' || st.overflowY !== 'visible')
                              && (n.scrollHeight > n.clientHeight + 1 || n.scrollWidth > n.clientWidth + 1)) {
                            out.push(where + name(n) + ' is cut off');
                          }
                        }
                        for (const r of rects) {
                          if (r.width === 0 && r.height === 0) continue;
                          if (r.left < inner.left - 0.5 || r.right > inner.right + 0.5 || r.top < inner.top - 0.5 || r.bottom > inner.bottom + 0.5) {
                            out.push(where + name(n) + ' at ' + [r.left - inner.left, inner.right - r.right, r.top - inner.top, inner.bottom - r.bottom]
                                .map(Math.round).join('/') + ' (left/right/top/bottom room, px)');
                            break;
                          }
                        }
                      }
                    });
                    if (document.documentElement.scrollWidth > window.innerWidth + 1) { out.push('the page is wider than the paper'); }
                    return out;""", selector, onePage, PAGE_HEIGHT);
        } finally {
            printMedia(driver, false);
        }
    }

    /** Prints the page to a PDF on A4 as the browser's print button does; answers its pages and saves pictures of the first and the last. */
    int printedPages(String picture) throws Exception {
        PrintOptions options = new PrintOptions();
        options.setPageSize(new PageSize(29.7, 21.0));
        options.setBackground(true);
        Pdf pdf = driver.print(options);
        byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
        try (PDDocument document = Loader.loadPDF(bytes)) {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            PDFRenderer renderer = new PDFRenderer(document);
            javax.imageio.ImageIO.write(renderer.renderImageWithDPI(0, 60), "png", dir.resolve(picture + ".png").toFile());
            if (document.getNumberOfPages() > 1) {
                javax.imageio.ImageIO.write(renderer.renderImageWithDPI(document.getNumberOfPages() - 1, 60), "png",
                        dir.resolve(picture + "-last.png").toFile());
            }
            return document.getNumberOfPages();
        }
    }

    /** Slips are printed eight to an A4 page, each group from a new page. */
    int slipPages() {
        @SuppressWarnings("unchecked")
        List<Long> perGroup = (List<Long>) driver.executeScript(
                "return Array.from(document.querySelectorAll('.slip-group')).map(g => g.querySelectorAll('.slip').length)");
        return perGroup.stream().mapToInt(n -> (int) Math.max(1, Math.ceil(n / 8.0))).sum();
    }

    /** A file as the signed-in browser gets it (its session's cookies). */
    byte[] download(String path) throws Exception {
        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Cookie", cookies).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    @Test
    void everySlipLetterAndPdfFitsItsPaper() throws Exception {
        long network = fixtures.network();
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        String head = "head-" + tag + "@test.example";
        String t1 = "t1-" + tag + "@test.example";
        String t2 = "t2-" + tag + "@test.example";
        String staffFile = "staff_id,name,email,role\n"
                + "H1,Dr Philippa Montgomery-Fotheringham," + head + ",leader\n"
                + "T1,Mrs Henrietta Featherstonehaugh-Williams," + t1 + ",teacher\n"
                + "T2,Mr Bartholomew Okonkwo-Szczepańska," + t2 + ",teacher\n";
        String rosterFile = "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject,family_languages\n"
                + "10M3,\"" + CLASS + "\",10,19,T1,Mrs Henrietta Featherstonehaugh-Williams," + t1 + ",Mathematics,ar:3 pl:2\n"
                + "10M3,\"" + CLASS + "\",10,19,T2,Mr Bartholomew Okonkwo-Szczepańska," + t2 + ",Science,ar:3 pl:2\n"
                + "7A,Year 7 A,7,9,T2,Mr Bartholomew Okonkwo-Szczepańska," + t2 + ",Science,\n";
        Fixtures.StaffRoom room = fixtures.namedSchool(network, SCHOOL, head, rosterFile, staffFile);
        School school = schools.find(room.schoolId()).orElseThrow();

        driver = Browser.start(1280, 900);
        signIn(head);
        org.assertj.core.api.SoftAssertions softly = new org.assertj.core.api.SoftAssertions();

        // the first window: slips without a QR code
        SurveyWindow first = windows.open(windows.create(school, WINDOW.replace("second", "first")));
        press(first.id(), "/codes", "PUPIL");
        assertThat(driver.findElements(By.cssSelector(".slip"))).hasSize(28);
        softly.assertThat(overflows(".slip", false)).as("first window's pupil slips").isEmpty();
        softly.assertThat(printedPages("print-slips-first-window")).isEqualTo(slipPages());

        // "you said, we did" for the first window once closed; the second window's slips and letters carry its address as a QR code
        windows.close(first);
        HttpResponse<String> published = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/windows/" + first.id() + "/you-said")))
                .header("Content-Type", "application/json").header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (head + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"heard\":[],\"weWill\":\"Homework is set on one day a week.\",\"byWhen\":\"Easter\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isBetween(200, 201);
        SurveyWindow second = windows.open(windows.create(school, WINDOW));

        for (String role : List.of("PUPIL", "PARENT", "TEACHER", "LEADER")) {
            press(second.id(), "/codes", role);
            assertThat(driver.findElements(By.cssSelector(".slip .slip-qr svg"))).as(role).isNotEmpty();
            assertThat(driver.findElement(By.cssSelector(".slip")).getText()).contains(PUBLIC_URL + "/you-said/");
            softly.assertThat(overflows(".slip", false)).as(role + " slips with the QR code").isEmpty();
            softly.assertThat(printedPages("print-slips-" + role.toLowerCase())).as(role + " pages").isEqualTo(slipPages());
        }
        Browser.screenshot(driver, "print-slips-screen-desktop");

        // family letters, one a page, in English, Polish and Arabic
        press(second.id(), "/letters", null);
        assertThat(driver.findElements(By.cssSelector("article.letter"))).hasSize(28);
        assertThat(driver.findElements(By.cssSelector("article.letter[lang=ar][dir=rtl]"))).hasSize(3);
        assertThat(driver.findElements(By.cssSelector("article.letter[lang=pl]"))).hasSize(2);
        softly.assertThat(overflows("article.letter", true)).as("family letters").isEmpty();
        softly.assertThat(printedPages("print-letters")).as("one letter a page").isEqualTo(28);

        // the slips in Arabic, right to left
        driver.manage().addCookie(new Cookie("rapport_lang", "ar"));
        press(second.id(), "/codes", "PUPIL");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
        softly.assertThat(overflows(".slip", false)).as("pupil slips in Arabic").isEmpty();
        softly.assertThat(printedPages("print-slips-arabic")).isEqualTo(slipPages());
        driver.manage().deleteCookieNamed("rapport_lang");

        // on a phone: the window page counts the codes and offers to replace a lost sheet, which says first what it voids
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        driver.get(url("/staff/windows/" + second.id()));
        Browser.fullPage(driver, "window-codes-phone", 390);
        softly.assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth")).as("window page on a phone").isLessThanOrEqualTo(390L);
        long class7a = schools.classes(room.schoolId()).stream().filter(c -> c.ref().equals("7A")).findFirst().orElseThrow().id();
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("replace-group"))).selectByValue("PUPIL:" + class7a);
        driver.findElement(By.cssSelector("form[action$='/codes/replace'] button")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("replace-count")));
        assertThat(driver.findElement(By.id("replace-count")).getText()).contains("Printed codes that will stop working: 9.");
        Browser.fullPage(driver, "codes-replace-phone", 390);
        softly.assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth")).as("replace page on a phone").isLessThanOrEqualTo(390L);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".slip")));
        assertThat(driver.findElements(By.cssSelector(".slip"))).hasSize(9);
        assertThat(driver.findElement(By.cssSelector("main [role=status]")).getText()).contains("The codes they replace no longer work");
        Browser.screenshot(driver, "codes-replaced-phone");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        driver.get(url("/staff/windows/" + second.id()));
        Browser.fullPage(driver, "window-codes-desktop", 1280);

        // the one-page PDFs, drawn on the server
        byte[] summaryPdf = download("/staff/windows/" + second.id() + "/summary.pdf");
        softly.assertThat(OnePagePdf.inkInMargins(summaryPdf, OnePagePdf.EDGE_MM)).as("the school's summary PDF").isEmpty();
        long teacher = schools.staff(room.schoolId()).stream().filter(s -> s.email().equals(t1)).findFirst().orElseThrow().id();
        signIn(t1);
        byte[] teacherPdf = download("/staff/windows/" + second.id() + "/teachers/" + teacher + "/summary.pdf");
        softly.assertThat(OnePagePdf.inkInMargins(teacherPdf, OnePagePdf.EDGE_MM)).as("a teacher's summary PDF").isEmpty();
        softly.assertAll();
        OnePagePdf.read(summaryPdf, "print-summary-pdf");
        OnePagePdf.read(teacherPdf, "print-teacher-pdf");
    }
}
