package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole safeguarding path in headless Chromium: a school admin names a teacher as designated
 * safeguarding lead and writes whom pupils can talk to; a pupil on a phone writes a comment that
 * discloses harm, and the survey ends with the school's words; the lead finds the comment on their
 * page at once, though one pupil of six answered; the head, who is not the lead, and another
 * teacher cannot open that page, and the comment is on no report.
 */
class SafeguardingBrowserTest extends BrowserTest {
    static final String DISCLOSURE = "Someone at home hits me and I am scared to go home";
    static final String SUPPORT = "Talk to Ms Okafor in room 4 at any break, or call Childline free on 0800 1111.";

    @Autowired
    Fixtures fixtures;

    @Test
    void aPupilsDisclosureReachesTheLeadAndNobodyElse() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 6, 6);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        String code = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(0);

        driver = Browser.start(1280, 900);
        signIn(school.admin().email(), Fixtures.PASSWORD);
        driver.findElement(By.linkText("Safeguarding")).click();
        driver.findElement(By.cssSelector("label[for=lead-" + school.teacherA().id() + "]")).click();
        driver.findElement(By.id("support-text")).sendKeys(SUPPORT);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Saved."));
        assertThat(driver.findElement(By.id("lead-" + school.teacherA().id())).isSelected()).isTrue();
        Browser.screenshot(driver, "safeguarding-school-desktop");
        driver.quit();

        driver = Browser.start(390, 844);
        enterCode(code);
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
        while (!driver.findElement(By.tagName("h1")).getText().equals("Ready to send?")) {
            for (WebElement q : questions()) {
                choose(q, 2);
            }
            if (driver.findElement(By.tagName("h1")).getText().contains("school")) {
                driver.findElement(By.id("comment")).sendKeys(DISCLOSURE);
            }
            WebElement before = driver.findElement(By.tagName("h1"));
            driver.findElement(By.cssSelector("button[name=go][value=next]")).click();
            waiting().until(ExpectedConditions.stalenessOf(before));
        }
        WebElement support = driver.findElement(By.cssSelector("section.support"));
        assertThat(support.getText()).contains("If something worries you", SUPPORT, "talk to an adult you trust");
        Browser.fullPage(driver, "survey-phone-support", 390);
        driver.findElement(By.cssSelector("#submit-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Thank you!"));
        assertThat(driver.findElement(By.cssSelector("section.support")).getText()).contains(SUPPORT);
        assertThat(scrollsSideways(390)).isFalse();

        signIn(school.teacherA().email(), Fixtures.PASSWORD);
        WebElement link = driver.findElement(By.partialLinkText("Comments that may need your attention"));
        assertThat(link.getText()).contains("(1 not yet reviewed)");
        link.click();
        assertThat(driver.findElement(By.cssSelector(".concern-text")).getText()).isEqualTo(DISCLOSURE);
        String page = driver.findElement(By.tagName("main")).getText();
        assertThat(page).contains(window.name()).doesNotContain("Year 7", "7A", "Ms Amara Okafor", "Mr Ben Hughes");
        Browser.fullPage(driver, "safeguarding-lead-phone", 390);
        driver.findElement(By.cssSelector(".concern form button")).click();
        assertThat(waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".concern.reviewed"))).getText())
                .contains("Reviewed by Ms Amara Okafor");

        for (String other : new String[] {school.teacherB().email(), school.admin().email()}) {
            signIn(other, Fixtures.PASSWORD);
            assertThat(driver.findElements(By.partialLinkText("Comments that may need your attention"))).isEmpty();
            driver.get(url("/staff/safeguarding"));
            assertThat(driver.getPageSource()).doesNotContain("hits me");
            assertThat(driver.findElement(By.tagName("h1")).getText()).isNotEqualTo("Comments that may need your attention");
        }
        // the head's report of the school: one pupil of six answered, so no comment, and no trace of this one
        driver.get(url("/staff/windows/" + window.id() + "/relationships/PUPIL_SCHOOL"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Pupils about the school");
        assertThat(driver.getPageSource()).doesNotContain("hits me");
    }
}
