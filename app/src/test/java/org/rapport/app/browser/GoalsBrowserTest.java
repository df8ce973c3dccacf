package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.rapport.app.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A teacher on a phone sets a goal of their own from the overview, in their own words, once the window that will tell is
 * planned; a refused goal comes back with what was typed; it waits for its window, seen by the teacher alone.
 */
class GoalsBrowserTest extends BrowserTest {
    @Autowired
    Fixtures fixtures;

    @Test
    void aTeacherSetsAGoalOnAPhoneAndOnlyTheySeeIt() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 6, 6);
        fixtures.openWindow(school.schoolId());
        driver = Browser.start(390, 844);
        signIn(school.teacherA().email(), Fixtures.PASSWORD);
        driver.findElement(By.linkText("Improvement goals")).click();
        waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Improvement goals"));
        // no window after the open one yet: the form says so, and offers nothing to save
        WebElement form = driver.findElement(By.cssSelector("form[action$='/staff/goals']"));
        assertThat(form.getText()).contains("The window that will tell must be planned first");
        assertThat(form.findElements(By.cssSelector("button[type=submit]"))).isEmpty();

        // the head plans the summer window on the overview, without opening it
        signIn(school.admin().email(), Fixtures.PASSWORD);
        driver.findElement(By.cssSelector("input[name=name]")).sendKeys("Summer 2027");
        driver.findElement(By.cssSelector("form[action$='/windows'] button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Summer 2027"));

        // the teacher chooses it from a list; a plan of spaces only is refused, with the rest of the form kept
        signIn(school.teacherA().email(), Fixtures.PASSWORD);
        driver.get(url("/staff/goals"));
        new Select(driver.findElement(By.id("own-facet"))).selectByVisibleText("Voice (listens to me)");
        assertThat(new Select(driver.findElement(By.id("own-baseline"))).getFirstSelectedOption().getText()).isEqualTo("Autumn 2026");
        assertThat(new Select(driver.findElement(By.id("own-evaluation"))).getFirstSelectedOption().getText()).isEqualTo("Summer 2027");
        driver.findElement(By.id("own-plan")).sendKeys("   ");
        driver.findElement(By.cssSelector("form[action$='/staff/goals'] button[type=submit]")).click();
        WebElement alert = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#own-refused[role=alert]")));
        assertThat(alert.getText()).contains("Write the plan in your own words");
        assertThat(new Select(driver.findElement(By.id("own-facet"))).getFirstSelectedOption().getText()).isEqualTo("Voice (listens to me)");
        assertThat(new Select(driver.findElement(By.id("own-evaluation"))).getFirstSelectedOption().getText()).isEqualTo("Summer 2027");
        assertThat(scrollsSideways(390)).isFalse();
        Browser.fullPage(driver, "goals-refused-phone", 390);
        driver.findElement(By.id("own-plan")).clear();
        // the plan's box counts what is left as it is typed, as the survey's comment box does; a screen reader hears it only
        // near the limit (its live region stays empty before)
        WebElement plan = driver.findElement(By.id("own-plan"));
        assertThat(plan.getAttribute("aria-describedby")).contains("own-plan-count");
        plan.sendKeys("x".repeat(20));
        waiting().until(ExpectedConditions.textToBe(By.id("own-plan-count"), "1,980 characters left of 2,000"));
        Thread.sleep(1000);
        assertThat(driver.findElement(By.id("own-plan-count-live")).getAttribute("textContent")).isEmpty();
        driver.executeScript("arguments[0].value = 'x'.repeat(1995)", plan);
        plan.sendKeys("x");
        waiting().until(ExpectedConditions.textToBe(By.id("own-plan-count"), "4 characters left of 2,000"));
        waiting().until(d -> "4 characters left of 2,000".equals(d.findElement(By.id("own-plan-count-live")).getAttribute("textContent")));
        assertThat(driver.findElement(By.id("own-plan-count")).getAttribute("class")).contains("near-limit");
        plan.clear();
        plan.sendKeys("Ask two pupils each lesson what they think, and change one thing they ask for each fortnight.");
        driver.findElement(By.cssSelector("form[action$='/staff/goals'] button[type=submit]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article.goal")));
        // (the windows' names kept to themselves in its sentences: U+2068 and U+2069 around each)
        String card = driver.findElement(By.cssSelector("article.goal")).getText().replaceAll("[\u2068\u2069]", "");
        assertThat(card).contains("Voice (listens to me)", "change one thing they ask for", "From Autumn 2026 to Summer 2027",
                "Summer 2027 has not closed yet");
        assertThat(scrollsSideways(390)).isFalse();
        Browser.fullPage(driver, "goals-teacher-phone", 390);

        // deleted by mistake: the page says it can be restored, lists it below, and puts it back as it was
        driver.findElement(By.cssSelector("article.goal form[action$='/delete'] button")).click();
        WebElement deleted = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("div.notice[role=status]")));
        assertThat(deleted.getText()).contains("Deleted. You can restore it, as it was, for 30 days");
        assertThat(driver.findElement(By.cssSelector("section[aria-labelledby=mine-heading]")).getText()).contains("No goals yet.")
                .doesNotContain("change one thing they ask for");
        WebElement bin = driver.findElement(By.id("deleted"));
        assertThat(bin.getText()).contains("Deleted goals", "change one thing they ask for", "Removed for good on");
        assertThat(scrollsSideways(390)).isFalse();
        Browser.fullPage(driver, "goals-deleted-phone", 390);
        bin.findElement(By.cssSelector("form[action$='/restore'] button")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("div.notice[role=status]"), "Restored, as it was."));
        assertThat(driver.findElement(By.cssSelector("article.goal")).getText().replaceAll("[\u2068\u2069]", "")).contains("change one thing they ask for",
                "From Autumn 2026 to Summer 2027");
        assertThat(driver.findElements(By.id("deleted"))).isEmpty();

        // the colleague and the head see nothing of it
        signIn(school.teacherB().email(), Fixtures.PASSWORD);
        driver.get(url("/staff/goals"));
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("change one thing they ask for");
        signIn(school.admin().email(), Fixtures.PASSWORD);
        driver.get(url("/staff/goals"));
        assertThat(driver.findElement(By.tagName("main")).getText()).doesNotContain("change one thing they ask for")
                .contains("Teachers have set themselves 1 goal.");
        Browser.fullPage(driver, "goals-leader-phone", 390);
    }

    /** The demo's head: Spring and Summer 2026 closed, Autumn 2026 open. Only windows after the chosen start are offered to tell. */
    @Test
    void theWindowThatWillTellIsOfferedOnlyAfterTheOneItStartsFrom() throws Exception {
        org.rapport.app.support.DemoFixture.network(demo);
        driver = Browser.start(390, 844);
        signIn("head@hillcrest.example", org.rapport.app.demo.DemoNetwork.PASSWORD);
        driver.get(url("/staff/goals"));
        Select start = new Select(driver.findElement(By.id("school-baseline")));
        Select teller = new Select(driver.findElement(By.id("school-evaluation")));
        assertThat(start.getFirstSelectedOption().getText()).isEqualTo("Summer 2026");
        assertThat(offered(teller)).containsExactly("Autumn 2026");
        assertThat(teller.getFirstSelectedOption().getText()).isEqualTo("Autumn 2026");
        start.selectByVisibleText("Spring 2026");
        assertThat(offered(teller)).containsExactly("Summer 2026", "Autumn 2026");
        assertThat(teller.getFirstSelectedOption().getText()).isEqualTo("Autumn 2026");
        start.selectByVisibleText("Autumn 2026");
        assertThat(offered(teller)).isEmpty();
        assertThat(teller.getFirstSelectedOption().getAttribute("value")).isEmpty();
    }

    @Autowired
    org.rapport.app.demo.DemoNetwork demo;

    private static java.util.List<String> offered(Select select) {
        return select.getOptions().stream().filter(o -> o.isEnabled() && !o.getAttribute("value").isEmpty()).map(WebElement::getText).toList();
    }
}
