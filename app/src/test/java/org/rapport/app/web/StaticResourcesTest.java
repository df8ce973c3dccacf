package org.rapport.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rapport.app.support.AppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The pages' files are served under their own paths, and only links under those paths go through the resource lookup:
 * a page's other links ({@code /survey/save}, {@code /language?…}) match no resource path, so they are never looked for
 * in the jar (under Spring Boot's "/**" each was, on every page, uncached).
 */
class StaticResourcesTest extends AppTest {
    private static final Pattern LINKED = Pattern.compile("(?:href|src)=\"(/(?:css|js|webjars)/[^\"]+|/[^\"/]+\\.svg)\"");

    @LocalServerPort
    int port;

    @Autowired
    ResourceUrlProvider resources;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyFileTheStartPageLinksIsServed() throws Exception {
        String home = get("/").body();
        List<String> linked = new ArrayList<>();
        Matcher m = LINKED.matcher(home);
        while (m.find()) {
            linked.add(m.group(1));
        }
        assertThat(linked).as(home).anyMatch(l -> l.startsWith("/css/")).anyMatch(l -> l.startsWith("/js/"));
        for (String path : linked) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theSurveysScriptsAreServedAsThePagesAskForThem() throws Exception {
        for (String path : List.of("/js/survey.js", "/css/rapport.css", "/webjars/htmx.org/dist/htmx.min.js")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).isNotBlank();
        }
        // the versionless htmx address resolves to the jar's file, as a page's link does
        assertThat(resources.getForLookupPath("/webjars/htmx.org/dist/htmx.min.js")).startsWith("/webjars/htmx.org/").endsWith("/dist/htmx.min.js");
        assertThat(get("/css/missing.css").statusCode()).isEqualTo(404);
    }

    @Test
    void linksThatAreNoFilesMatchNoResourcePath() {
        PathPatternParser parser = new PathPatternParser();
        for (String link : List.of("/survey/save", "/survey/autosave", "/language", "/staff/windows/1/report", "/")) {
            assertThat(resources.getHandlerMap().keySet()).as(link)
                    .noneMatch(p -> parser.parse(p).matches(org.springframework.http.server.PathContainer.parsePath(link)));
            assertThat(resources.getForLookupPath(link)).as(link).isNull();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
