package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole loop over two windows, in the browser where people act: results → the head publishes
 * "you said, we did" → a pupil reads it without signing in → a teacher writes a goal and gives their
 * own view → the second window → the teacher sees before and after with the interval of the
 * difference, and their own view beside their pupils'. A second teacher and the head see neither the
 * goal nor the own view. Pupils answer through the same submission path as the survey pages.
 */
class ClosingTheLoopBrowserTest extends BrowserTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    Schools schools;
    @Autowired
    WindowService windows;
    @Autowired
    CalibrationService calibrations;
    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    void pupilsAnswer(SurveyWindow window, List<Long> classes, double level, Random random) {
        for (long classId : classes) {
            List<String> codes = fixtures.codes(window, RespondentRole.PUPIL, classId);
            for (String code : codes.subList(0, 20)) {
                fixtures.answerAround(code, level, random, java.util.Map.of());
            }
        }
    }

    @Test
    void resultsYouSaidWeDidAGoalAndAnOwnViewThenTheNextWindowShowsTheChangeToTheTeacherAlone() throws Exception {
        long network = fixtures.network();
        Fixtures.StaffRoom room = fixtures.staffRoom(network, new int[] {25, 25, 25, 25}, 0);
        var school = schools.find(room.schoolId()).orElseThrow();
        List<StaffMember> teachers = schools.staff(room.schoolId()).stream().filter(s -> !s.leader()).toList();
        StaffUser teacher = fixtures.staffUser(teachers.stream().filter(t -> t.name().equals("Teacher 1")).findFirst().orElseThrow().email());
        StaffUser colleague = fixtures.staffUser(teachers.stream().filter(t -> t.name().equals("Teacher 2")).findFirst().orElseThrow().email());
        Random random = new Random(4);

        SurveyWindow autumn = windows.open(windows.create(school, "Autumn 2026"));
        pupilsAnswer(autumn, room.classes(), 2.0, random);
        windows.close(autumn);
        calibrations.calibrate(network, "Autumn 2026");

        // the head publishes what the school heard, and what it will do
        driver = Browser.start(390, 844);
        signIn(room.admin().email(), Fixtures.PASSWORD);
        driver.get(url("/staff/windows/" + autumn.id()));
        driver.findElement(By.linkText("You said, we did")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("we-will")));
        driver.executeScript("arguments[0].click()", driver.findElement(By.cssSelector("input[name=heard][value='PUPIL_SCHOOL']")));
        driver.findElement(By.id("we-will")).sendKeys("Every class chooses one thing to change in how lessons start.");
        driver.findElement(By.id("by-when")).sendKeys("half term");
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("/you-said/"));
        String address = driver.getCurrentUrl();
        driver.quit();

        // a pupil reads it on their phone without signing in
        driver = Browser.start(390, 844);
        driver.get(address);
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Every class chooses one thing to change", "By: half term",
                "Pupils about the school: ");
        driver.quit();

        // the next window opens; before its results the teacher sets a goal and gives their own view
        SurveyWindow spring = windows.open(windows.create(school, "Spring 2027"));
        driver = Browser.start(390, 844);
        signIn(teacher.email(), Fixtures.PASSWORD);
        driver.get(url("/staff/goals"));
        new Select(driver.findElement(By.id("own-baseline"))).selectByVisibleText("Autumn 2026");
        driver.findElement(By.id("own-plan")).sendKeys("Greet every pupil at the door and ask one of them each lesson how it is going.");
        new Select(driver.findElement(By.id("own-evaluation"))).selectByVisibleText("Spring 2027");
        driver.findElement(By.cssSelector("form[action$='/staff/goals'] button[type=submit]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article.goal")));
        driver.get(url("/staff/windows/" + spring.id()));
        driver.findElement(By.linkText("My own view, before my results")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("fieldset.question")));
        for (WebElement question : driver.findElements(By.cssSelector("fieldset.question"))) {
            List<WebElement> options = question.findElements(By.cssSelector("input[type=radio]"));
            driver.executeScript("arguments[0].click()", options.get(options.size() - 1));
        }
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=status]")));

        // the pupils answer the second window, more trusting than before
        pupilsAnswer(spring, room.classes(), 3.0, random);
        windows.close(spring);

        // the teacher sees before and after with the interval of the difference, and their own view beside their pupils'
        driver.get(url("/staff/goals"));
        WebElement goal = driver.findElement(By.cssSelector("article.goal"));
        assertThat(goal.getText().replaceAll("[\u2068\u2069]", "")).contains("Likely better", "Before (Autumn 2026): ", "After (Spring 2027): ",
                "in brackets, the 90% interval of the change itself");
        Browser.fullPage(driver, "loop-goal-phone", 390);
        driver.get(url("/staff/windows/" + spring.id() + "/teachers/" + teacher.id() + "/report"));
        WebElement own = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[aria-labelledby=self-heading]")));
        assertThat(own.getText()).contains("Your own view beside your pupils'", "Respect", "Voice (listens to me)");
        driver.executeScript("arguments[0].scrollIntoView()", own);
        Browser.screenshot(driver, "loop-own-view-phone");
        assertThat(driver.findElement(By.cssSelector("[aria-labelledby=summary-heading]")).getText().replaceAll("[\u2068\u2069]", ""))
                .contains("In one minute", "Since Autumn 2026", "Pupils about their teachers: ", "likely better",
                        "1 of your goals names this window as the one that will tell: see how it turned out");
        driver.quit();

        // the teacher's own one-page PDF says the same, their own view included, and the view is logged for them
        org.springframework.test.web.servlet.MvcResult pdf = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/staff/windows/" + spring.id() + "/teachers/" + teacher.id() + "/summary.pdf")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(teacher))).andReturn();
        assertThat(pdf.getResponse().getContentType()).isEqualTo("application/pdf");
        String text = org.rapport.app.support.OnePagePdf.read(pdf.getResponse().getContentAsByteArray(), "teacher-summary-pdf");
        assertThat(text).contains("My pupils' feedback: Teacher 1, Spring 2027", "Since Autumn 2026", "likely better",
                "Your own view beside your pupils'");

        // a colleague and the head see neither the goal nor the own view
        for (StaffUser other : List.of(colleague, room.admin())) {
            driver = Browser.start(1280, 900);
            signIn(other.email(), Fixtures.PASSWORD);
            driver.get(url("/staff/goals"));
            assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("Greet every pupil at the door");
            driver.get(url("/staff/windows/" + spring.id() + "/teachers/" + teacher.id() + "/report"));
            assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("Your own view beside your pupils'")
                    .contains("You are not allowed to see this page.");
            driver.quit();
            driver = null;
        }
    }
}
