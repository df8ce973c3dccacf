package org.rapport.app.browser;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rapport.app.support.AppTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A test in headless Chromium against the running application: signing in, typing a code, choosing answers. */
abstract class BrowserTest extends AppTest {
    @LocalServerPort
    int port;

    ChromeDriver driver;

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    /** The pages of this test's browser on this test's server. */
    Pages pages() {
        return new Pages(driver, "http://localhost:" + port);
    }

    String url(String path) {
        return pages().url(path);
    }

    /** See {@link Pages#waiting()}. */
    WebDriverWait waiting() {
        return pages().waiting();
    }

    void signIn(String email, String password) {
        pages().signIn(email, password);
    }

    /** Types a code on the start page as a person might: lower case, with a dash. */
    void enterCode(String code) {
        pages().enterCode(code);
    }

    List<WebElement> questions() {
        return pages().questions();
    }

    void choose(WebElement question, int option) {
        Pages.choose(question, option);
    }

    static String checkedValue(WebElement question) {
        return question.findElements(By.cssSelector("input[type=radio]")).stream()
                .filter(WebElement::isSelected).map(e -> e.getAttribute("value")).findFirst().orElse(null);
    }

    /** Whether the page scrolls sideways (it must not, on a phone either). */
    boolean scrollsSideways(int width) {
        return pages().scrollsSideways(width);
    }
}
