package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rapport.app.demo.DemoNetwork;
import org.rapport.app.support.DemoFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On the demo network in headless Chromium: a head teacher opens the trust map and clicks an arrow's
 * figure to reach the facet view with intervals; a teacher reads their private report; a
 * second teacher is refused it, and that attempt is not in the first teacher's audit log.
 */
class ReportsBrowserTest extends BrowserTest {
    @Autowired
    DemoNetwork demo;
    @Autowired
    JdbcClient jdbc;

    long network;

    @BeforeEach
    void demo() throws Exception {
        network = DemoFixture.network(demo);
    }

    void signIn(String email) {
        signIn(email, DemoNetwork.PASSWORD);
    }

    long summerWindow(String school) {
        return jdbc.sql("""
                select w.id from survey_window w join school s on s.id = w.school_id
                where s.network_id = ? and s.name = ? and w.name = 'Summer 2026'""").params(network, school).query(Long.class).single();
    }

    void waitForCharts() {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            List<WebElement> charts = d.findElements(By.cssSelector("[data-vega-spec]"));
            return !charts.isEmpty() && charts.stream().allMatch(c -> "true".equals(c.getAttribute("data-rendered"))
                    || c.getAttribute("data-render-error") != null);
        });
        assertThat(driver.findElements(By.cssSelector("[data-render-error]"))).as("charts that failed to render").isEmpty();
    }

    /**
     * The size, in CSS pixels as drawn, of each axis and legend label and title of the page's charts (its font size times
     * the scale the chart is drawn at), with the text: each at least 12 on a phone (the parts' axis labels were 10 and 11).
     */
    @SuppressWarnings("unchecked")
    List<String> chartTextsSmallerThan(double px) {
        return (List<String>) driver.executeScript("""
                var min = arguments[0];
                var small = [];
                document.querySelectorAll('[data-vega-spec] svg').forEach(function (svg) {
                  var scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
                  svg.querySelectorAll('.role-axis-label text, .role-axis-title text, .role-legend-label text, .role-legend-title text')
                    .forEach(function (t) {
                      var size = parseFloat(getComputedStyle(t).fontSize) * scale;
                      if (t.getBoundingClientRect().width > 0 && size < min) { small.push(t.textContent + ': ' + size.toFixed(1) + ' px'); }
                    });
                });
                return small;""", px);
    }

    @Test
    void leaderClicksAnArrowOfTheTrustMapAndSeesTheFacetsWithIntervals() throws Exception {
        long window = summerWindow("Hillcrest Academy");
        for (int[] size : new int[][] {{1280, 900}, {390, 844}}) {
            driver = Browser.start(size[0], size[1]);
            signIn("head@hillcrest.example");
            driver.get(url("/staff/windows/" + window + "/report"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Trust map");
            // the map is drawn in the page: a figure beside each arrow, the one from pupils down to teachers among them
            assertThat(driver.findElements(By.cssSelector("#trust-map .map-arrow line"))).hasSize(6);
            String suffix = size[0] < 600 ? "phone" : "desktop";
            Browser.fullPage(driver, "trust-map-" + suffix, size[0]);
            WebElement arrow = driver.findElement(By.cssSelector("#trust-map a.map-label[href$='/relationships/PUPIL_TEACHER']"));
            assertThat(arrow.findElement(By.tagName("strong")).getText()).matches("\\d+ \\(\\d+ to \\d+\\)");
            driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", arrow);
            arrow.click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/relationships/"));
            waitForCharts();
            assertThat(driver.getPageSource()).contains("90% interval");
            // the parts are folded after the summary, the whole relationship open: open each, as a reader would
            assertThat(driver.findElements(By.cssSelector("details.fold[open]"))).hasSize(1);
            for (WebElement fold : driver.findElements(By.cssSelector("details.fold:not([open]) > summary"))) {
                driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", fold);
                fold.click();
            }
            assertThat(driver.findElements(By.cssSelector("section.facet .measure strong"))).isNotEmpty()
                    .allSatisfy(m -> assertThat(m.getText()).matches("\\d+ \\(\\d+ to \\d+\\)"));
            waitForCharts();
            assertThat(chartTextsSmallerThan(12)).as("the charts' axis labels and titles at " + size[0] + " px").isEmpty();
            Browser.fullPage(driver, "facets-" + suffix, size[0]);
            driver.quit();
            driver = null;
        }
    }

    @Test
    void teacherSeesTheirPrivateReportAndAColleagueIsRefusedWithoutAppearingInTheLog() throws Exception {
        long window = summerWindow("Hillcrest Academy");
        long teacher = jdbc.sql("""
                select s.id from staff s where s.email like '%@hillcrest.example' and s.role = 'TEACHER'
                and exists (select 1 from teaching t where t.staff_id = s.id) order by s.id limit 1""").query(Long.class).single();
        String teacherEmail = jdbc.sql("select email from staff where id = ?").param(teacher).query(String.class).single();
        String colleague = jdbc.sql("""
                select email from staff where email like '%@hillcrest.example' and role = 'TEACHER' and id <> ? order by id limit 1""")
                .param(teacher).query(String.class).single();
        driver = Browser.start(1280, 900);
        signIn(colleague);
        driver.get(url("/staff/windows/" + window + "/teachers/" + teacher + "/report"));
        assertThat(driver.getPageSource()).doesNotContain("Who has viewed").doesNotContain("where it stands");
        assertThat(driver.getPageSource()).contains("not allowed");

        signIn(teacherEmail);
        driver.get(url("/staff/windows/" + window + "/teachers/" + teacher + "/report"));
        waitForCharts();
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("My pupils");
        assertThat(driver.findElements(By.cssSelector("section.facet .measure strong"))).isNotEmpty();
        String log = driver.findElement(By.cssSelector("ul.views")).getText();
        String colleagueName = jdbc.sql("select display_name from staff where email = ?").param(colleague).query(String.class).single();
        assertThat(log).contains("You").doesNotContain(colleagueName);
        Browser.fullPage(driver, "teacher-report-desktop", 1280);
        driver.quit();
        driver = Browser.start(390, 844);
        signIn(teacherEmail);
        driver.get(url("/staff/windows/" + window + "/teachers/" + teacher + "/report"));
        waitForCharts();
        // every part opened, its chart drawn at the phone's width: no label or title of an axis smaller than 12 px
        for (WebElement fold : driver.findElements(By.cssSelector("details.fold:not([open]) > summary"))) {
            driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", fold);
            fold.click();
        }
        waitForCharts();
        assertThat(driver.findElements(By.cssSelector("[data-vega-spec] svg .role-axis-label text"))).isNotEmpty();
        assertThat(chartTextsSmallerThan(12)).as("the charts' axis labels and titles on a phone").isEmpty();
        Browser.fullPage(driver, "teacher-report-phone", 390);
    }

    @Test
    void networkAdminFollowsTheOverviewNoticeToCalibrationAndDrift() throws Exception {
        for (int[] size : new int[][] {{1280, 900}, {390, 844}}) {
            driver = Browser.start(size[0], size[1]);
            signIn("trust@riverside.example");
            driver.findElement(By.id("calibration-link")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/staff/calibration"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Calibration");
            assertThat(driver.findElement(By.id("active-heading")).isDisplayed()).isTrue();
            assertThat(driver.findElement(By.cssSelector("select#drift")).getAttribute("value")).isEqualTo("Summer 2026");
            assertThat(driver.findElements(By.cssSelector("table.drift tbody tr"))).isNotEmpty();
            Browser.fullPage(driver, "calibration-" + (size[0] < 600 ? "phone" : "desktop"), size[0]);
            driver.quit();
            driver = null;
        }
    }

    @Test
    void networkAdminOpensTheNetworkReportFromTheOverviewAndChoosesAWindow() throws Exception {
        for (int[] size : new int[][] {{1280, 900}, {390, 844}}) {
            driver = Browser.start(size[0], size[1]);
            signIn("trust@riverside.example");
            driver.findElement(By.linkText("Network report")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/staff/network/report"));
            waitForCharts();
            assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Summer 2026");
            assertThat(driver.findElement(By.id("summary-heading")).getText()).isEqualTo("In one minute");
            assertThat(driver.findElement(By.cssSelector("section.summary")).getText()).contains("Since \u2068Spring 2026\u2069").containsPattern("[+±-]\\d+\\.\\d \\([+±-]\\d+\\.\\d to [+±-]\\d+\\.\\d\\)");
            String suffix = size[0] < 600 ? "phone" : "desktop";
            Browser.fullPage(driver, "network-report-" + suffix, size[0]);
            // a folded relationship opens by its summary line, and its charts are drawn at its width
            WebElement parents = driver.findElement(By.id("rel-PARENT_SCHOOL"));
            assertThat(parents.getAttribute("open")).isNull();
            driver.executeScript("arguments[0].scrollIntoView({block: 'start'})", parents);
            parents.findElement(By.tagName("summary")).click();
            waitForCharts();
            assertThat(parents.findElement(By.cssSelector(".vega svg")).getSize().getWidth()).isGreaterThan(size[0] / 2);
            assertThat(parents.getText()).contains("Openness");
            // the reference window, chosen from the menu, says why it has no strengths or priorities
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("network-window"))).selectByVisibleText("Spring 2026");
            driver.findElement(By.cssSelector("form[action$='/staff/network/report'] button")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("window=Spring"));
            waitForCharts();
            assertThat(driver.findElement(By.cssSelector("section.summary")).getText()).contains("This is the reference window");
            driver.quit();
            driver = null;
        }
    }
}
