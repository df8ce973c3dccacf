package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The survey taken in each language on a phone: the language picked on the first page (Spanish,
 * Polish, Arabic right to left), offered from the browser's preference, kept in the draft when the
 * survey is resumed on another device, and stored with the response. Every text checked against its
 * bundle, so a page left in English fails.
 */
class LanguagesBrowserTest extends BrowserTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    static Properties bundle(String name) throws Exception {
        Properties p = new Properties();
        try (var in = new InputStreamReader(new ClassPathResource(name).getInputStream(), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    static String text(Properties bundle, String key, Object... args) {
        return new MessageFormat(bundle.getProperty(key), Locale.ROOT).format(args);
    }

    @Test
    void aPupilTakesTheSurveyInSpanishPolishAndArabicChosenOnTheFirstPage() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 6, 6);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        List<String> codes = fixtures.codes(window, RespondentRole.PUPIL, school.class1());
        int k = 0;
        for (String tag : List.of("es", "pl", "ar")) {
            Properties ui = bundle("messages_" + tag + ".properties");
            Properties items = bundle("itembank/items_" + tag + ".properties");
            String code = codes.get(k++);
            driver = Browser.start(390, 844);
            driver.get(url("/"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Take your survey");
            // the language menu names each language in itself; choosing one keeps a typed code
            driver.findElement(By.id("code")).sendKeys(code);
            WebElement link = driver.findElement(By.cssSelector(".languages a[lang=" + tag + "]"));
            assertThat(link.getText()).isEqualTo(ui.getProperty("language.name"));
            link.click();
            waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), ui.getProperty("home.heading")));
            assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(tag);
            assertThat(driver.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo(ui.getProperty("language.direction"));
            assertThat(driver.findElement(By.cssSelector("label[for=code]")).getText()).isEqualTo(ui.getProperty("home.code.label"));
            assertThat(driver.findElement(By.cssSelector(".draft-language")).getText()).as("a draft says so")
                    .isEqualTo(ui.getProperty("language.draftNotice"));
            assertThat(driver.findElement(By.id("code")).getAttribute("value")).isEqualTo(code);
            assertThat(driver.getCurrentUrl()).doesNotContain(code);
            Browser.screenshot(driver, "language-" + tag + "-start-phone");
            driver.findElement(By.cssSelector("form.code-form button[type=submit]")).click();

            waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
            assertThat(driver.findElement(By.cssSelector(".progress")).getText()).isEqualTo(text(ui, "survey.progress", 1, 4));
            // the teacher's name kept to itself in each sentence (U+2068 ... U+2069)
            String teacher = driver.findElement(By.tagName("h1")).getText().equals(text(ui, "survey.block.PUPIL_TEACHER", "\u2068Ms Amara Okafor\u2069"))
                    ? "\u2068Ms Amara Okafor\u2069" : "\u2068Mr Ben Hughes\u2069";
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(text(ui, "survey.block.PUPIL_TEACHER", teacher));
            List<WebElement> questions = driver.findElements(By.cssSelector("fieldset.question"));
            java.util.Set<String> itemTexts = new java.util.HashSet<>();
            items.stringPropertyNames().stream().filter(key -> key.startsWith("item.")).forEach(key -> itemTexts.add(text(items, key, teacher)));
            for (WebElement q : questions) {
                assertThat(q.findElement(By.tagName("legend")).getText()).as("a question in " + tag).isIn(itemTexts);
            }
            List<WebElement> options = questions.get(0).findElements(By.cssSelector("label.option span"));
            assertThat(options.get(0).getText()).isEqualTo(items.getProperty("scale.FREQUENCY.0"));
            assertThat(options.get(4).getText()).isEqualTo(items.getProperty("scale.FREQUENCY.4"));
            assertThat(scrollsSideways(390)).as(tag + ": no sideways scrolling on a phone").isFalse();
            if (tag.equals("ar")) {
                // right to left: each option's button sits to the right of its words, the next button on the left
                WebElement first = questions.get(0).findElement(By.cssSelector("label.option"));
                assertThat(first.findElement(By.tagName("input")).getRect().getX())
                        .isGreaterThan(first.findElement(By.tagName("span")).getRect().getX());
                WebElement next = driver.findElement(By.cssSelector("button[name=go][value=next]"));
                assertThat(next.getRect().getX() + next.getRect().getWidth()).isLessThan(200);
            }
            for (WebElement q : questions) {
                q.findElements(By.cssSelector("label.option")).get(3).click();
            }
            waiting().until(ExpectedConditions.textToBe(By.id("save-status"), ui.getProperty("survey.saved")));
            Browser.screenshot(driver, "language-" + tag + "-survey-phone");
            driver.findElement(By.cssSelector("button[name=go][value=next]")).click();
            waiting().until(ExpectedConditions.textToBe(By.cssSelector(".progress"), text(ui, "survey.progress", 2, 4)));
            driver.get(url("/survey/finish"));
            waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), ui.getProperty("survey.finish.title")));
            driver.findElement(By.cssSelector("#submit-form button[type=submit]")).click();
            waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), ui.getProperty("survey.thanks.title")));
            assertThat(driver.findElement(By.tagName("main")).getText()).contains(text(ui, "survey.thanks.receipt", "R-").substring(0, 8));
            Browser.screenshot(driver, "language-" + tag + "-thanks-phone");

            // the code again: refused in the same language
            driver.get(url("/"));
            driver.findElement(By.id("code")).sendKeys(code);
            driver.findElement(By.cssSelector("form.code-form button[type=submit]")).click();
            WebElement alert = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=alert]")));
            assertThat(alert.getText()).isEqualTo(ui.getProperty("survey.error.codeUsed"));
            driver.quit();
            driver = null;
        }
        assertThat(jdbc.sql("select language from response where window_id = ? order by language").param(window.id()).query(String.class).list())
                .as("each response stored with its language").containsExactly("ar", "es", "pl");
    }

    @Test
    void theBrowsersPreferenceIsOfferedAndADraftKeepsItsLanguageOnAnotherDevice() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 6, 6);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        String code = fixtures.codes(window, RespondentRole.PARENT, school.class1()).get(0);
        Properties pl = bundle("messages_pl.properties");
        // a phone set to Polish: the first page is in Polish without choosing
        driver = Browser.start(390, 844, "pl-PL,pl");
        driver.get(url("/"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(pl.getProperty("home.heading"));
        assertThat(driver.findElement(By.cssSelector(".languages a[aria-current=true]")).getText()).isEqualTo("Polski");
        driver.findElement(By.id("code")).sendKeys(code);
        driver.findElement(By.cssSelector("form.code-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(pl.getProperty("survey.block.PARENT_SCHOOL"));
        driver.findElements(By.cssSelector("fieldset.question")).get(0).findElements(By.cssSelector("label.option")).get(2).click();
        waiting().until(ExpectedConditions.textToBe(By.id("save-status"), pl.getProperty("survey.saved")));
        driver.quit();

        // the same code on an English computer: the survey carries on in Polish, as begun
        driver = Browser.start(1280, 900, "en-GB");
        enterCode(code);
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(pl.getProperty("survey.block.PARENT_SCHOOL"));
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("pl");
        // and the person can still switch: the page comes back in English, the answer kept
        driver.findElement(By.cssSelector(".languages a[lang=en]")).click();
        waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "About your child's school"));
        assertThat(driver.findElements(By.cssSelector("fieldset.question")).get(0).findElement(By.cssSelector("input[value='2']")).isSelected()).isTrue();
    }

    @Test
    void staffPagesFollowTheStaffMembersChoiceOnEveryDeviceAndTheTranslatorsPreviewTheSurvey() throws Exception {
        long network = fixtures.network();
        var admin = fixtures.networkAdmin(network);
        fixtures.school(network);
        Properties ar = bundle("messages_ar.properties");
        Properties pl = bundle("messages_pl.properties");
        Properties plItems = bundle("itembank/items_pl.properties");
        driver = Browser.start(390, 844);
        signIn(admin.email(), Fixtures.PASSWORD);
        driver.findElement(By.cssSelector(".languages a[lang=ar]")).click();
        waiting().until(ExpectedConditions.attributeToBe(By.tagName("html"), "dir", "rtl"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(ar.getProperty("staff.title"));
        assertThat(scrollsSideways(390)).isFalse();
        Browser.screenshot(driver, "language-ar-staff-overview-phone");

        // the translators' page, and the whole survey previewed in Polish
        driver.get(url("/staff/translations"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(ar.getProperty("translations.title"));
        Browser.fullPage(driver, "language-ar-translations-phone", 390);
        driver.findElement(By.cssSelector("a[href$='/staff/translations/pl/preview']")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".preview[lang=pl]")));
        WebElement preview = driver.findElement(By.cssSelector(".preview"));
        assertThat(preview.getAttribute("dir")).isEqualTo("ltr");
        assertThat(preview.getText()).contains(pl.getProperty("home.heading"), pl.getProperty("survey.block.PUPIL_SCHOOL"),
                plItems.getProperty("item.ps_bel_1"), plItems.getProperty("scale.AMOUNT.3"));
        assertThat(preview.findElements(By.cssSelector("fieldset.question"))).hasSizeGreaterThan(100);
        Browser.screenshot(driver, "language-pl-preview-phone");
        driver.quit();

        // another device, set to English: the choice was kept with the account
        driver = Browser.start(1280, 900, "en-GB");
        signIn(admin.email(), Fixtures.PASSWORD);
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ar");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(ar.getProperty("staff.title"));
        Browser.screenshot(driver, "language-ar-staff-overview-desktop");
    }

    /**
     * What a phone's camera reads from the QR code as drawn on screen. A loaded machine can hand over a
     * picture taken while the page is still being laid out: up to five pictures are taken, a second
     * apart; the code must be read from one of them.
     */
    static String scan(WebElement qr) throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < 5; attempt++) {
            byte[] png = qr.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
            try {
                return new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                        new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image))), java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, true)).getText();
            } catch (com.google.zxing.ReaderException e) {
                long dark = 0;
                for (int y = 0; y < image.getHeight(); y++) {
                    for (int x = 0; x < image.getWidth(); x++) {
                        dark += (image.getRGB(x, y) & 0xFF) < 128 ? 1 : 0;
                    }
                }
                seen.add(image.getWidth() + "x" + image.getHeight() + " px, " + Math.round(100.0 * dark / (image.getWidth() * image.getHeight())) + "% dark");
                Thread.sleep(1000);
            }
        }
        throw new AssertionError("no QR code read from the pictures taken: " + seen);
    }

    @Autowired
    org.rapport.app.school.RosterService roster;
    @Autowired
    org.rapport.app.school.Schools schools;

    @Test
    void familyLettersPrintInTheFamiliesLanguagesAndTheirQrCodeOpensTheSurveyInIt() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 6, 5);
        // the school's system says two families of 7A read Polish best and one Arabic
        String a = school.teacherA().email();
        roster.importRoster(schools.find(school.schoolId()).orElseThrow(), org.rapport.app.school.RosterCsv.parse((
                "class,class_name,year,pupils,teacher_id,teacher_name,teacher_email,subject,family_languages\n"
                + "7A,Year 7 A,7,6,A,Ms Amara Okafor," + a + ",English,pl:2 ar:1\n").getBytes(StandardCharsets.UTF_8), null));
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        Properties pl = bundle("messages_pl.properties");
        Properties ar = bundle("messages_ar.properties");
        driver = Browser.start(1280, 900);
        signIn(school.admin().email(), Fixtures.PASSWORD);
        driver.get(url("/staff/windows/" + window.id()));
        driver.findElement(By.cssSelector("form[action$='/letters'] button")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article.letter")));
        List<WebElement> letters = driver.findElements(By.cssSelector("article.letter"));
        assertThat(letters).hasSize(6);
        assertThat(letters).extracting(l -> l.getAttribute("lang")).containsExactly("pl", "pl", "ar", "en", "en", "en");
        assertThat(letters.get(0).findElement(By.tagName("h2")).getText()).isEqualTo(text(pl, "letters.heading", "Hillside School").replace("Hillside School", letters.get(0).findElement(By.cssSelector(".meta span")).getText()));
        assertThat(letters.get(2).getAttribute("dir")).isEqualTo("rtl");
        assertThat(letters.get(2).findElement(By.cssSelector("p.small")).getText()).isEqualTo(ar.getProperty("letters.anonymous"));
        driver.executeScript("arguments[0].scrollIntoView()", letters.get(2));
        Browser.screenshot(driver, "family-letter-ar-desktop");

        // the Polish letter's QR code: the survey opens in Polish with the code filled in, the code never sent to the server
        WebElement polish = letters.get(0);
        driver.executeScript("arguments[0].scrollIntoView()", polish);
        String read = scan(polish.findElement(By.cssSelector(".qr-box")));
        String printed = polish.findElement(By.cssSelector(".code")).getText();
        assertThat(read).isEqualTo(url("/?lang=pl#code=" + printed));
        driver.manage().deleteAllCookies();
        driver.get(read);
        waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), pl.getProperty("home.heading")));
        assertThat(driver.findElement(By.id("code")).getAttribute("value")).isEqualTo(printed);
        assertThat(driver.getCurrentUrl()).isEqualTo(url("/?lang=pl"));
    }
}
