package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.app.demo.DemoNetwork;
import org.rapport.app.support.DemoFixture;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A head teacher corrects, withdraws and puts back the demo's "you said, we did" from a window's page on a phone; a parent
 * reads it without signing in, in plain words; the next window's letters and slips point to it, and each slip's QR code
 * opens the survey with its code. The demo's page is put back as it was at the end (other tests read it).
 */
class YouSaidBrowserTest extends BrowserTest {
    @Autowired
    DemoNetwork demo;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.rapport.app.window.WindowService windows;
    @Autowired
    org.rapport.app.school.Schools schools;
    @Autowired
    org.rapport.app.access.CodeService codes;
    @Autowired
    org.rapport.app.yousaid.YouSaidWeDid youSaid;
    @Autowired
    org.rapport.app.support.Fixtures fixtures;

    long network;

    @BeforeEach
    void demo() throws Exception {
        network = DemoFixture.network(demo);
    }

    @Test
    void aHeadPublishesWhatTheSchoolHeardAndAParentReadsIt() throws Exception {
        long window = jdbc.sql("""
                select w.id from survey_window w join school s on s.id = w.school_id
                where s.network_id = ? and s.name = 'Hillcrest Academy' and w.name = 'Summer 2026'""").param(network).query(Long.class).single();
        org.rapport.app.security.StaffUser head = fixtures.staffUser("head@hillcrest.example");
        org.rapport.app.yousaid.YouSaidWeDid.Current demoPage = youSaid.current(head, window).orElseThrow();
        try {
            correctWithdrawAndPutBack(window);
        } finally {
            youSaid.publish(head, window, demoPage.heard(), demoPage.weWill(), demoPage.byWhen(), java.util.Locale.ENGLISH);
        }
    }

    private void correctWithdrawAndPutBack(long window) throws Exception {
        driver = Browser.start(390, 844);
        signIn("head@hillcrest.example", DemoNetwork.PASSWORD);
        driver.get(url("/staff/windows/" + window));
        driver.findElement(By.linkText("You said, we did")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("we-will")));
        // the window's page, published by the demo, is in the form to be corrected (publishing again added a second page)
        assertThat(driver.findElement(By.id("current-page")).getText()).contains("This window's page is published");
        assertThat(driver.findElement(By.id("by-when")).getAttribute("value")).isEqualTo("October half term");

