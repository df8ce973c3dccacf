package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.safeguarding.Safeguarding;
import org.rapport.app.school.Onboarding;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A school admin's first day in the overview's guide, closing a window through its confirmation with the
 * keyboard, reading what comes next and reopening it; a network admin's guide for many schools.
 * Screenshots at phone and desktop sizes.
 */
class WindowLifeBrowserTest extends BrowserTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    Windows windows;
    @Autowired
    Safeguarding safeguarding;
    @Autowired
    Onboarding onboarding;

    @Test
    void aSchoolAdminFollowsTheGuideClosesAWindowOnceConfirmedAndReopensIt() throws Exception {
        long network = fixtures.network();
        Fixtures.SchoolSetup school = fixtures.school(network, 6, 5);
        driver = Browser.start(390, 844);
        signIn(school.admin().email(), Fixtures.PASSWORD);
        WebElement guide = driver.findElement(By.cssSelector("section.first-day"));
        assertThat(guide.findElement(By.tagName("h2")).getText()).isEqualTo("Getting started");
        assertThat(guide.findElements(By.cssSelector("ol.steps > li")).stream().map(e -> e.getAttribute("data-step")).toList())
                .as("the school's first administrator is its safeguarding lead by default, so that step is done")
                .containsExactly("publicUrl", "window", "codes");
        assertThat(guide.findElement(By.cssSelector("details.fold")).getAttribute("textContent")).contains("Safeguarding lead");
        assertThat(scrollsSideways(390)).isFalse();
        Browser.fullPage(driver, "first-day-school-phone", 390);

        safeguarding.setLeads(school.admin(), school.schoolId(), List.of(school.admin().id()));
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        Random random = new Random(7);
        List<String> codes = fixtures.codes(window, RespondentRole.PUPIL, school.class1());
        fixtures.codes(window, RespondentRole.PUPIL, school.class2());
        for (String code : codes.subList(0, 4)) {
            fixtures.answerAroundALevel(code, random, Map.of());
        }

        // closing, by keyboard: the button leads to the confirmation, which closes
        driver.get(url("/staff/windows/" + window.id()));
        WebElement close = driver.findElement(By.cssSelector("form[action$='/close'] button"));
        close.sendKeys(Keys.ENTER);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Close \u2068Autumn 2026\u2069?"));
        String confirmation = driver.findElement(By.tagName("main")).getText();
        assertThat(confirmation).contains("Pupils: 4 of 11 answered (36%)", "Lowest classes (Pupils)", "Year 7 B: 0 of 5 answered (0%)",
                "You can reopen the window until");
        assertThat(windows.get(window.id()).status()).isEqualTo(SurveyWindow.Status.OPEN);
        assertThat(scrollsSideways(390)).isFalse();
        Browser.fullPage(driver, "window-close-phone", 390);
        driver.findElement(By.cssSelector("main form button[type=submit]")).sendKeys(Keys.ENTER);
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("next-heading")));
        assertThat(windows.get(window.id()).status()).isEqualTo(SurveyWindow.Status.CLOSED);
        String closed = driver.findElement(By.tagName("main")).getText();
        assertThat(closed).contains("What comes next", "calibrates the scales on Autumn 2026", "You can reopen this window until");
        assertThat(scrollsSideways(390)).isFalse();
        Browser.fullPage(driver, "window-closed-phone", 390);

        driver.findElement(By.cssSelector("form[action$='/reopen'] button")).sendKeys(Keys.ENTER);
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main [role=status]"), "The window is open again"));
        assertThat(windows.get(window.id()).status()).isEqualTo(SurveyWindow.Status.OPEN);
        driver.quit();

        driver = Browser.start(1280, 900);
        signIn(school.admin().email(), Fixtures.PASSWORD);
        driver.get(url("/staff/windows/" + window.id() + "/close"));
        Browser.screenshot(driver, "window-close-desktop");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("next-heading")));
        Browser.fullPage(driver, "window-closed-desktop", 1280);
    }

    @Test
    void aNetworkAdminSeesEverySchoolsNextStep() throws Exception {
        long network = fixtures.network();
        String admin = fixtures.networkAdmin(network).email();
        fixtures.school(network, 5, 5);
        for (int k = 1; k <= 12; k++) {
            onboarding.addSchool(network, "Primary " + k, new Onboarding.NewAccount("Head " + k, "p" + k + "-" + network + "@test.example"));
        }
        driver = Browser.start(1280, 900);
        signIn(admin, Fixtures.PASSWORD);
        WebElement guide = driver.findElement(By.cssSelector("section.first-day"));
        assertThat(guide.getText()).contains("Schools with steps left: 13 of 13", "More schools with steps left: 3");
        Browser.screenshot(driver, "first-day-network-desktop");
        driver.quit();
        driver = Browser.start(390, 844);
        signIn(admin, Fixtures.PASSWORD);
        assertThat(scrollsSideways(390)).isFalse();
        Browser.screenshot(driver, "first-day-network-phone");
    }
}
