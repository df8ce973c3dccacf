package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.app.demo.DemoNetwork;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.support.DemoFixture;
import org.rapport.app.yousaid.YouSaidWeDid;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every page a role reaches by following links: from the staff start page of the network's admin, a head and a teacher of
 * the demo (and the public pages, signed in as nobody), each page the links lead to, one address for each kind of page
 * (numbers in the address stand for any). The walk is made in English on a phone (390 × 844); the same pages are then
 * opened in English on a desktop (1280 × 900) and on a phone in Polish (the longest words) and in Arabic (right to left).
 * None may be an error page, scroll sideways, show a text missing from the message bundles (drawn as "??key??"), show
 * text over other text (each line of text as drawn, charts' SVG text too), cut a text off (a box that hides what does not
 * fit it, or an ellipsis) or put text beyond the screen's sides. Only links are followed, never forms, so nothing is
 * changed; the one form sent is the head's check of a CSV roster (its preview page is behind it), which changes nothing
 * either. A failing page is saved as a screenshot (target/screenshots/every-…).
 */
class EveryPageBrowserTest extends BrowserTest {
    /** More kinds of page than a role has: a link loop would stop here rather than run on. */
    private static final int MOST_PAGES = 80;
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    /** Downloads, another language, signing out and the API: not pages to look at. */
    private static final Pattern NOT_A_PAGE = Pattern.compile("\\.(csv|pdf|zip|json|yaml|svg|png)(\\?|$)|[?&]lang=|^/language|^/logout|^/api/|^/v3/");
    /** Where the walk is made, then where its pages are opened again: width, height, language. */
    private static final List<Run> RUNS = List.of(new Run(390, 844, "en"), new Run(1280, 900, "en"), new Run(390, 844, "pl"),
            new Run(390, 844, "ar"));

    /**
     * What is wrong with the look of the page now shown, one line each: text over text, text cut off by its box, text beyond
     * the screen's sides. Text is each line of each text as drawn (a range's boxes), an SVG text (a chart's) as its box; text
     * hidden on purpose (for screen readers only, in a folded part, a skip link off screen until focused) is not looked at.
     */
    static final String LOOK = """
            const width = document.documentElement.clientWidth;
            const skipped = e => e.closest('.visually-hidden, .skip-link:not(:focus), select, textarea, script, style, noscript, template, title')
              || !e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
            const name = t => t.trim().replace(/\\s+/g, ' ').slice(0, 60);
            const boxes = []; const seenSvg = new Set();
            const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walk.nextNode()) {
              const t = walk.currentNode; const e = t.parentElement;
              if (!t.textContent.trim() || !e || skipped(e)) continue;
              if (e instanceof SVGElement) {
                const text = e.closest('text') || e;
                if (seenSvg.has(text)) continue; seenSvg.add(text);
                const r = text.getBoundingClientRect();
                if (r.width > 0 && r.height > 0) boxes.push({l: r.left, t: r.top, r: r.right, b: r.bottom, text: name(text.textContent), node: text});
                continue;
              }
              const range = document.createRange(); range.selectNodeContents(t);
              for (const r of range.getClientRects()) {
                if (r.width < 1 || r.height < 1) continue;
                boxes.push({l: r.left, t: r.top, r: r.right, b: r.bottom, text: name(t.textContent), node: e});
              }
            }
            const faults = [];
            // text over text: more than 2 px across and more than a quarter of the lower line's height (lines set close
            // together share the edges of their fonts' boxes)
            boxes.sort((a, b) => a.t - b.t);
            for (let i = 0; i < boxes.length && faults.length < 20; i++) {
              const a = boxes[i];
              for (let j = i + 1; j < boxes.length && boxes[j].t < a.b; j++) {
                const b = boxes[j];
                if (a.node === b.node && a.text === b.text) continue;
                const x = Math.min(a.r, b.r) - Math.max(a.l, b.l); const y = Math.min(a.b, b.b) - Math.max(a.t, b.t);
                if (x > 2 && y > Math.max(2, Math.min(a.b - a.t, b.b - b.t) / 4)) {
                  faults.push(['text over text', '"' + a.text + '" over "' + b.text + '"']);
                }
              }
            }
            // text beyond the screen's sides
            for (const b of boxes) {
              if (b.r > width + 1 || b.l < -1) {
                faults.push(["text beyond the screen's " + width + ' px', '"' + b.text + '" at ' + Math.round(b.l) + '–' + Math.round(b.r) + ' px']);
              }
            }
            // text cut off by its box
            for (const e of document.body.querySelectorAll('*')) {
              if (skipped(e) || !e.textContent.trim()) continue;
              const s = getComputedStyle(e);
              const hides = v => v === 'hidden' || v === 'clip';
              const wide = (hides(s.overflowX) || s.textOverflow === 'ellipsis') && e.scrollWidth > e.clientWidth + 1;
              const tall = hides(s.overflowY) && e.scrollHeight > e.clientHeight + 1;
              if (wide || tall) {
                faults.push(['text cut off', '"' + name(e.textContent) + '" ('
                  + (wide ? e.scrollWidth + ' px wide in ' + e.clientWidth : e.scrollHeight + ' px high in ' + e.clientHeight) + ' px)']);
              }
            }
            return faults;""";

