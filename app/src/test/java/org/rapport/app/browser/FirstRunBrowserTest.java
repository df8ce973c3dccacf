package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.app.school.AccountLinks;
import org.rapport.app.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A school starting on its own, in headless Chromium: the setup link of the first start → the network
 * and its first admin → a school and its admin, invited by e-mail (a real SMTP server in the test) →
 * the admin follows the link, chooses a password (a very common one refused), signs in, uploads the
 * roster and invites the staff → a teacher follows their e-mailed link and signs in → the admin opens a
 * window and e-mails the teachers' codes → the teacher takes the survey with the e-mailed code. Links
 * work once.
 */
class FirstRunBrowserTest extends BrowserTest {
    @Autowired
    AccountLinks links;

    void choosePassword(String link, String password) {
        driver.manage().deleteAllCookies();
        driver.get(link);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    }

    @Test
    void fromTheSetupLinkToATeacherSignedIn(@TempDir Path dir) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String token = links.newSetupToken();
        driver = Browser.start(390, 844);
        driver.get(url("/setup?token=" + token));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Set up Rapport");
        Browser.fullPage(driver, "setup-phone", 390);
        driver.findElement(By.id("network")).sendKeys("Oakfield Trust " + tag);
        driver.findElement(By.id("name")).sendKeys("Sam Rivers");
        driver.findElement(By.id("email")).sendKeys("sam-" + tag + "@test.example");
        driver.findElement(By.id("password")).sendKeys("four calm rivers flowing");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("/login?setUp"));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).startsWith("Rapport is set up.");
        driver.get(url("/setup?token=" + token));
        assertThat(driver.getPageSource()).as("the link works once").doesNotContain("Set up Rapport</h1>");

        signIn("sam-" + tag + "@test.example", "four calm rivers flowing");
        driver.findElement(By.linkText("Add a school")).click();
        String admin = "head-" + tag + "@test.example";
        driver.findElement(By.id("name")).sendKeys("Oakfield Primary " + tag);
        driver.findElement(By.id("admin-name")).sendKeys("Ms Lee Park");
        driver.findElement(By.id("admin-email")).sendKeys(admin);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "An invitation was sent to " + admin));

        String adminLink = TestMail.lastLink(admin);
        assertThat(TestMail.to(admin).get(0).getSubject()).isEqualTo("Your Rapport account at \u2068Oakfield Primary " + tag + "\u2069");
        choosePassword(adminLink, "password123");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=alert]"), "one of the most common"));
        Browser.fullPage(driver, "password-phone", 390);
        driver.findElement(By.id("password")).sendKeys("lemon trees by the gate");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("/login?passwordSet"));
        driver.get(adminLink);
        assertThat(driver.getPageSource()).as("used up").doesNotContain("Choose your password</h1>");

        signIn(admin, "lemon trees by the gate");
        driver.findElement(By.linkText("Roster")).click();
        Path roster = dir.resolve("roster.csv");
        Path staff = dir.resolve("staff.csv");
        String teacher = "kim-" + tag + "@test.example";
        Files.writeString(staff, "staff_id,name,email,role\nH1,Ms Lee Park," + admin + ",leader\nT1,Mr Kim Osei," + teacher + ",teacher\n");
        Files.writeString(roster, "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject\n"
                + "5A,Year 5 A,5,28,T1,Mr Kim Osei," + teacher + ",\n");
        driver.findElement(By.id("roster-file")).sendKeys(roster.toString());
        driver.findElement(By.id("staff-file")).sendKeys(staff.toString());
        driver.findElement(By.cssSelector("form[action$='/roster/preview'] button[type=submit]")).click();
        // first what the files will change, nothing imported yet: the admin takes the staff id H1, Mr Kim Osei comes, 5A is added
        String preview = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section[aria-labelledby=preview-heading]")))
                .getText();
        assertThat(preview).contains("Matched by e-mail, given their first staff id (1)", "New people, who get an account without a password (1)",
                "Classes added (1)", "Pupils: 0 now, 28 after");
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("Imported");
        driver.findElement(By.cssSelector("section[aria-labelledby=preview-heading] button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Imported 1 class,"));
        driver.findElement(By.cssSelector("form[action$='/invitations'] button")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("invited-heading"), "Invitations sent: 1."));
        assertThat(driver.getPageSource()).as("no one's link is shown to the admin").doesNotContain("/account/password?token=");
        Browser.fullPage(driver, "roster-invite-phone", 390);

        choosePassword(TestMail.lastLink(teacher), "green kites over hills");
        waiting().until(ExpectedConditions.urlContains("/login?passwordSet"));
        signIn(teacher, "green kites over hills");
        assertThat(driver.findElement(By.cssSelector(".who")).getText()).contains("Mr Kim Osei");

        // the admin opens a window and e-mails the teachers their codes
        signIn(admin, "lemon trees by the gate");
        driver.findElement(By.cssSelector("input[name=name]")).sendKeys("Spring 2027");
        driver.findElement(By.cssSelector("form[action$='/windows'] button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Spring 2027"));
        org.openqa.selenium.WebElement open = driver.findElement(By.cssSelector("form[action$='/open'] button"));
        open.click();
        waiting().until(ExpectedConditions.stalenessOf(open));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[action$='/close']")));
        int mails = TestMail.to(teacher).size();
        driver.findElement(By.cssSelector("form[action$='/codes/mail'] input[value=TEACHER] + button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Codes sent: 1"));
        assertThat(TestMail.to(teacher)).hasSize(mails + 1);

        // the teacher takes the survey with the code from their e-mail
        driver.manage().deleteAllCookies();
        driver.get(TestMail.lastLink(teacher));
        // the link's code goes into the field by the page's script: the teacher sends it once it is there
        waiting().until(d -> !d.findElement(By.id("code")).getAttribute("value").isEmpty());
        driver.findElement(By.cssSelector("form.code-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
        while (!driver.findElement(By.tagName("h1")).getText().equals("Ready to send?")) {
            for (org.openqa.selenium.WebElement q : questions()) {
                choose(q, 3);
            }
            org.openqa.selenium.WebElement before = driver.findElement(By.tagName("h1"));
            driver.findElement(By.cssSelector("button[name=go][value=next]")).click();
            waiting().until(ExpectedConditions.stalenessOf(before));
        }
        driver.findElement(By.cssSelector("#submit-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Thank you!"));
    }
}
