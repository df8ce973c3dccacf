package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Text pasted from a word processor brings characters the server refuses (a vertical tab for a line break, a bell or an
 * escape from older files). An outside test pasted such a line into a staff form and ended on an error page with the text
 * lost. Now the page takes them out as they arrive and says so beside the field: a vertical tab becomes the line break it
 * was, the others go, and the text is saved as the writer sees it.
 */
class HiddenCharactersBrowserTest extends BrowserTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aPastedLineWithHiddenCharactersIsCleanedBesideTheFieldAndSaved() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 6, 6);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        driver = Browser.start(390, 844);
        signIn(school.teacherA().email(), Fixtures.PASSWORD);
        driver.get(url("/staff/windows/" + window.id() + "/reply"));
        WebElement reply = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("reply-text")));
        reply.click();
        // as a paste arrives: one input event with the whole text
        driver.executeScript("arguments[0].focus(); document.execCommand('insertText', false, arguments[1])", reply,
                "Thank you all.\u000BWe will talk\u0007 about it on Monday.\u001b");
        WebElement notice = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("reply-text-removed")));
        assertThat(notice.getText()).contains("3 hidden characters that cannot be saved (U+000B, U+0007, U+001B) were taken out");
        assertThat(notice.getAttribute("role")).isEqualTo("status");
        assertThat(reply.getAttribute("aria-describedby")).contains("reply-text-removed");
        assertThat(reply.getAttribute("value")).isEqualTo("Thank you all.\nWe will talk about it on Monday.");
        assertThat(scrollsSideways(390)).isFalse();
        Browser.fullPage(driver, "hidden-characters-phone", 390);

        driver.findElement(By.cssSelector("form[action$='/reply'] button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("/reply?saved"));
        String saved = jdbc.sql("select text from teacher_reply where window_id = ? and teacher_id = ?")
                .param(window.id()).param(school.teacherA().id()).query(String.class).single();
        assertThat(saved.replace("\r\n", "\n")).isEqualTo("Thank you all.\nWe will talk about it on Monday.");
    }
}
