package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.rapport.app.demo.DemoNetwork;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.support.DemoFixture;
import org.rapport.app.window.Windows;
import org.rapport.app.yousaid.YouSaidWeDid;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pages of closing the loop on the demo, at a desktop's and a phone's size, as a head, a teacher and
 * anyone without an account read them: each has its heading, nothing on a phone scrolls sideways, and
 * each is drawn to be looked at (docs/screenshots).
 */
class LoopPagesBrowserTest extends BrowserTest {
    @Autowired
    DemoNetwork demo;
    @Autowired
    Schools schools;
    @Autowired
    Windows windows;
    @Autowired
    YouSaidWeDid youSaid;

    @Test
    void theLoopsPagesReadWellOnADesktopAndAPhone() throws Exception {
        long network = DemoFixture.network(demo);
        School hillcrest = schools.inNetwork(network).stream().filter(s -> s.name().equals("Hillcrest Academy")).findFirst().orElseThrow();
        long summer = window(hillcrest, "Summer 2026");
        long autumn = window(hillcrest, "Autumn 2026");
        String teacher = schools.staff(hillcrest.id()).stream().filter(s -> "S3".equals(s.ref())).findFirst().orElseThrow().email();
        Map<String, String[]> pages = new LinkedHashMap<>();
        pages.put("goals-head", new String[] {"head@hillcrest.example", "/staff/goals"});
        pages.put("you-said-publish", new String[] {"head@hillcrest.example", "/staff/windows/" + summer + "/you-said"});
        pages.put("own-view-leader", new String[] {"head@hillcrest.example", "/staff/windows/" + autumn + "/self?relationship=PUPIL_SCHOOL"});
        pages.put("goals-teacher", new String[] {teacher, "/staff/goals"});
        pages.put("reply", new String[] {teacher, "/staff/windows/" + summer + "/reply"});
        pages.put("own-view-teacher", new String[] {teacher, "/staff/windows/" + autumn + "/self"});
        pages.put("you-said-public", new String[] {null, "/you-said/" + youSaid.keyOf(hillcrest.id()).orElseThrow()});
        for (int[] size : new int[][] {{1280, 900}, {390, 844}}) {
            String suffix = size[0] < 600 ? "phone" : "desktop";
            driver = Browser.start(size[0], size[1]);
            String signedInAs = null;
            for (Map.Entry<String, String[]> page : pages.entrySet()) {
                String who = page.getValue()[0];
                if (who == null) {
                    driver.manage().deleteAllCookies();
                } else if (!who.equals(signedInAs)) {
                    signIn(who, DemoNetwork.PASSWORD);
                }
                signedInAs = who;
                driver.get(url(page.getValue()[1]));
                String heading = waiting().until(d -> d.findElement(By.tagName("h1"))).getText();
                assertThat(heading).as(page.getKey()).isNotBlank().doesNotContain("not allowed", "Sign in");
                if (size[0] < 600) {
                    assertThat(scrollsSideways(size[0])).as(page.getKey() + ": no sideways scrolling on a phone").isFalse();
                }
                Browser.fullPage(driver, "loop-" + page.getKey() + "-" + suffix, size[0]);
            }
            driver.quit();
            driver = null;
        }
    }

    private long window(School school, String name) {
        return windows.forSchool(school.id()).stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow().id();
    }
}