    record Run(int width, int height, String language) {
        @Override
        public String toString() {
            return language + " at " + width + " px";
        }
    }

    @Autowired
    DemoNetwork demo;
    @Autowired
    Schools schools;
    @Autowired
    YouSaidWeDid youSaid;
    @Autowired
    org.rapport.app.window.Windows windows;

    @Test
    void everyPageEachRoleReachesReadsOnAPhoneAndADesktopInThreeLanguages() throws Exception {
        long started = System.nanoTime();
        long network = DemoFixture.network(demo);
        School hillcrest = schools.inNetwork(network).stream().filter(s -> s.name().equals("Hillcrest Academy")).findFirst().orElseThrow();
        String teacher = schools.staff(hillcrest.id()).stream().filter(s -> "S3".equals(s.ref())).findFirst().orElseThrow().email();
        Map<String, List<String>> starts = new LinkedHashMap<>();
        starts.put("trust@riverside.example", List.of("/staff"));
        // a closed window's raw-answer deletion asks on a page of its own; the walk opens one window's page only, maybe an open one
        long closed = windows.forSchool(hillcrest.id()).stream().filter(w -> w.isClosed() && w.rawDeletedOn() == null)
                .mapToLong(org.rapport.app.window.SurveyWindow::id).max().orElseThrow();
        starts.put("head@hillcrest.example", List.of("/staff", "/staff/windows/" + closed + "/raw/delete"));
        starts.put(teacher, List.of("/staff"));
        starts.put(null, List.of("/", "/login", "/you-said/" + youSaid.keyOf(hillcrest.id()).orElseThrow()));

        List<java.nio.file.Path> nextTerm = RosterCsvPreviewBrowserTest.hillcrestNextTerm(java.nio.file.Files.createTempDirectory("hillcrest-"));
        lookFindsWhatItLooksFor();
        List<String> faults = new ArrayList<>();
        // each role's kinds of page, found by the first run's walk, opened again by the others
        Map<String, Map<String, String>> found = new LinkedHashMap<>();
        int visited = 0;
        for (Run run : RUNS) {
            long runStarted = System.nanoTime();
            int runVisited = 0;
            driver = Browser.start(run.width(), run.height());
            for (Map.Entry<String, List<String>> role : starts.entrySet()) {
                String who = role.getKey() == null ? "nobody" : role.getKey();
                if (role.getKey() == null) {
                    driver.manage().deleteAllCookies();
                    driver.get(url("/login"));
                } else {
                    signIn(role.getKey(), DemoNetwork.PASSWORD);
                }
                // the language as this browser's choice: before a staff member's own and the browser's
                driver.manage().addCookie(new Cookie("rapport_lang", run.language(), "/"));
                boolean walk = !found.containsKey(who);
                Map<String, String> kinds = found.computeIfAbsent(who, w -> new LinkedHashMap<>());
                Deque<String> queue = new ArrayDeque<>(walk ? role.getValue() : kinds.values());
                if (walk) {
                    role.getValue().forEach(p -> kinds.put(kind(p), p));
                }
                while (!queue.isEmpty() && kinds.size() <= MOST_PAGES) {
                    String path = queue.poll();
                    driver.get(url(path));
                    visited++;
                    runVisited++;
                    List<String> wrong = faults(run);
                    if (!wrong.isEmpty()) {
                        wrong.forEach(f -> faults.add(run + ", " + who + ", " + path + ": " + f));
                        Browser.fullPage(driver, "every-" + run.language() + "-" + run.width() + "-" + path.replaceAll("[^A-Za-z0-9]+", "-"),
                                run.width());
                    }
                    if (walk) {
                        for (String link : links()) {
                            if (kinds.putIfAbsent(kind(link), link) == null) {
                                queue.add(link);
                            }
                        }
                    }
                }
                if ("head@hillcrest.example".equals(role.getKey())) {
                    // the page behind the roster page's check: what next term's CSV roster and staff list would change
                    String path = "/staff/schools/" + hillcrest.id() + "/roster/preview";
                    driver.get(url("/staff/schools/" + hillcrest.id() + "/roster"));
                    RosterCsvPreviewBrowserTest.check(driver, nextTerm);
                    visited++;
                    runVisited++;
                    List<String> wrong = faults(run);
                    if (!wrong.isEmpty()) {
                        wrong.forEach(f -> faults.add(run + ", " + who + ", " + path + ": " + f));
                        Browser.fullPage(driver, "every-" + run.language() + "-" + run.width() + "-" + path.replaceAll("[^A-Za-z0-9]+", "-"),
                                run.width());
                    }
                }
                assertThat(kinds.size()).as(who + ": kinds of page (a loop of links would pass " + MOST_PAGES + ")").isLessThanOrEqualTo(MOST_PAGES);
                if (walk) {
                    System.out.println(who + ": " + kinds.size() + " kinds of page: " + kinds.keySet());
                }
            }
            driver.quit();
            driver = null;
            System.out.printf("every page %s: %d pages in %d s%n", run, runVisited, (System.nanoTime() - runStarted) / 1_000_000_000);
        }
        System.out.printf("every page: %d pages in %d s, %d faults%n", visited, (System.nanoTime() - started) / 1_000_000_000, faults.size());
        faults.forEach(f -> System.out.println("every page fault: " + f));
        assertThat(visited).as("pages opened").isGreaterThan(4 * 40);
        assertThat(faults).as("pages that are errors, scroll sideways, miss a text, or show text over text, cut off or off the screen")
                .isEmpty();
    }

