package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.app.demo.DemoNetwork;
import org.rapport.app.support.DemoFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The trust map as a head reads it on a phone and on a desktop, measured in the browser: every label's and node's box,
 * points along every arrow, every text's size as drawn. No label may overlap another, a node or an arrow; no text under
 * 12 px; the summary and the map's picture start in the first screenful, after the page's header (on a phone the
 * summary's start above the map, on a wide screen beside it); the page does not scroll sideways; every label's text,
 * measured as drawn (not only its box), lies inside its box and inside the screen; the caption's "90 %" stays on one
 * line. In English, Polish (the longest worded figures, "51 (od 49 do 52)"), Arabic (right to left, "52 (من 51 إلى 53)")
 * and Spanish, each at 390 and 1280 px.
 */
class TrustMapBrowserTest extends BrowserTest {
    /** The map's labels (the figures beside arrows and on nodes), its nodes and its arrows' drawn lines. */
    static final String LABELS = ".map-label";
    static final String NODES = ".map-node";
    static final String ARROWS = ".map-arrow line";

    /**
     * Measures the map in the page: boxes in CSS pixels of the viewport, each text's size as drawn (an SVG text scaled with
     * its drawing counts at its drawn size), points every 2 px along each arrow with half its stroke's width.
     */
    static final String MEASURE = """
            const [labelSel, nodeSel, arrowSel] = arguments;
            const map = document.getElementById('trust-map');
            const box = e => { const r = e.getBoundingClientRect();
              return {l: r.left, t: r.top, r: r.right, b: r.bottom, text: (e.textContent || '').trim().replace(/\\s+/g, ' ')}; };
            const scale = e => { if (e instanceof SVGElement && e.getScreenCTM) { const m = e.getScreenCTM(); return Math.hypot(m.a, m.b); }
              return 1; };
            const seen = e => { const r = e.getBoundingClientRect(); return r.width > 1 && r.height > 1 && !e.closest('.visually-hidden'); };
            // a label's extent is its box and its text as drawn together: text running out of its box counts
            const drawn = e => { const b = box(e); const rects = [];
              const inner = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
              while (inner.nextNode()) { const t = inner.currentNode; if (!t.textContent.trim() || t.parentElement.closest('.visually-hidden')) continue;
                const range = document.createRange(); range.selectNodeContents(t); rects.push(...range.getClientRects()); }
              for (const r of rects) { if (r.width < 1) continue;
                if (r.left < b.l - 0.5 || r.right > b.r + 0.5 || r.top < b.t - 0.5 || r.bottom > b.b + 0.5) b.spills = true;
                b.l = Math.min(b.l, r.left); b.r = Math.max(b.r, r.right); b.t = Math.min(b.t, r.top); b.b = Math.max(b.b, r.bottom); }
              return b; };
            const labels = [...map.querySelectorAll(labelSel)].filter(seen).map(drawn);
            // the caption's percentage ("90 %", "90%", "90٪") drawn on one line
            const caption = document.getElementById('map-caption'); let percentLines = 1;
            const t = caption.firstChild; const hit = t && t.textContent.match(/[0-9\u0660-\u0669]+[\s\u00a0\u202f]*[%\u066a]/);
            if (hit) { const range = document.createRange(); range.setStart(t, hit.index); range.setEnd(t, hit.index + hit[0].length);
              percentLines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size; }
            const nodes = [...map.querySelectorAll(nodeSel)].filter(seen).map(box);
            const arrows = [...map.querySelectorAll(arrowSel)].map(a => {
              const len = a.getTotalLength(); const m = a.getScreenCTM(); const points = [];
              const n = Math.max(2, Math.ceil(len * scale(a) / 2));
              for (let i = 0; i <= n; i++) { const p = a.getPointAtLength(len * i / n);
                const q = new DOMPoint(p.x, p.y).matrixTransform(m); points.push([q.x, q.y]); }
              return {half: (parseFloat(getComputedStyle(a).strokeWidth) || 1) * scale(a) / 2, points: points}; });
            const texts = []; const walk = document.createTreeWalker(map, NodeFilter.SHOW_TEXT);
            while (walk.nextNode()) { const t = walk.currentNode; const e = t.parentElement;
              if (!t.textContent.trim() || !seen(e) || getComputedStyle(e).visibility === 'hidden') continue;
              texts.push({text: t.textContent.trim(), size: parseFloat(getComputedStyle(e).fontSize) * scale(e)}); }
            const summary = document.getElementById('summary-heading');
            const picture = map.querySelector('.map-picture');
            const header = document.querySelector('.site-header');
            return {labels: labels, nodes: nodes, arrows: arrows, texts: texts, percentLines: percentLines, caption: caption.textContent,
              mapTop: map.getBoundingClientRect().top + window.scrollY, mapBottom: map.getBoundingClientRect().bottom + window.scrollY,
              summaryTop: summary ? summary.getBoundingClientRect().top + window.scrollY : -1,
              pictureTop: picture.getBoundingClientRect().top + window.scrollY,
              headerBottom: header.getBoundingClientRect().bottom + window.scrollY,
              viewport: window.innerHeight, scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth};
            """;

    @Autowired
    DemoNetwork demo;
    @Autowired
    JdbcClient jdbc;

    long network;

    @BeforeEach
    void demo() throws Exception {
        network = DemoFixture.network(demo);
    }

    long summerWindow(String school) {
        return jdbc.sql("""
                select w.id from survey_window w join school s on s.id = w.school_id
                where s.network_id = ? and s.name = ? and w.name = 'Summer 2026'""").params(network, school).query(Long.class).single();
    }

    @Test
    void aHeadReadsTheMapOnAPhoneAndADesktopWithNothingOverlappingAndNothingSmall() throws Exception {
        long window = summerWindow("Hillcrest Academy");
        List<String> problems = new ArrayList<>();
        for (Object[] run : new Object[][] {{390, 844, "en"}, {1280, 900, "en"}, {390, 844, "pl"},
                {1280, 900, "pl"}, {390, 844, "ar"}, {1280, 900, "ar"}, {390, 844, "es"}, {1280, 900, "es"}}) {
            int width = (Integer) run[0];
            int height = (Integer) run[1];
            String language = (String) run[2];
            driver = Browser.start(width, height);
            signIn("head@hillcrest.example", DemoNetwork.PASSWORD);
            driver.get(url("/staff/windows/" + window + "/report?lang=" + language));
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("trust-map")));
            // a drawing made in the browser is measured once it is there
            waiting().withTimeout(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#trust-map " + LABELS)).isEmpty());
            String where = language + " at " + width + " px: ";
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) driver.executeScript(MEASURE, LABELS, NODES, ARROWS);
            List<Map<String, Object>> labels = list(m.get("labels"));
            List<Map<String, Object>> nodes = list(m.get("nodes"));
            List<Map<String, Object>> arrows = list(m.get("arrows"));
            List<Map<String, Object>> texts = list(m.get("texts"));
            System.out.printf("trust map %s%d labels, %d nodes, %d arrows; header bottom %.0f px, summary top %.0f px, map top %.0f px,"
                            + " picture top %.0f px, map bottom %.0f px, viewport %s px; smallest text %.1f px; page %s px wide%n", where,
                    labels.size(), nodes.size(), arrows.size(), num(m.get("headerBottom")), num(m.get("summaryTop")), num(m.get("mapTop")),
                    num(m.get("pictureTop")), num(m.get("mapBottom")), m.get("viewport"),
                    texts.stream().mapToDouble(t -> num(t.get("size"))).min().orElse(0), m.get("scrollWidth"));
            if (!language.equals("en")) {
                assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
            }
            // one label for each of the seven relationships, five nodes, an arrow for each relationship between two of them
            if (labels.size() != 7 || nodes.size() != 5 || arrows.size() != 6) {
                problems.add(where + labels.size() + " labels, " + nodes.size() + " nodes, " + arrows.size() + " arrows (7, 5, 6 expected)");
            }
            for (Map<String, Object> label : labels) {
                if (Boolean.TRUE.equals(label.get("spills"))) {
                    problems.add(where + "label \"" + label.get("text") + "\" runs out of its box");
                }
                if (num(label.get("l")) < -0.5 || num(label.get("r")) > width + 0.5) {
                    problems.add(where + String.format("label \"%s\" is cut at the screen's edge (%.0f to %.0f px)", label.get("text"),
                            num(label.get("l")), num(label.get("r"))));
                }
            }
            if (num(m.get("percentLines")) > 1) {
                problems.add(where + "the caption \"" + m.get("caption") + "\" breaks its percentage over two lines");
            }
            for (int i = 0; i < labels.size(); i++) {
                for (int j = i + 1; j < labels.size(); j++) {
                    if (overlap(labels.get(i), labels.get(j))) {
                        problems.add(where + "label \"" + labels.get(i).get("text") + "\" overlaps label \"" + labels.get(j).get("text") + "\"");
                    }
                }
                for (Map<String, Object> node : nodes) {
                    if (overlap(labels.get(i), node)) {
                        problems.add(where + "label \"" + labels.get(i).get("text") + "\" overlaps node \"" + node.get("text") + "\"");
                    }
                }
                for (int a = 0; a < arrows.size(); a++) {
                    if (crosses(arrows.get(a), labels.get(i))) {
                        problems.add(where + "arrow " + a + " crosses label \"" + labels.get(i).get("text") + "\"");
                    }
                }
            }
            for (Map<String, Object> t : texts) {
                if (num(t.get("size")) < 12) {
                    problems.add(where + String.format("\"%s\" is %.1f px", t.get("text"), num(t.get("size"))));
                }
            }
            // the first screen: a phone's 844 px (the browser's own bars leave it less, the test's headless window too), a
            // desktop's window; both the summary and the map's picture start in it, below the page's header
            double fold = width < 900 ? height : num(m.get("viewport"));
            for (String part : List.of("summaryTop", "pictureTop")) {
                String what = part.equals("summaryTop") ? "the summary" : "the map's picture";
                if (num(m.get(part)) < num(m.get("headerBottom")) || num(m.get(part)) >= fold) {
                    problems.add(where + what + " starts at " + num(m.get(part)) + " px, not between the header (" + num(m.get("headerBottom"))
                            + " px) and the fold (" + fold + " px)");
                }
            }
            // on a phone the summary's start comes first, then the map
            if (width < 900 && num(m.get("summaryTop")) > num(m.get("mapTop"))) {
                problems.add(where + "the summary starts at " + num(m.get("summaryTop")) + " px, after the map (" + num(m.get("mapTop")) + " px)");
            }
            // a relationship held back by the privacy engine is a dashed arrow whose box carries no number
            for (org.openqa.selenium.WebElement hidden : driver.findElements(By.cssSelector("#trust-map .map-label.tone-none"))) {
                if (hidden.getText().matches("(?s).*\\d.*")) {
                    problems.add(where + "a relationship without a figure shows a number: " + hidden.getText());
                }
            }
            if (scrollsSideways(width)) {
                problems.add(where + "the page scrolls sideways (" + m.get("scrollWidth") + " px wide)");
            }
            String name = "trust-map-" + language + "-" + (width < 600 ? "phone" : "desktop");
            Browser.screenshot(driver, name);
            driver.executeScript("document.getElementById('trust-map').scrollIntoView({block: 'start'})");
            Browser.screenshot(driver, name + "-map");
            driver.quit();
            driver = null;
        }
        problems.forEach(p -> System.out.println("trust map problem: " + p));
        assertThat(problems).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    /** Whether two boxes share more than half a pixel each way. */
    static boolean overlap(Map<String, Object> a, Map<String, Object> b) {
        return num(a.get("l")) < num(b.get("r")) - 0.5 && num(b.get("l")) < num(a.get("r")) - 0.5
                && num(a.get("t")) < num(b.get("b")) - 0.5 && num(b.get("t")) < num(a.get("b")) - 0.5;
    }

    /** Whether an arrow's drawn stroke passes through a label's box. */
    @SuppressWarnings("unchecked")
    static boolean crosses(Map<String, Object> arrow, Map<String, Object> label) {
        double half = num(arrow.get("half"));
        for (List<Number> p : (List<List<Number>>) arrow.get("points")) {
            double x = p.get(0).doubleValue();
            double y = p.get(1).doubleValue();
            if (x > num(label.get("l")) - half + 0.5 && x < num(label.get("r")) + half - 0.5
                    && y > num(label.get("t")) - half + 0.5 && y < num(label.get("b")) + half - 0.5) {
                return true;
            }
        }
        return false;
    }
}
