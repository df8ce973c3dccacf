package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.app.access.Codes;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A parent on a phone, a teacher and a leader at a desk, each with the code of their kind: part of the
 * first page answered, the page reloaded and the answers still there, the rest answered page by page,
 * the survey sent, the code refused afterwards, and the answer counted in the window's response rates
 * on the school admin's page. (The pupil's is {@link PupilSurveyBrowserTest}.)
 */
class RespondentSurveyBrowserTest extends BrowserTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Codes codes;

    @Test
    void aParentOnAPhone() throws Exception {
        takesTheSurvey(RespondentRole.PARENT, 390, 844, "About your child's school", "Families: 1 of 6 answered (17%)");
    }

    @Test
    void aTeacherAtADesk() throws Exception {
        takesTheSurvey(RespondentRole.TEACHER, 1280, 900, "About your colleagues", "Teachers: 1 of 2 answered (50%)");
    }

    @Test
    void aLeaderAtADesk() throws Exception {
        takesTheSurvey(RespondentRole.LEADER, 1280, 900, "About how you lead your staff", "Leaders: 1 of 1 answered (100%)");
    }

    void takesTheSurvey(RespondentRole role, int width, int height, String firstTitle, String rate) throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 6, 6);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        String code = fixtures.codes(window, role, role.perClass() ? school.class1() : null).get(0);
        String name = role.name().toLowerCase() + "-" + (width < 600 ? "phone" : "desktop");
        driver = Browser.start(width, height);

        enterCode(code);
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(firstTitle);
        int parts = role.relationships().size() + 1;
        assertThat(driver.findElement(By.cssSelector(".progress")).getText()).isEqualTo("Part 1 of " + parts);
        assertThat(scrollsSideways(width)).isFalse();
        List<WebElement> first = questions();
        assertThat(first).hasSizeGreaterThanOrEqualTo(2).allSatisfy(q -> {
            assertThat(q.findElement(By.tagName("legend")).getText()).endsWith("?");
            assertThat(q.findElements(By.cssSelector("label.option input[type=radio]"))).hasSize(5);
        });
        // staff are not asked to write comments; families are
        assertThat(driver.findElements(By.id("comment"))).hasSize(role.perClass() ? 1 : 0);

        choose(first.get(0), 4);
        choose(first.get(1), 1);
        waiting().until(ExpectedConditions.textToBe(By.id("save-status"), "Saved"));
        waiting().until(d -> draftAnswers(code) == 2);
        Browser.screenshot(driver, "survey-" + name);

        driver.navigate().refresh();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
        List<WebElement> reloaded = questions();
        assertThat(checkedValue(reloaded.get(0))).isEqualTo("4");
        assertThat(checkedValue(reloaded.get(1))).isEqualTo("1");
        int answered = 2;
        for (WebElement q : reloaded.subList(2, reloaded.size())) {
            choose(q, 2);
            answered++;
        }
        driver.findElement(By.cssSelector("button[name=go][value=next]")).click();
        for (int part = 2; part < parts; part++) {
            waiting().until(ExpectedConditions.textToBe(By.cssSelector(".progress"), "Part " + part + " of " + parts));
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
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Your receipt number is R-", "Your answers have been saved.");
        // thanked once: the heading, not again in the sentence under it
        assertThat(driver.findElement(By.tagName("main")).getText().split("Thank you!", -1)).hasSize(2);
        // whom to talk to is a pupil's: parents and staff are not shown the pupils' support block
        assertThat(driver.findElements(By.id("support-heading"))).isEmpty();
        Browser.screenshot(driver, "survey-" + name + "-thanks");

        assertThat(jdbc.sql("select count(*) from response where window_id = ? and respondent_role = ?").params(window.id(), role.name())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from answer a join response r on r.id = a.response_id where r.window_id = ?")
                .param(window.id()).query(Long.class).single()).isEqualTo(answered);
        assertThat(driver.executeScript("return window.localStorage.length")).isEqualTo(0L);

        enterCode(code);
        WebElement alert = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=alert]")));
        assertThat(alert.getText()).isEqualTo("This code has already been used, so the answers are in. Thank you for taking part!");

        signIn(school.admin().email(), Fixtures.PASSWORD);
        driver.get(url("/staff/windows/" + window.id()));
        assertThat(driver.findElement(By.cssSelector("ul.totals")).getText()).isEqualTo(rate);
    }

    /** How many answers the code's draft holds on the server. */
    long draftAnswers(String code) {
        return jdbc.sql("select coalesce((select count(*) from jsonb_object_keys(answers -> 'answers')), 0) from survey_draft where code_hash = ?")
                .param(codes.hash(code)).query(Long.class).optional().orElse(0L);
    }
}
