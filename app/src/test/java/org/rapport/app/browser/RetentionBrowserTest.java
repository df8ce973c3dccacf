package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A school admin deletes a closed window's raw answers from its page, by keyboard-reachable controls
 * and a confirmation, and finds the deletion in the log; the network admin reads the concern
 * phrases. Screenshots at phone and desktop sizes.
 */
class RetentionBrowserTest extends BrowserTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    WindowService windows;
    @Autowired
    org.rapport.app.calibration.CalibrationService calibrations;

    @Test
    void aSchoolAdminDeletesRawAnswersAndSeesItLogged() throws Exception {
        long network = fixtures.network();
        Fixtures.SchoolSetup school = fixtures.school(network, 6, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        Random random = new Random(1);
        for (String code : fixtures.codes(window, RespondentRole.PUPIL, school.class1()).subList(0, 5)) {
            fixtures.answerAroundALevel(code, random, Map.of());
        }
        windows.close(window);
        // raw answers can be deleted once the round's results can be kept: after calibration
        calibrations.calibrate(network, window.name());

        driver = Browser.start(390, 844);
        signIn(school.admin().email(), Fixtures.PASSWORD);
        driver.get(url("/staff/windows/" + window.id()));
        // the window's page leads to the confirmation, which says what goes and what the network's research export loses
        driver.findElement(By.cssSelector("#main a[href$='/raw/delete']")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("raw-research-count")));
        assertThat(driver.findElement(By.id("raw-count")).getText()).startsWith("5 responses of this window go");
        assertThat(driver.findElement(By.id("raw-research-count")).getText()).contains("will no longer contain this school's 5 responses");
        Browser.fullPage(driver, "delete-raw-phone", 390);
        // without the confirmation nothing is deleted
        driver.executeScript("document.getElementById('confirm-delete').removeAttribute('required')");
        driver.findElement(By.cssSelector("#main form[action$='/raw/delete'] button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Tick the box to confirm"));
        driver.findElement(By.cssSelector("label[for=confirm-delete]")).click();
        driver.findElement(By.cssSelector("#main form[action$='/raw/delete'] button")).click();
        assertThat(waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main [role=status]"))).getText())
                .startsWith("The raw answers of this window were deleted on");
        assertThat(driver.findElements(By.id("confirm-delete"))).isEmpty();
        assertThat(scrollsSideways(390)).isFalse();

        driver.get(url("/staff"));
        driver.findElement(By.linkText("Deleting data")).click();
        String log = driver.findElement(By.tagName("main")).getText();
        assertThat(log).contains("raw answers:", "responses 5", "Dr Ruth Cole", "730 days").doesNotContain("comments 0");
        Browser.fullPage(driver, "retention-phone", 390);
        driver.quit();

        driver = Browser.start(1280, 900);
        signIn(fixtures.networkAdmin(network).email(), Fixtures.PASSWORD);
        driver.findElement(By.linkText("Concern phrases")).click();
        assertThat(driver.findElement(By.id("phrases-en")).getAttribute("value")).contains("hit me");
        Browser.screenshot(driver, "safeguarding-phrases-desktop");
        driver.get(url("/staff/retention"));
        Browser.screenshot(driver, "retention-desktop");
    }
}
