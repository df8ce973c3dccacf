package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.rapport.app.demo.DemoNetwork;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.support.DemoFixture;
import org.rapport.app.yousaid.YouSaidWeDid;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every page a role reaches by following links, on a phone: from the staff start page of the network's admin, a head and
 * a teacher of the demo (and the public pages, signed in as nobody), each page the links lead to, one address for each
 * kind of page (numbers in the address stand for any), is opened at 390 px. None may be an error page, scroll sideways, or
 * show a text missing from the message bundles (drawn as "??key??"). Only links are followed, never forms, so nothing is
 * changed. A failing page is saved as a screenshot (target/screenshots/every-…).
 */
class EveryPageBrowserTest extends BrowserTest {
    /** More kinds of page than a role has: a link loop would stop here rather than run on. */
    private static final int MOST_PAGES = 80;
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    /** Downloads, another language, signing out and the API: not pages to look at. */
    private static final Pattern NOT_A_PAGE = Pattern.compile("\\.(csv|pdf|zip|json|yaml|svg|png)(\\?|$)|[?&]lang=|^/language|^/logout|^/api/|^/v3/");

    @Autowired
    DemoNetwork demo;
    @Autowired
    Schools schools;
    @Autowired
    YouSaidWeDid youSaid;

    @Test
    void everyPageEachRoleReachesReadsOnAPhone() throws Exception {
        long network = DemoFixture.network(demo);
        School hillcrest = schools.inNetwork(network).stream().filter(s -> s.name().equals("Hillcrest Academy")).findFirst().orElseThrow();
        String teacher = schools.staff(hillcrest.id()).stream().filter(s -> "S3".equals(s.ref())).findFirst().orElseThrow().email();
        Map<String, List<String>> starts = new LinkedHashMap<>();
        starts.put("trust@riverside.example", List.of("/staff"));
        starts.put("head@hillcrest.example", List.of("/staff"));
        starts.put(teacher, List.of("/staff"));
        starts.put(null, List.of("/", "/login", "/you-said/" + youSaid.keyOf(hillcrest.id()).orElseThrow()));

        driver = Browser.start(390, 844);
        List<String> faults = new ArrayList<>();
        int visited = 0;
        for (Map.Entry<String, List<String>> role : starts.entrySet()) {
            String who = role.getKey() == null ? "nobody" : role.getKey();
            if (role.getKey() == null) {
                driver.manage().deleteAllCookies();
            } else {
                signIn(role.getKey(), DemoNetwork.PASSWORD);
            }
            Map<String, String> kinds = new LinkedHashMap<>();
            Deque<String> queue = new ArrayDeque<>(role.getValue());
            role.getValue().forEach(p -> kinds.put(kind(p), p));
            while (!queue.isEmpty() && kinds.size() <= MOST_PAGES) {
                String path = queue.poll();
                driver.get(url(path));
                visited++;
                String fault = fault(path);
                if (fault != null) {
                    faults.add(who + " " + path + ": " + fault);
                    Browser.fullPage(driver, "every-" + kinds.size() + "-" + path.replaceAll("[^A-Za-z0-9]+", "-"), 390);
                }
                for (String link : links()) {
                    if (kinds.putIfAbsent(kind(link), link) == null) {
                        queue.add(link);
                    }
                }
            }
            assertThat(kinds.size()).as(who + ": kinds of page (a loop of links would pass " + MOST_PAGES + ")").isLessThanOrEqualTo(MOST_PAGES);
            System.out.println(who + ": " + kinds.size() + " kinds of page opened at 390 px: " + kinds.keySet());
        }
        assertThat(visited).as("pages opened").isGreaterThan(40);
        assertThat(faults).as("pages that are errors, scroll sideways or miss a text").isEmpty();
    }

    /** What is wrong with the page now shown, or null. */
    private String fault(String path) {
        List<WebElement> h1 = driver.findElements(By.tagName("h1"));
        if (h1.isEmpty()) {
            return "no heading";
        }
        if (h1.get(0).getText().equals("Something is not right")) {
            return "an error page: " + pages().whereWeAre();
        }
        String text = driver.findElement(By.tagName("body")).getText();
        java.util.regex.Matcher missing = Pattern.compile("\\?\\?[^?\\s]+\\?\\?").matcher(text);
        if (missing.find()) {
            return "a text missing from the bundles: " + missing.group();
        }
        if (scrollsSideways(390)) {
            return "scrolls sideways (" + driver.executeScript("return document.documentElement.scrollWidth") + " px wide)";
        }
        return null;
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
