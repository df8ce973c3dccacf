package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.rapport.app.school.RosterService;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.Uploads;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A head on the roster page, on a phone and at a desk: the school system's export checked before it replaces the
 * CSV roster, then imported with one click; and a teacher who came in twice merged into one from their page, the
 * merge said in full before it is done. Screenshots of each step.
 */
class PeopleBrowserTest extends BrowserTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    RosterService roster;
    @Autowired
    Schools schools;

    @Test
    void theHeadChecksTheExportThenImportsItAndMergesATeacherWhoCameInTwice() throws Exception {
        for (int width : List.of(390, 1280)) {
            String size = width == 390 ? "phone" : "desktop";
            Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
            driver = Browser.start(width, width == 390 ? 844 : 900);
            signIn(school.admin().email(), Fixtures.PASSWORD);

            // the school system's export: the head and A under its ids, a new teacher, and A again under an old address
            String again = "amara.o-" + school.tag() + "@test.example";
            byte[] bundle = Uploads.oneRoster(List.of(
                            new Uploads.Person("u-head", "Ruth", "Cole", school.admin().email(), "administrator"),
                            new Uploads.Person("u-a", "Amara", "Okafor", school.teacherA().email(), "teacher"),
                            new Uploads.Person("u-b", "Ben", "Hughes", school.teacherB().email(), "teacher"),
                            new Uploads.Person("u-a2", "Amara", "Okafor", again, "teacher")),
                    List.of(new Uploads.OneClass("c-7a", "7A English", List.of("u-a"), 5), new Uploads.OneClass("c-7b", "7B Maths", List.of("u-b"), 5),
                            new Uploads.OneClass("c-7c", "7C Science", List.of("u-a2"), 5)));
            Path zip = Files.createTempFile("export-", ".zip");
            Files.write(zip, bundle);
            driver.get(url("/staff/schools/" + school.schoolId() + "/roster"));
            driver.findElement(By.id("bundle-file")).sendKeys(zip.toAbsolutePath().toString());
            driver.findElement(By.cssSelector("form[action$='/oneroster/preview'] button[type=submit]")).click();
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("preview-heading")));
            String preview = driver.findElement(By.cssSelector("section[aria-labelledby=preview-heading]")).getText();
            assertThat(preview).contains("Matched by e-mail, their staff id changes (3)", "H1 → u-head", "A → u-a", "New people", "Classes retired");
            assertThat(schools.staff(school.schoolId())).extracting(StaffMember::ref).as("nothing changed yet").containsExactlyInAnyOrder("H1", "A", "B");
            Browser.fullPage(driver, "roster-preview-" + size, width);
            assertThat(scrollsSideways(width)).isFalse();
            driver.findElement(By.cssSelector("section[aria-labelledby=preview-heading] button[type=submit]")).click();
            waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Imported 3 classes"));
            assertThat(schools.staff(school.schoolId())).extracting(StaffMember::ref).containsExactlyInAnyOrder("u-head", "u-a", "u-b", "u-a2");

            // the second record of Ms Okafor: merged into her own, keeping her account and the export's id for the second
            StaffMember duplicate = schools.staff(school.schoolId()).stream().filter(m -> m.email().equals(again)).findFirst().orElseThrow();
            driver.findElement(By.cssSelector("a[href$='/people/" + duplicate.id() + "']")).click();
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("merge-heading")));
            Browser.fullPage(driver, "person-" + size, width);
            new Select(driver.findElement(By.id("merge-into"))).selectByValue(Long.toString(school.teacherA().id()));
            driver.findElement(By.cssSelector("input[name=keepId][value=into]")).click();
            driver.findElement(By.cssSelector("form:has(#merge-into) button[type=submit]")).click();
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("plan-heading")));
            String plan = driver.findElement(By.cssSelector("section[aria-labelledby=plan-heading]")).getText();
            assertThat(plan).contains(again + ") is removed", "staff id u-a", "7C Science", "Yes, merge them");
            Browser.fullPage(driver, "person-merge-plan-" + size, width);
            assertThat(scrollsSideways(width)).isFalse();
            driver.findElement(By.cssSelector("section[aria-labelledby=plan-heading] button[type=submit]")).click();
            waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "The two records are one now"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Amara Okafor");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("7A English and 7C Science", "merged into Amara Okafor");
            Browser.fullPage(driver, "person-merged-" + size, width);
            assertThat(schools.findStaff(duplicate.id())).isEmpty();
            driver.quit();
            driver = null;
        }
    }
}
