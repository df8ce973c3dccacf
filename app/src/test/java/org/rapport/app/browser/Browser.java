package org.rapport.app.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by its chromedriver: nothing is downloaded. scripts/test installs
 * both when missing; without them this fails rather than skips.
 */
final class Browser {
    static final String CHROMIUM = System.getProperty("rapport.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("rapport.chromedriver", "/usr/bin/chromedriver");

    private Browser() {
    }

    static ChromeDriver start(int width, int height) throws IOException {
        return start(width, height, "en-GB");
    }

    /** A browser whose user prefers {@code language} (its Accept-Language). */
    static ChromeDriver start(int width, int height, String language) throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Chromium and chromedriver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": run scripts/test, which installs them (apt packages chromium and chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        Path profile = Files.createTempDirectory("rapport-chromium-");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=" + language);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        return driver;
    }

    /** Saves a screenshot under target/screenshots; scripts/screenshots copies the ones shown in docs/. */
    static Path screenshot(ChromeDriver driver, String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** A screenshot of the whole page height, for long reports. */
    static Path fullPage(ChromeDriver driver, String name, int width) throws IOException {
        Object height = driver.executeScript("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(width, Math.min(6000, ((Number) height).intValue() + 120)));
        try {
            return screenshot(driver, name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }
}
