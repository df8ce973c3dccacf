package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.TestMail;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Codes delivered: a school admin e-mails the teachers' codes (one message each, read back from a
 * real SMTP server) and prints family letters whose QR code, read back from a screenshot, opens the
 * survey with the code filled in. The code travels after "#": the address bar loses it at once, and
 * nothing of it is stored against a person beyond the sealed pairing a reminder needs while the code
 * is unused. A reminder from the window's page reaches both teachers, who have not answered.
 */
class CodeDeliveryBrowserTest extends BrowserTest {
    static final Pattern CODE = Pattern.compile("\\b([A-Z0-9]{5}-[A-Z0-9]{5})\\b");
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    static String code(String body) {
        Matcher m = CODE.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return m.group(1);
    }

    @Test
    void teachersGetTheirOwnCodeByMailAndFamilyLettersOpenTheSurveyWithTheirCode() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 6, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        driver = Browser.start(1280, 900);
        signIn(school.admin().email(), Fixtures.PASSWORD);
        driver.get(url("/staff/windows/" + window.id()));
        int before = TestMail.to(school.teacherA().email()).size();
        driver.findElement(By.cssSelector("form[action$='/codes/mail'] input[value=TEACHER] + button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Codes sent: 2, one to each person."));

        Set<String> codes = new HashSet<>();
        String body = "";
        for (var teacher : List.of(school.teacherA(), school.teacherB())) {
            assertThat(TestMail.to(teacher.email())).hasSize(before + 1);
            body = TestMail.lastBody(teacher.email());
            codes.add(code(body));
        }
        assertThat(codes).as("each their own").hasSize(2);
        assertThat(jdbc.sql("select column_name from information_schema.columns where table_name = 'access_code'").query(String.class).list())
                .as("the code table itself names nobody").noneMatch(c -> c.contains("staff") || c.contains("email"));

        // the e-mailed link: the code arrives in the field, never in a URL the server sees
        String link = TestMail.lastLink(school.teacherB().email());
        assertThat(link).contains("/#code=");
        driver.manage().deleteAllCookies();
        driver.get(link);
        assertThat(driver.findElement(By.id("code")).getAttribute("value")).isEqualTo(code(body));
        assertThat(driver.getCurrentUrl()).doesNotContain("code=");
        driver.findElement(By.cssSelector("form.code-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));

        // letters to take home, one per family, each with a QR code a phone reads as the survey link with its code
        signIn(school.admin().email(), Fixtures.PASSWORD);
        driver.get(url("/staff/windows/" + window.id()));
        driver.findElement(By.cssSelector("form[action$='/letters'] button")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article.letter")));
        List<WebElement> letters = driver.findElements(By.cssSelector("article.letter"));
        assertThat(letters).hasSize(11);
        WebElement first = letters.get(0);
        driver.executeScript("arguments[0].scrollIntoView()", first);
        Browser.screenshot(driver, "family-letter-desktop");
        byte[] png = first.findElement(By.cssSelector(".qr-box")).getScreenshotAs(OutputType.BYTES);
        var image = ImageIO.read(new ByteArrayInputStream(png));
        String read = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))), java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, true)).getText();
        String printed = first.findElement(By.cssSelector(".code")).getText();
        assertThat(read).isEqualTo(url("/#code=" + printed));
        driver.manage().deleteAllCookies();
        driver.get(read);
        assertThat(driver.findElement(By.id("code")).getAttribute("value")).isEqualTo(printed);
        assertThat(driver.getCurrentUrl()).isEqualTo(url("/"));

        // neither teacher has answered: a reminder goes to both, with the code each already has
        signIn(school.admin().email(), Fixtures.PASSWORD);
        driver.get(url("/staff/windows/" + window.id()));
        driver.findElement(By.cssSelector("form[action$='/codes/remind'] input[value=TEACHER] + button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main"), "Reminders sent: 2."));
        Browser.screenshot(driver, "window-reminders-desktop");
        assertThat(TestMail.to(school.teacherB().email())).hasSize(before + 2);
        assertThat(code(TestMail.lastBody(school.teacherB().email()))).isEqualTo(code(body));
    }
}
