package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.TestOidc;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Single sign-on against a real OpenID Connect provider started by the test (mock-oauth2-server):
 * a teacher signs in with their organisation's account and lands as their staff account; an
 * e-mail no account has, and an unverified one, are refused and create nothing; with password
 * sign-in switched off for the network, the password no longer works and single sign-on still does.
 */
class SingleSignOnBrowserTest extends BrowserTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    void signInWithTheProvider() {
        driver.manage().deleteAllCookies();
        driver.get(url("/login"));
        driver.findElement(By.linkText("Sign in with Oakfield accounts")).click();
    }

    long accounts() {
        return jdbc.sql("select count(*) from staff").query(Long.class).single();
    }

    @Test
    void aTeacherSignsInWithTheirOrganisationsAccountAndStrangersAreRefused() throws Exception {
        long network = fixtures.network();
        Fixtures.SchoolSetup school = fixtures.school(network);
        driver = Browser.start(390, 844);

        TestOidc.nextSignIn("amara", Map.of("email", school.teacherA().email().toUpperCase(), "email_verified", true, "name", "Amara"));
        signInWithTheProvider();
        waiting().until(ExpectedConditions.urlContains("/staff"));
        assertThat(driver.findElement(By.cssSelector(".who")).getText()).contains("Ms Amara Okafor");

        long before = accounts();
        TestOidc.nextSignIn("stranger", Map.of("email", "stranger@elsewhere.example", "email_verified", true));
        signInWithTheProvider();
        waiting().until(ExpectedConditions.urlContains("/login?ssoRefused"));
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText()).contains("That account is not on Rapport");
        Browser.screenshot(driver, "sso-refused-phone");
        driver.get(url("/staff"));
        assertThat(driver.getCurrentUrl()).as("signed in as nobody").contains("/login");
        assertThat(accounts()).as("no account made").isEqualTo(before);

        TestOidc.nextSignIn("ben", Map.of("email", school.teacherB().email(), "email_verified", false));
        signInWithTheProvider();
        waiting().until(ExpectedConditions.urlContains("/login?ssoRefused"));
        // Microsoft Entra ID vouches for the address with its optional claim xms_edov instead
        TestOidc.nextSignIn("ben", Map.of("email", school.teacherB().email(), "xms_edov", true));
        signInWithTheProvider();
        waiting().until(ExpectedConditions.urlContains("/staff"));
        assertThat(driver.findElement(By.cssSelector(".who")).getText()).contains("Mr Ben Hughes");

        // the network signs in with its organisation's accounts only
        assertThat(mvc.perform(put("/api/v1/network/sign-in").with(user(fixtures.networkAdmin(network))).contentType(MediaType.APPLICATION_JSON)
                .content("{\"passwordSignIn\": false}")).andReturn().getResponse().getStatus()).isEqualTo(200);
        driver.manage().deleteAllCookies();
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(school.teacherA().email());
        driver.findElement(By.id("password")).sendKeys(Fixtures.PASSWORD);
        driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("/login?error"));
        TestOidc.nextSignIn("amara", Map.of("email", school.teacherA().email(), "email_verified", true));
        signInWithTheProvider();
        waiting().until(ExpectedConditions.urlContains("/staff"));
        assertThat(driver.findElement(By.cssSelector(".who")).getText()).contains("Ms Amara Okafor");
    }
}
