package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole safeguarding path in headless Chromium: the head is the lead until a school admin names a
 * teacher as designated safeguarding lead and writes whom pupils can talk to; a pupil on a phone writes
 * a comment that discloses harm, and the survey ends with the school's words; the lead is e-mailed a
 * link and finds the comment on their page at once, though one pupil of six answered; the head's
 * overview counts it without its words; the head, who is not the lead, and another teacher cannot open
 * that page, and the comment is on no report. And a school set up on its own, with no lead yet, is told
 * on its window's page what to do before the window can open.
 */
class SafeguardingBrowserTest extends BrowserTest {
    static final String DISCLOSURE = "Someone at home hits me and I am scared to go home";
    static final String SUPPORT = "Talk to Ms Okafor in room 4 at any break, or call Childline free on 0800 1111.";

    @Autowired
    Fixtures fixtures;
    @Autowired
    org.rapport.app.school.AccountLinks links;

    @Test
    void aPupilsDisclosureReachesTheLeadAndNobodyElse() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 6, 6);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        String code = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(0);

        driver = Browser.start(1280, 900);
        signIn(school.admin().email(), Fixtures.PASSWORD);
        assertThat(driver.findElement(By.cssSelector(".safeguarding-state")).getText())
                .contains("Designated safeguarding lead: Dr Ruth Cole (the head, until you name someone)");
        driver.findElement(By.linkText("Safeguarding")).click();
        assertThat(driver.findElement(By.cssSelector("label[for=lead-" + school.admin().id() + "]")).getText())
                .contains("Dr Ruth Cole", "the lead while nobody is ticked");
        Browser.screenshot(driver, "safeguarding-school-default-desktop");
        Browser.fullPage(driver, "safeguarding-school-default-phone", 390);
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

        // the lead's e-mail: a link, not the words
        String mail = awaitMail(school.teacherA().email());
        assertThat(mail).contains("Number of new comments: 1").doesNotContain("hits me", "scared");
        // the head's overview counts it, without its words
        signIn(school.admin().email(), Fixtures.PASSWORD);
        assertThat(driver.findElement(By.cssSelector(".safeguarding-state")).getText())
                .contains("Designated safeguarding lead: Ms Amara Okafor", "not yet reviewed by a lead: 1").doesNotContain("hits me");
        Browser.fullPage(driver, "overview-concerns-waiting-phone", 390);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        Browser.screenshot(driver, "overview-concerns-waiting-desktop");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));

        signIn(school.teacherA().email(), Fixtures.PASSWORD);
        driver.get(org.rapport.app.support.TestMail.lastLink(school.teacherA().email()));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Comments that may need your attention");
        driver.findElement(By.linkText("Overview")).click();
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
        assertThat(driver.findElements(By.cssSelector(".safeguarding-state .alert, .safeguarding-state .notice"))).as("reviewed: nothing waits")
                .isEmpty();
        // the head's report of the school: one pupil of six answered, so no comment, and no trace of this one
        driver.get(url("/staff/windows/" + window.id() + "/relationships/PUPIL_SCHOOL"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains("Pupils about the school");
        assertThat(driver.getPageSource()).doesNotContain("hits me");
    }

    /**
     * The support text inside an Arabic survey on a phone: the school's one text (English) keeps its own direction, its
     * full stop and brackets where they belong (it had the page's right-to-left and the page's language: issue 25); once
     * the school writes an Arabic text in its box of the form, the Arabic survey shows that, right to left.
     */
    @Test
    void anArabicSurveyEndsWithTheSchoolsArabicTextElseItsOneTextInItsOwnDirection() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 6, 6);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        List<String> codes = fixtures.codes(window, RespondentRole.PUPIL, school.class1());
        String arabic = "تحدث إلى السيدة أوكافور في الغرفة 4 في أي استراحة، أو اتصل بخط المساعدة مجانًا على 0800 1111.";

        driver = Browser.start(390, 844);
        signIn(school.admin().email(), Fixtures.PASSWORD);
        driver.get(url("/staff/schools/" + school.schoolId() + "/safeguarding"));
        WebElement arabicBox = driver.findElement(By.id("support-text-ar"));
        assertThat(arabicBox.getAttribute("lang")).isEqualTo("ar");
        assertThat(arabicBox.getAttribute("dir")).isEqualTo("rtl");
        assertThat(driver.findElement(By.cssSelector("label[for=support-text-ar]")).getText()).isEqualTo("العربية");
        driver.findElement(By.id("support-text")).sendKeys(SUPPORT);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Saved."));
        driver.quit();

        WebElement text = arabicFinish(codes.get(0));
        assertThat(text.getText()).isEqualTo(SUPPORT);
        assertThat(text.getAttribute("lang")).as("not the page's language").isEmpty();
        assertThat(text.getAttribute("dir")).isEqualTo("auto");
        assertThat(text.getCssValue("direction")).as("its direction from its own words").isEqualTo("ltr");
        assertThat(scrollsSideways(390)).isFalse();
        Browser.fullPage(driver, "survey-ar-support-one-text-phone", 390);
        driver.quit();

        driver = Browser.start(390, 844);
        signIn(school.admin().email(), Fixtures.PASSWORD);
        driver.get(url("/staff/schools/" + school.schoolId() + "/safeguarding"));
        driver.findElement(By.id("support-text-ar")).sendKeys(arabic);
        assertThat(driver.findElement(By.id("support-text-ar-count")).getText()).contains(Integer.toString(1000 - arabic.length()));
        Browser.fullPage(driver, "safeguarding-school-languages-phone", 390);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Saved."));
        assertThat(driver.findElement(By.id("support-text-ar")).getAttribute("value")).isEqualTo(arabic);
        assertThat(driver.findElement(By.id("support-text")).getAttribute("value")).isEqualTo(SUPPORT);
        driver.quit();

        text = arabicFinish(codes.get(1));
        assertThat(text.getText()).isEqualTo(arabic);
        assertThat(text.getAttribute("lang")).isEqualTo("ar");
        assertThat(text.getCssValue("direction")).isEqualTo("rtl");
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain(SUPPORT);
        assertThat(scrollsSideways(390)).isFalse();
        Browser.fullPage(driver, "survey-ar-support-phone", 390);
        driver.findElement(By.cssSelector("#submit-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.stalenessOf(text));
        WebElement thanks = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.support .support-text")));
        assertThat(thanks.getText()).isEqualTo(arabic);
        assertThat(thanks.getAttribute("lang")).isEqualTo("ar");
        Browser.fullPage(driver, "survey-ar-thanks-support-phone", 390);
    }

    /** A pupil on a phone who chose Arabic on the first page: the first part answered, on the survey's last page; its support text. */
    private WebElement arabicFinish(String code) throws Exception {
        driver = Browser.start(390, 844);
        driver.get(url("/"));
        driver.findElement(By.id("code")).sendKeys(code);
        driver.findElement(By.cssSelector(".languages a[lang=ar]")).click();
        waiting().until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "ar"));
        driver.findElement(By.cssSelector("form.code-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ar");
        for (WebElement q : questions()) {
            choose(q, 2);
        }
        WebElement before = driver.findElement(By.tagName("h1"));
        driver.findElement(By.cssSelector("button[name=go][value=next]")).click();
        waiting().until(ExpectedConditions.stalenessOf(before));
        driver.get(url("/survey/finish"));
        return waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.support .support-text")));
    }

    static String awaitMail(String address) throws InterruptedException {
        org.rapport.app.support.TestMail.await(address, 1);
        return org.rapport.app.support.TestMail.lastBody(address);
    }

    @Test
    void aSchoolWithoutALeadIsToldOnItsWindowsPageWhatToDoFirst(@TempDir Path dir) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        driver = Browser.start(390, 844);
        driver.get(url("/setup?token=" + links.newSetupToken()));
        driver.findElement(By.id("school")).sendKeys("Elm Primary " + tag);
        driver.findElement(By.id("name")).sendKeys("Pat Elm");
        driver.findElement(By.id("email")).sendKeys("pat-" + tag + "@test.example");
        driver.findElement(By.id("password")).sendKeys("tall elms in the yard");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("/login?setUp"));
        signIn("pat-" + tag + "@test.example", "tall elms in the yard");
        // the head is on the school's staff, its lead by default; a staff list gives them a staff id, and a later
        // one of teachers only takes them off the staff (still the network's admin): nobody is the school's lead then
        driver.findElement(By.linkText("Roster")).click();
        Path roster = dir.resolve("roster.csv");
        Path staff = dir.resolve("staff.csv");
        Path teachers = dir.resolve("teachers.csv");
        String kimRow = "T1,Mr Kim Osei,kim-" + tag + "@test.example,teacher\n";
        Files.writeString(staff, "staff_id,name,email,role\nH1,Pat Elm,pat-" + tag + "@test.example,leader\n" + kimRow);
        Files.writeString(teachers, "staff_id,name,email,role\n" + kimRow);
        Files.writeString(roster, "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n"
                + "5A,Year 5 A,5,28,T1,Mr Kim Osei,kim-" + tag + "@test.example,\n");
        for (Path list : List.of(staff, teachers)) {
            WebElement before = driver.findElement(By.tagName("main"));
            driver.findElement(By.id("roster-file")).sendKeys(roster.toString());
            driver.findElement(By.id("staff-file")).sendKeys(list.toString());
            driver.findElement(By.cssSelector("form[action$='/roster/preview'] button[type=submit]")).click();
            waiting().until(ExpectedConditions.stalenessOf(before));
            // checked first: the head leaves the staff only with the list of teachers, and only once imported
            String preview = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section[aria-labelledby=preview-heading]")))
                    .getText();
            if (list == teachers) {
                assertThat(preview).contains("Leave the staff: they can no longer sign in, and their history is kept (1)", "Pat Elm");
            } else {
                assertThat(preview).doesNotContain("Leave the staff");
            }
            WebElement checked = driver.findElement(By.tagName("main"));
            driver.findElement(By.cssSelector("section[aria-labelledby=preview-heading] button[type=submit]")).click();
            waiting().until(ExpectedConditions.stalenessOf(checked));
            waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Imported 1 class,"));
        }
        // off the staff their account changed, so they sign in again
        signIn("pat-" + tag + "@test.example", "tall elms in the yard");
        driver.get(url("/staff"));
        assertThat(driver.findElement(By.cssSelector(".safeguarding-state [role=alert]")).getText())
                .contains("No designated safeguarding lead: no window can open until one is named.");
        Browser.fullPage(driver, "overview-no-lead-phone", 390);

        driver.findElement(By.cssSelector("input[name=name]")).sendKeys("Spring 2027");
        driver.findElement(By.cssSelector("form[action$='/windows'] button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Spring 2027"));
        assertThat(driver.findElements(By.cssSelector("form[action$='/open']"))).as("no Open button").isEmpty();
        WebElement blocker = driver.findElement(By.id("opening-blockers"));
        assertThat(blocker.getText()).contains("This window cannot open yet", "has no designated safeguarding lead yet");
        Browser.fullPage(driver, "window-no-lead-phone", 390);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        Browser.screenshot(driver, "window-no-lead-desktop");
        String window = driver.getCurrentUrl();

        blocker.findElement(By.linkText("Name the safeguarding lead")).click();
        WebElement kim = driver.findElement(By.xpath("//label[contains(., 'Mr Kim Osei')]"));
        kim.click();
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Saved."));
        driver.get(window);
        driver.findElement(By.cssSelector("form[action$='/open'] button")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[action$='/close']")));
        assertThat(driver.findElements(By.id("opening-blockers"))).isEmpty();
    }
}
