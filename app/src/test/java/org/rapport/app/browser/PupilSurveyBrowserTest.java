package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.support.Fixtures;
import org.rapport.app.survey.Session;
import org.rapport.app.survey.Submissions;
import org.rapport.app.survey.SurveySessions;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A pupil on a phone: code, half the answers, reload, the rest, submit, and the code refused after. */
class PupilSurveyBrowserTest extends BrowserTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SurveySessions sessions;
    @Autowired
    Submissions submissions;
    @Autowired
    org.rapport.app.access.Codes codes;

    @Test
    void pupilAnswersHalfReloadsFindsThemKeptFinishesAndCannotReuseTheCode() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 6, 6);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        String code = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(0);
        driver = Browser.start(390, 844);

        enterCode(code);
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("About ");
        assertThat(driver.findElement(By.cssSelector(".progress")).getText()).isEqualTo("Part 1 of 4");
        List<WebElement> first = questions();
        assertThat(first).hasSize(6);
        // every question is a fieldset with a legend, every option a labelled radio button
        for (WebElement q : first) {
            assertThat(q.findElement(By.tagName("legend")).getText()).endsWith("?");
            assertThat(q.findElements(By.cssSelector("label.option input[type=radio]"))).hasSize(5);
        }
        // no horizontal scrolling on a phone
        assertThat(scrollsSideways(390)).isFalse();
        Browser.screenshot(driver, "survey-phone-empty");

        choose(first.get(0), 4);
        choose(first.get(1), 3);
        choose(first.get(2), 2);
        waiting().until(ExpectedConditions.textToBe(By.id("save-status"), "Saved"));
        waiting().until(d -> draftAnswers(code) == 3);
        Browser.screenshot(driver, "survey-phone");
        // an optional comment, labelled, typed by keyboard and kept when the field is left
        WebElement comment = driver.findElement(By.cssSelector("label[for=comment] ~ textarea#comment"));
        assertThat(comment.getAttribute("aria-describedby")).isEqualTo("comment-hint comment-count");
        int limit = Integer.parseInt(comment.getAttribute("maxlength"));
        assertThat(driver.findElement(By.id("comment-count")).getText()).isEqualTo(limit + " characters left of " + limit);
        comment.sendKeys("You explain things really clearly.");
        // the box says how much is left as it is typed (it stopped at its limit without a word)
        assertThat(driver.findElement(By.id("comment-count")).getText()).isEqualTo((limit - 34) + " characters left of " + limit);
        comment.sendKeys(org.openqa.selenium.Keys.TAB);
        waiting().until(d -> "You explain things really clearly.".equals(draftComment(code)));
        Browser.fullPage(driver, "survey-phone-comment", 390);

        driver.navigate().refresh();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
        List<WebElement> reloaded = questions();
        assertThat(checkedValue(reloaded.get(0))).isEqualTo("4");
        assertThat(checkedValue(reloaded.get(1))).isEqualTo("3");
        assertThat(checkedValue(reloaded.get(2))).isEqualTo("2");
        assertThat(checkedValue(reloaded.get(3))).isNull();
        assertThat(driver.findElement(By.id("comment")).getAttribute("value")).isEqualTo("You explain things really clearly.");

        // keyboard: focus the fourth question's first option and pick with the arrow keys
        WebElement radio = reloaded.get(3).findElement(By.cssSelector("input[type=radio]"));
        driver.executeScript("arguments[0].focus()", radio);
        radio.sendKeys(org.openqa.selenium.Keys.ARROW_DOWN);
        assertThat(checkedValue(reloaded.get(3))).isEqualTo("1");
        choose(reloaded.get(4), 0);
        choose(reloaded.get(5), 4);
        driver.findElement(By.cssSelector("button[name=go][value=next]")).click();

        // every question of the first part answered; how many each part has depends on the draw (a small school's pupils
        // get every question about the school)
        int answered = reloaded.size();
        for (int block = 2; block <= 3; block++) {
            waiting().until(ExpectedConditions.textToBe(By.cssSelector(".progress"), "Part " + block + " of 4"));
            for (WebElement q : questions()) {
                choose(q, 3);
                answered++;
            }
            driver.findElement(By.cssSelector("button[name=go][value=next]")).click();
        }
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Ready to send?"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("You answered " + answered + " of " + answered + " questions.");
        driver.findElement(By.cssSelector("#submit-form button[type=submit]")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Thank you!"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Your receipt number is R-");
        Browser.screenshot(driver, "survey-phone-thanks");

        assertThat(jdbc.sql("select count(*) from response where window_id = ?").param(window.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from answer a join response r on r.id = a.response_id where r.window_id = ?")
                .param(window.id()).query(Long.class).single()).isEqualTo((long) answered);
        assertThat(jdbc.sql("select c.body from comment c join response r on r.id = c.response_id where r.window_id = ?")
                .param(window.id()).query(String.class).list()).containsExactly("You explain things really clearly.");
        // the local copy is gone from the browser
        assertThat(driver.executeScript("return window.localStorage.length")).isEqualTo(0L);

        enterCode(code);
        WebElement alert = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=alert]")));
        assertThat(alert.getText()).isEqualTo("This code has already been used, so the answers are in. Thank you for taking part!");
        assertThat(driver.findElement(By.id("code")).getAttribute("aria-invalid")).isEqualTo("true");
        Browser.screenshot(driver, "survey-phone-used-code");

        // the school admin finds the answer counted in the window's response rates
        signIn(school.admin().email(), Fixtures.PASSWORD);
        driver.get(url("/staff/windows/" + window.id()));
        assertThat(driver.findElement(By.cssSelector("ul.totals")).getText()).contains("Pupils: 1 of 6 answered (17%)");
    }

    @Test
    void leaderSeesTheReportAndTeacherTheirOwn() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 9, 8);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        java.util.Random random = new java.util.Random(7);
        for (long classId : List.of(school.class1(), school.class2())) {
            for (String code : fixtures.codes(window, RespondentRole.PUPIL, classId).subList(0, 7)) {
                Session s = sessions.start(code);
                Map<String, Integer> answers = new HashMap<>();
                s.plan().blocks().forEach(b -> b.items().forEach(i -> answers.put(b.key(i).toString(), Math.min(4, 1 + random.nextInt(4)))));
                submissions.submit(code, UUID.randomUUID().toString(), answers, null);
            }
        }
        driver = Browser.start(1280, 900);
        signIn(school.admin().email(), Fixtures.PASSWORD);
        driver.get(url("/staff/windows/" + window.id() + "/report"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Trust map: " + window.name());
        // a new network has no calibration yet: the page says so rather than showing numbers off any scale
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("have not been calibrated yet");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        driver.get(url("/staff/windows/" + window.id()));
        assertThat(driver.findElement(By.cssSelector("ul.totals")).getText()).contains("Pupils: 14 of 17 answered (82%)");
        Browser.fullPage(driver, "window-desktop", 1280);
        driver.get(url("/staff/schools/" + school.schoolId() + "/roster"));
        Browser.fullPage(driver, "roster-desktop", 1280);
        driver.get(url("/staff/windows/" + window.id()));
        driver.findElement(By.cssSelector("input[name=role][value=PARENT] + button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Access codes"));
        assertThat(driver.findElements(By.cssSelector(".slip .code"))).hasSize(17);
        Browser.screenshot(driver, "codes-desktop");
        pages().signOut();

        signIn(school.teacherB().email(), Fixtures.PASSWORD);
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        driver.get(url("/staff/windows/" + window.id() + "/teachers/" + school.teacherB().id() + "/report"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).startsWith("My pupils' feedback");
        Browser.fullPage(driver, "teacher-report-uncalibrated", 1280);
        driver.get(url("/staff/windows/" + window.id() + "/teachers/" + school.teacherA().id() + "/report"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("You are not allowed to see this page.");
    }


    /** The first comment of the code's draft, or null. */
    String draftComment(String code) {
        return jdbc.sql("select jsonb_path_query_first(answers, '$.comments.*') #>> '{}' from survey_draft where code_hash = ?")
                .param(codes.hash(code)).query(String.class).optional().orElse(null);
    }

    long draftAnswers(String code) {
        return jdbc.sql("select count(*) from survey_draft d, jsonb_object_keys(d.answers -> 'answers') k where d.code_hash = ?")
                .param(codes.hash(code)).query(Long.class).single();
    }
}
