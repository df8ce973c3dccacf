package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a person does in a browser on a running Rapport at {@code base} (its address, without a trailing
 * slash): opening a page, waiting for one to be replaced, signing in, typing a code, choosing an answer.
 */
record Pages(ChromeDriver driver, String base) {

    String url(String path) {
        return base + path;
    }

    /**
     * Waits up to 20 s. A page that a click is replacing can answer a look at it with a stale or
     * "not in the document" error: the wait looks again rather than fail.
     */
    WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.ignoring(org.openqa.selenium.WebDriverException.class);
        // what the page was when the wait gave up, so that a failure on another machine says what it saw
        wait.withMessage(this::whereWeAre);
        return wait;
    }

    /** The address, the heading and the start of the main text of the page now shown (for failure messages). */
    String whereWeAre() {
        try {
            String main = driver.findElements(By.tagName("main")).stream().findFirst().map(WebElement::getText).orElse("(no main)");
            String h1 = driver.findElements(By.tagName("h1")).stream().findFirst().map(WebElement::getText).orElse("(no h1)");
            return "page " + driver.getCurrentUrl() + ", h1 \"" + h1 + "\", main \""
                    + main.substring(0, Math.min(300, main.length())).replace('\n', ' ') + "\"";
        } catch (RuntimeException e) {
            return "page not readable: " + e;
        }
    }

    void signIn(String email, String password) {
        driver.manage().deleteAllCookies();
        for (int attempt = 1; ; attempt++) {
            driver.get(url("/login"));
            // a loaded machine can hand the page over before it is all there
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys(email);
            driver.findElement(By.id("password")).sendKeys(password);
            driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            waiting().until(ExpectedConditions.or(ExpectedConditions.urlContains("/staff"), ExpectedConditions.urlContains("/login?expired")));
            if (driver.getCurrentUrl().contains("/staff")) {
                return;
            }
            // a request of the page before, answered after the cookies were cleared, replaced the form's check token: the form
            // says so and a person signs in again (it answered "You are not allowed to see this page"; CI)
            System.out.println("Sign-in page expired (attempt " + attempt + "), signing in again");
            if (attempt == 3) {
                throw new AssertionError("the sign-in page expired three times in a row: " + whereWeAre());
            }
        }
    }

    /**
     * Signs out with the page's own button and waits for the sign-in page that follows: a test that went on at once
     * could delete the session's cookie while the browser was still sending the form, which the server then refused.
     */
    void signOut() {
        driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        waiting().until(ExpectedConditions.urlContains("/login?signedOut"));
    }

    /** Types a code on the start page as a person might: lower case, with a dash. */
    void enterCode(String code) {
        driver.get(url("/"));
        WebElement input = driver.findElement(By.id("code"));
        assertThat(driver.findElement(By.cssSelector("label[for=code]")).getText()).isEqualTo("Your code");
        input.sendKeys(code.substring(0, 5).toLowerCase() + "-" + code.substring(5));
        driver.findElement(By.cssSelector("form.code-form button[type=submit]")).click();
    }

    List<WebElement> questions() {
        return driver.findElements(By.cssSelector("fieldset.question"));
    }

    static void choose(WebElement question, int option) {
        question.findElements(By.cssSelector("label.option")).get(option).click();
    }

    /** Whether the page scrolls sideways (it must not, on a phone either). */
    boolean scrollsSideways(int width) {
        return ((Number) driver.executeScript("return document.documentElement.scrollWidth")).intValue() > width;
    }
}