        // withdrawn: a parent no longer finds it; put back: there again
        String address = driver.findElement(By.cssSelector("#current-page a")).getAttribute("href");
        driver.findElement(By.cssSelector("#current-page form button")).click();
        waiting().until(ExpectedConditions.urlContains("?withdrawn"));
        assertThat(driver.findElement(By.id("current-page")).getText()).contains("withdrawn");
        Browser.fullPage(driver, "you-said-withdrawn-phone", 390);
        driver.get(address);
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("October half term");
        driver.navigate().back();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#current-page form button")));
        driver.findElement(By.cssSelector("#current-page form button")).click();
        waiting().until(ExpectedConditions.urlContains("?restored"));
        driver.get(address);
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("October half term");
        driver.navigate().back();

        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("we-will")));
        List<WebElement> options = driver.findElements(By.cssSelector("input[name=heard]"));
        assertThat(options).isNotEmpty();
        WebElement belonging = driver.findElement(By.cssSelector("input[name=heard][value='PUPIL_SCHOOL/belonging']"));
        if (!belonging.isSelected()) {
            driver.executeScript("arguments[0].click()", belonging);
        }
        driver.findElement(By.id("we-will")).clear();
        driver.findElement(By.id("we-will")).sendKeys("Every class gets a say in one school rule, and pupils plan the spring fair.");
        driver.findElement(By.id("by-when")).clear();
        driver.findElement(By.id("by-when")).sendKeys("Easter");
        Browser.fullPage(driver, "you-said-publish-phone", 390);
        driver.findElement(By.cssSelector("#publish-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("/you-said/"));
        assertThat(driver.getCurrentUrl()).isEqualTo(address);

        // a parent, not signed in, on their phone: the corrected page, once, in plain words
        driver.manage().deleteAllCookies();
        driver.get(address);
        // (names are kept to themselves in sentences, U+2068 and U+2069 around each: taken out to read the words)
        String page = driver.findElement(By.tagName("main")).getText().replaceAll("[\u2068\u2069]", "");
        assertThat(page).contains("You said, we did: Hillcrest Academy", "Every class gets a say in one school rule", "By: Easter",
                "Pupils about the school · Belonging: ").containsPattern("about \\d in 10 answers (was|were) “").doesNotContain("October half term", "points", "interval", "two top answers");
        assertThat(driver.findElements(By.linkText("Sign out"))).isEmpty();
        assertThat(scrollsSideways(390)).isFalse();
        Browser.fullPage(driver, "you-said-public-phone", 390);

        // the next window's family letters point to it, with a QR code of the address
        long school = jdbc.sql("select school_id from survey_window where id = ?").param(window).query(Long.class).single();
        org.rapport.app.window.SurveyWindow next = windows.open(windows.create(schools.find(school).orElseThrow(),
                "Autumn " + java.util.UUID.randomUUID().toString().substring(0, 6)));
        signIn("head@hillcrest.example", DemoNetwork.PASSWORD);
        driver.get(url("/staff/windows/" + next.id()));
        driver.findElement(By.cssSelector("form[action$='/letters'] button")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article.letter .you-said")));
        WebElement pointer = driver.findElement(By.cssSelector("article.letter .you-said"));
        assertThat(pointer.getText()).contains(address);
        driver.executeScript("arguments[0].scrollIntoView()", pointer);
        byte[] png = pointer.findElement(By.cssSelector(".qr-box")).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
        assertThat(decode(png)).isEqualTo(address);

        // and so do its code slips, the address beside the code; each slip's QR code opens the survey with its code (it opened
        // this page, and a pupil who scanned it found no survey)
        driver.get(url("/staff/windows/" + next.id()));
        driver.findElement(By.cssSelector("form[action$='/codes'] button")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".slip .slip-qr svg")));
        WebElement slip = driver.findElement(By.cssSelector(".slip"));
        assertThat(slip.getText()).contains(address);
        driver.executeScript("arguments[0].scrollIntoView()", slip);
        Browser.screenshot(driver, "code-slips-you-said-phone");
        String slipCode = slip.findElement(By.cssSelector(".code")).getText();
        assertThat(decode(slip.findElement(By.cssSelector(".slip-qr")).getScreenshotAs(org.openqa.selenium.OutputType.BYTES)))
                .isEqualTo(url("/") + "#code=" + slipCode);

        // a teacher replies to their classes after Summer; a pupil of theirs finds it at the top of the questions about them
        org.rapport.app.school.ClassGroup group = schools.classes(school).get(0);
        org.rapport.app.school.StaffMember teacher = schools.teachersOf(group.id()).get(0);
        signIn(teacher.email(), DemoNetwork.PASSWORD);
        driver.get(url("/staff/windows/" + window + "/reply"));
        driver.findElement(By.id("reply-text")).sendKeys("You told me lessons feel rushed, so I will leave five minutes for your questions.");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=status]")));
        String code = codes.generate(next, org.rapport.app.itembank.RespondentRole.PUPIL, List.of(group.id())).groups().get(0).slips().get(0).code();
        driver.manage().deleteAllCookies();
        enterCode(code);
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
        assertThat(driver.findElement(By.cssSelector("main .notice a")).getText()).isEqualTo("Last time you said, and here is what we did");
        for (int block = 0; block < 6 && driver.findElements(By.cssSelector("figure.reply")).isEmpty(); block++) {
            driver.findElement(By.cssSelector("button[name=go][value=next]")).click();
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
        }
        WebElement reply = driver.findElement(By.cssSelector("figure.reply"));
        assertThat(reply.getText()).contains(teacher.name(), "You told me lessons feel rushed");
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains(teacher.name());
        Browser.screenshot(driver, "survey-teacher-reply-phone");
    }

    /** What a phone's camera reads from a QR code on the screen. */
    static String decode(byte[] png) throws Exception {
        return new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                new com.google.zxing.client.j2se.BufferedImageLuminanceSource(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png))))),
                java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, true)).getText();
    }
}
