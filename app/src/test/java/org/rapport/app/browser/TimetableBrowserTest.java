package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.app.school.Onboarding;
import org.rapport.app.school.StaffPasswords;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.SecondarySchool;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A secondary school's IT person uploads the information system's export with the names file on the roster page
 * and reads its warnings; the head prints pupil codes (one per pupil, each naming the pupil's classes); a pupil
 * on a phone ticks their classes and reads their own teachers by the names pupils use; the window page gives each teaching set's rate.
 * Screenshots at phone and desktop sizes under target/screenshots.
 */
class TimetableBrowserTest extends BrowserTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    Onboarding onboarding;
    @Autowired
    StaffPasswords passwords;
    @Autowired
    org.rapport.app.school.Schools schools;

    @Test
    void theExportIsUploadedOnTheRosterPageWithItsWarningsAndEachPupilGetsOneSlipAndTicksTheirClasses() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("TimetableBrowserTest seed " + seed);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        SecondarySchool sis = SecondarySchool.generate(seed, "riverside-" + tag + ".example");
        Map<String, String> files = sis.files();
        // the export as schools have it: one class nobody teaches
        files.put("classes.csv", files.get("classes.csv") + "club-1,active,2026-09-01T08:00:00Z,Chess club,10,,club-1,scheduled,,"
                + SecondarySchool.SCHOOL + ",t-2026,,,\n");
        SecondarySchool.Pupil chess = sis.pupils.get(0);
        files.put("enrollments.csv", files.get("enrollments.csv") + "ex-1,active,2026-09-01T08:00:00Z,club-1," + SecondarySchool.SCHOOL
                + "," + chess.id() + ",student,false,,\n");
        Path bundle = Files.createTempFile("export-", ".zip");
        Files.write(bundle, SecondarySchool.zip(files));
        Path names = Files.createTempFile("names-", ".csv");
        Files.writeString(names, sis.namesCsv(), StandardCharsets.UTF_8);

        Onboarding.NewSchool added = onboarding.addSchool(fixtures.network(), "Riverside Academy " + tag,
                new Onboarding.NewAccount("Ada IT", "it-" + tag + "@test.example"));
        passwords.set(added.admin(), Fixtures.PASSWORD);
        long schoolId = added.school().id();

        driver = Browser.start(1280, 900);
        signIn(added.admin().email(), Fixtures.PASSWORD);
        driver.get(url("/staff/schools/" + schoolId + "/roster"));
        driver.findElement(By.id("bundle-file")).sendKeys(bundle.toString());
        driver.findElement(By.id("names-file")).sendKeys(names.toString());
        assertThat(driver.findElement(By.cssSelector("label[for=bundle-teams]")).getText()).isEqualTo("Teams");
        driver.findElement(By.cssSelector("#bundle-file")).findElement(By.xpath("./ancestor::form")).findElement(By.cssSelector("button[type=submit]"))
                .click();
        // first what the file will change, with what to look at; nothing is imported yet
        WebElement preview = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("preview-heading")));
        assertThat(preview.getText()).isEqualTo("What this import will change");
        assertThat(driver.findElement(By.id("preview-warnings")).getText()).contains("class club-1 (Chess club) has no teacher");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Pupils: 0 now, " + SecondarySchool.PUPILS + " after");
        Browser.fullPage(driver, "timetable-preview-desktop", 1280);
        driver.findElement(By.cssSelector("form[action$='/roster/oneroster'] button[type=submit]")).click();
        WebElement warnings = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("roster-warnings")));
        assertThat(warnings.findElement(By.tagName("h2")).getText()).isEqualTo("Imported, but please check");
        assertThat(warnings.getText()).contains("class club-1 (Chess club) has no teacher");
        assertThat(driver.findElement(By.cssSelector("main")).getText()).contains("Pupils see", sis.teachers.get(0).pupilName());
        Browser.screenshot(driver, "timetable-roster-desktop");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        assertThat(scrollsSideways(390)).as("the roster page on a phone").isFalse();
        Browser.fullPage(driver, "timetable-roster-phone", 390);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));

        // a window, and the pupil codes: one per pupil, printed by tutor group, all alike: no slip names a pupil's classes
        org.rapport.app.window.SurveyWindow window = fixtures.openWindow(schoolId);
        driver.get(url("/staff/windows/" + window.id()));
        driver.findElement(By.cssSelector("form input[name=role][value=PUPIL]")).findElement(By.xpath("./ancestor::form"))
                .findElement(By.cssSelector("button")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".slip")));
        List<WebElement> slips = driver.findElements(By.cssSelector(".slip"));
        assertThat(slips).hasSize(SecondarySchool.PUPILS);
        assertThat(driver.findElements(By.cssSelector(".slip-group"))).hasSize(10);
        assertThat(driver.findElement(By.cssSelector("main")).getText()).contains("One code per pupil of each home group, and any slip of the group will do");
        assertThat(driver.findElements(By.cssSelector(".slip-classes"))).isEmpty();
        Browser.screenshot(driver, "timetable-slips-desktop");
        assertThat(PrintBrowserTest.overflows(driver, ".slip", false)).as("timetable slips printed").isEmpty();
        // the pupil who plays chess gets any slip of their tutor group
        String home = "Tutor group " + chess.tutorGroup();
        WebElement mine = slips.stream().filter(s -> s.getText().contains(home)).findFirst().orElseThrow();
        String code = mine.findElement(By.cssSelector(".code")).getText().replace("-", "");
        // two more slips of the group, for pupils taking turns on one computer (below)
        List<String> group = slips.stream().filter(s -> s.getText().contains(home)).map(s -> s.findElement(By.cssSelector(".code")).getText()
                .replace("-", "")).filter(c -> !c.equals(code)).limit(2).toList();

        // the pupil, on a phone: ticks their classes, then meets their own teachers, by the names pupils use
        Map<String, Long> idOf = new java.util.HashMap<>();
        schools.classes(schoolId).forEach(c -> idOf.put(c.ref(), c.id()));
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        enterCode(code);
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("classes-form")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Your classes");
        List<String> theirs = new java.util.ArrayList<>(chess.classes().subList(1, chess.classes().size()));
        theirs.add("club-1");
        assertThat(driver.findElements(By.cssSelector("input[name=class]")).size()).as("their tutor group's classes").isGreaterThan(theirs.size());
        for (String c : theirs) {
            driver.findElement(By.cssSelector("input[name=class][value='" + idOf.get(c) + "']")).click();
        }
        assertThat(scrollsSideways(390)).isFalse();
        Browser.fullPage(driver, "timetable-classes-phone", 390);
        WebElement choosing = driver.findElement(By.tagName("h1"));
        driver.findElement(By.cssSelector("#classes-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.stalenessOf(choosing));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
        String page = driver.findElement(By.tagName("main")).getText();
        String firstTeacher = sis.teachersOf(chess).stream().map(t -> sis.teacher(t).pupilName()).sorted().findFirst().orElseThrow();
        assertThat(page).contains(firstTeacher);
        assertThat(scrollsSideways(390)).isFalse();
        Browser.screenshot(driver, "timetable-pupil-phone");
        // every page answered and sent, on the phone
        while (!driver.findElement(By.tagName("h1")).getText().equals("Ready to send?")) {
            for (WebElement q : questions()) {
                choose(q, 3);
            }
            WebElement before = driver.findElement(By.tagName("h1"));
            driver.findElement(By.cssSelector("button[name=go][value=next]")).click();
            waiting().until(ExpectedConditions.stalenessOf(before));
        }
        driver.findElement(By.cssSelector("#submit-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Thank you!"));

        // one computer, pupils taking turns: each keeps the survey they started on it
        String firstAnswer = null;
        for (String turn : group) {
            enterCode(turn);
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("classes-form")));
            WebElement ticking = driver.findElement(By.tagName("h1"));
            driver.findElement(By.cssSelector("#classes-form button[type=submit]")).click();
            waiting().until(ExpectedConditions.stalenessOf(ticking));
            WebElement question = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
            choose(question, turn.equals(group.get(0)) ? 1 : 4);
            if (firstAnswer == null) {
                firstAnswer = checkedValue(question);
            }
            WebElement before = driver.findElement(By.tagName("h1"));
            driver.findElement(By.cssSelector("button[name=go][value=next]")).click();
            waiting().until(ExpectedConditions.stalenessOf(before));
        }
        enterCode(group.get(0));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
        assertThat(driver.findElements(By.id("started-elsewhere"))).as("the first pupil's own survey, on the same computer").isEmpty();
        // on the part they had gone on to, and "Back" to their saved answer
        assertThat(driver.findElements(By.id("resumed"))).as("carried on at the second part").isNotEmpty();
        WebElement second = driver.findElement(By.tagName("h1"));
        driver.findElement(By.cssSelector("button[name=go][value=back]")).click();
        waiting().until(ExpectedConditions.stalenessOf(second));
        WebElement resumed = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
        assertThat(checkedValue(resumed)).as("their saved answer").isEqualTo(firstAnswer);

        // the window page: each tutor group's rate, and each teaching set's pupils (answered: counted when the window closes)
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        driver.get(url("/staff/windows/" + window.id()));
        String rates = driver.findElement(By.tagName("main")).getText();
        assertThat(rates).contains("Pupils: 1 of " + SecondarySchool.PUPILS + " answered");
        assertThat(driver.findElement(By.id("set-rates")).getText()).isEqualTo("Teaching sets");
        WebElement chessRow = driver.findElements(By.cssSelector("table[aria-labelledby=set-rates] tbody tr")).stream()
                .filter(r -> r.getText().startsWith("Chess club")).findFirst().orElseThrow();
        assertThat(chessRow.findElement(By.tagName("th")).getText()).isEqualTo("Chess club");
        // the window still open: a set's answers are counted once it is settled
        assertThat(chessRow.findElements(By.tagName("td"))).extracting(WebElement::getText).containsExactly("1", "once settled", "–");
        Browser.fullPage(driver, "timetable-window-desktop", 1280);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        assertThat(scrollsSideways(390)).isFalse();
        Browser.fullPage(driver, "timetable-window-phone", 390);
    }
}