    /** What is wrong with the page now shown. */
    private List<String> faults(Run run) {
        // a page whose results are measured on its first view can take a while
        try {
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        } catch (org.openqa.selenium.TimeoutException e) {
            return List.of("no heading");
        }
        List<WebElement> h1 = driver.findElements(By.tagName("h1"));
        if (h1.get(0).getText().equals("Something is not right")) {
            return List.of("an error page: " + pages().whereWeAre());
        }
        List<String> faults = new ArrayList<>();
        String lang = driver.findElement(By.tagName("html")).getAttribute("lang");
        if (!run.language().equals(lang)) {
            faults.add("in language " + lang);
        }
        String text = driver.findElement(By.tagName("body")).getText();
        java.util.regex.Matcher missing = Pattern.compile("\\?\\?[^?\\s]+\\?\\?").matcher(text);
        if (missing.find()) {
            faults.add("a text missing from the bundles: " + missing.group());
        }
        Number wide = (Number) driver.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (wide.intValue() > 0) {
            faults.add("scrolls sideways (" + wide + " px more than the screen)");
        }
        // charts are drawn by a script after the page: looked at once drawn
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElements(
                    By.cssSelector("[data-vega-spec]:not([data-rendered]):not([data-render-error])")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            faults.add("a chart not drawn in 10 s");
        }
        faults.addAll(look());
        return faults;
    }

    /** What {@link #LOOK} finds, one line for each kind of fault with the first few texts it concerns. */
    private List<String> look() {
        @SuppressWarnings("unchecked")
        List<List<String>> found = (List<List<String>>) driver.executeScript(LOOK);
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        found.forEach(f -> byKind.computeIfAbsent(f.get(0), k -> new ArrayList<>()).add(f.get(1)));
        List<String> lines = new ArrayList<>();
        byKind.forEach((kind, texts) -> lines.add(kind + " (" + texts.size() + "): " + String.join(", ", texts.stream().distinct().limit(5).toList())
                + (texts.stream().distinct().count() > 5 ? "…" : "")));
        return lines;
    }

    /**
     * The look finds text laid over text, text cut off and text beyond the screen's side, and not text hidden on purpose: a
     * look that found nothing would pass every page.
     */
    private void lookFindsWhatItLooksFor() throws Exception {
        driver = Browser.start(390, 844);
        driver.get(url("/login"));
        assertThat(look()).as("the sign-in page as it is").isEmpty();
        driver.executeScript("""
                const h1 = document.querySelector('h1');
                const over = document.createElement('span'); over.textContent = 'Laid over the heading';
                over.style.cssText = 'position: absolute; left: ' + h1.getBoundingClientRect().left + 'px; top: ' + (h1.getBoundingClientRect().top + window.scrollY) + 'px';
                document.body.append(over);
                const cut = document.createElement('p'); cut.textContent = 'A sentence far too long for its narrow box';
                cut.style.cssText = 'width: 5rem; white-space: nowrap; overflow: hidden';
                const beyond = document.createElement('p'); beyond.textContent = 'Beyond the edge';
                beyond.style.cssText = 'position: relative; left: 390px';
                const hidden = document.createElement('span'); hidden.className = 'visually-hidden'; hidden.textContent = 'Only for screen readers';
                document.querySelector('main').append(cut, beyond, hidden);""");
        assertThat(String.join("\n", look())).containsPattern("text over text \\(1\\): [^\n]*Laid over the heading")
                .contains("text cut off (1): \"A sentence far too long").containsPattern("beyond the screen's \\d+ px \\(1\\): \"Beyond the edge\"")
                .doesNotContain("Only for screen readers");
        driver.quit();
        driver = null;
    }

    /** The same-site page links of the page now shown, as paths with their queries. */
    private List<String> links() {
        @SuppressWarnings("unchecked")
        List<String> hrefs = (List<String>) driver.executeScript("""
                return Array.from(document.querySelectorAll('a[href]'))
                  .filter(a => a.origin === location.origin && !a.hasAttribute('download'))
                  .map(a => a.pathname + a.search);""");
        return hrefs.stream().filter(h -> !NOT_A_PAGE.matcher(h).find()).distinct().toList();
    }

    /** A page's kind: its path and query with every number standing for any. */
    private static String kind(String path) {
        return NUMBER.matcher(path).replaceAll("#");
    }
}
