package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rapport.app.demo.DemoNetwork;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.support.DemoFixture;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo's head of Hillcrest checks next term's CSV roster and staff list on a phone and at a desk: Mr Lopez leaves,
 * Ms Novak comes with a new class 12A. The check shows what the import would change, with counts, and changes nothing
 * (the demo is shared by other tests, so nothing is imported here: RosterCsvPreviewTest imports). Screenshots
 * roster-csv-preview-phone and -desktop, down to the preview's end.
 */
class RosterCsvPreviewBrowserTest extends BrowserTest {
    @Autowired
    DemoNetwork demo;
    @Autowired
    Schools schools;

    /** Hillcrest's demo files next term, written to {@code dir}: the roster file and the staff list. */
    static List<Path> hillcrestNextTerm(Path dir) throws IOException {
        String roster = demoFile("hillcrest-academy.roster.csv").lines().filter(l -> !l.contains(",S14,")).reduce("", (a, l) -> a + l + "\n")
                + "12A,12A,12,24,S15,Ms Novak,novak@hillcrest.example,Humanities\n";
        String staff = demoFile("hillcrest-academy.staff.csv").lines().filter(l -> !l.startsWith("S14,")).reduce("", (a, l) -> a + l + "\n")
                + "S15,Ms Novak,novak@hillcrest.example,teacher,Humanities\n";
        Path r = dir.resolve("roster.csv");
        Path s = dir.resolve("staff.csv");
        Files.writeString(r, roster);
        Files.writeString(s, staff);
        return List.of(r, s);
    }

    private static String demoFile(String name) throws IOException {
        try (InputStream in = DemoNetwork.class.getResourceAsStream("/demo/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** On the roster page now shown: the files chosen and checked, waiting for the preview. */
    static WebElement check(ChromeDriver driver, List<Path> files) {
        WebElement before = driver.findElement(By.tagName("main"));
        driver.findElement(By.id("roster-file")).sendKeys(files.get(0).toAbsolutePath().toString());
        driver.findElement(By.id("staff-file")).sendKeys(files.get(1).toAbsolutePath().toString());
        driver.findElement(By.cssSelector("form[action$='/roster/preview'] button[type=submit]")).click();
        WebDriverWait wait = new WebDriverWait(driver, java.time.Duration.ofSeconds(30));
        wait.until(ExpectedConditions.stalenessOf(before));
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section[aria-labelledby=preview-heading]")));
    }

    @Test
    void theHeadSeesWhatNextTermsRosterWouldChangeBeforeAnythingChanges() throws Exception {
        long network = DemoFixture.network(demo);
        School hillcrest = schools.inNetwork(network).stream().filter(s -> s.name().equals("Hillcrest Academy")).findFirst().orElseThrow();
        List<Path> files = hillcrestNextTerm(Files.createTempDirectory("hillcrest-"));
        List<String> staffBefore = schools.staff(hillcrest.id()).stream().map(m -> m.ref() + (m.active() ? "" : "-")).sorted().toList();
        int classesBefore = schools.classes(hillcrest.id()).size();
        for (int width : List.of(390, 1280)) {
            driver = Browser.start(width, width == 390 ? 844 : 900);
            signIn("head@hillcrest.example", DemoNetwork.PASSWORD);
            driver.get(url("/staff/schools/" + hillcrest.id() + "/roster"));
            WebElement preview = check(driver, files);
            // the page opens at the preview, the first thing under the title
            assertThat(driver.findElement(By.cssSelector("main > h1 + section, main > h1 + div + section")).getAttribute("aria-labelledby"))
                    .isEqualTo("preview-heading");
            assertThat(preview.getText()).contains("What this import will change", "Nothing has changed yet", "People who stay as they are: 13",
                    "Classes kept: 10", "Who teaches which class: 40 links now, 38 after", "Pupils: 251 now, 275 after",
                    "New people, who get an account without a password (1)", "Leave the staff: they can no longer sign in, and their history is kept (1)",
                    "Mr Lopez", "S14", "Classes added (1)", "Import these changes");
            // the page down to the preview's end (the roster's tables below it are the page as it was)
            Number bottom = (Number) driver.executeScript("const r = arguments[0].getBoundingClientRect(); return r.bottom + window.scrollY;", preview);
            Path shot = Browser.fullPage(driver, "roster-csv-preview-" + (width == 390 ? "phone" : "desktop"), width);
            java.awt.image.BufferedImage page = javax.imageio.ImageIO.read(shot.toFile());
            javax.imageio.ImageIO.write(page.getSubimage(0, 0, page.getWidth(), Math.min(page.getHeight(), bottom.intValue() + 24)), "png", shot.toFile());
            assertThat(scrollsSideways(width)).isFalse();
            @SuppressWarnings("unchecked")
            List<Object> look = (List<Object>) driver.executeScript(EveryPageBrowserTest.LOOK);
            assertThat(look).as("text over text, cut off or off the screen").isEmpty();
            driver.quit();
            driver = null;
        }
        assertThat(schools.staff(hillcrest.id()).stream().map(m -> m.ref() + (m.active() ? "" : "-")).sorted().toList())
                .as("nothing imported").isEqualTo(staffBefore);
        assertThat(schools.classes(hillcrest.id())).hasSize(classesBefore);
        assertThat(schools.staff(hillcrest.id())).extracting(StaffMember::ref).doesNotContain("S15");
    }
}
