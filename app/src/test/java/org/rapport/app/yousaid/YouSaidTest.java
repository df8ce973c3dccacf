package org.rapport.app.yousaid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.ModelRespondent;
import org.rapport.app.support.Readability;

/**
 * "You said, we did" through the API as a school uses it: the released results of a window are
 * offered (a hidden one is not, and citing it is refused), the page is published and read by anyone
 * without signing in, in plain words for pupils and parents, corrected in place when published again, withdrawn and put
 * back, and pointed to from the next survey.
 */
class YouSaidTest extends ApiTest {
    @org.springframework.beans.factory.annotation.Autowired
    org.rapport.app.access.PublishedPages publishedPages;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    @Test
    void aSchoolPublishesWhatItHeardFromReleasedResultsOnlyAndAnyoneReadsIt() throws Exception {
        long network = fixtures.network();
        StaffUser networkAdmin = fixtures.networkAdmin(network);
        Fixtures.StaffRoom room = fixtures.staffRoom(network, new int[] {25, 25, 25, 25}, 0);
        String name = "Autumn " + UUID.randomUUID().toString().substring(0, 6);
        long windowId = call("POST", "/api/v1/schools/" + room.schoolId() + "/windows", Map.of("name", name), room.admin(), 201).get("id").asLong();
        call("POST", "/api/v1/windows/" + windowId + "/open", null, room.admin(), 200);
        SplittableRandom random = new SplittableRandom(3);
        for (JsonNode group : call("POST", "/api/v1/windows/" + windowId + "/codes", Map.of("role", "PUPIL"), room.admin(), 201).get("groups")) {
            for (int k = 0; k < 20; k++) {
                String code = group.get("codes").get(k).asText();
                JsonNode session = call("POST", "/api/v1/survey/session", Map.of("code", code), null, 200);
                assertThat(session.has("youSaid")).as("nothing published yet").isFalse();
                call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", ModelRespondent.answers(session, random.nextGaussian(), random)), null, 200);
            }
        }
        // two leaders answer too: fewer than five, so their relationship is hidden
        List<String> leaderCodes = new ArrayList<>();
        call("POST", "/api/v1/windows/" + windowId + "/codes", Map.of("role", "LEADER"), room.admin(), 201).get("groups").get(0).get("codes")
                .forEach(c -> leaderCodes.add(c.asText()));
        for (String code : leaderCodes) {
            JsonNode session = call("POST", "/api/v1/survey/session", Map.of("code", code), null, 200);
            call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", ModelRespondent.answers(session, 0, random)), null, 200);
        }
        // while the window is open nothing of it is shown, and the survey would call its page "last time you said"
        assertThat(call("POST", "/api/v1/windows/" + windowId + "/you-said", Map.of("heard", List.of(), "weWill", "We will listen",
                "byWhen", "Easter"), room.admin(), 409).toString()).contains("still open");
        call("POST", "/api/v1/windows/" + windowId + "/close?confirm=true", null, room.admin(), 200);
        call("POST", "/api/v1/calibration", Map.of("window", name), networkAdmin, 201);

        // the page's form refused: shown again with what was typed and why, not an error page
        var refused = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/staff/windows/" + windowId + "/you-said")
                .param("heard", "PUPIL_SCHOOL").param("weWill", "We will talk with every class \u202E about it").param("byWhen", "Easter")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(room.admin()))
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("id=\"publish-problem\"", "We will talk with every class", "value=\"Easter\"", "Pupils and parents read:");

        JsonNode options = call("GET", "/api/v1/windows/" + windowId + "/you-said/options", null, room.admin(), 200);
        List<String> keys = options.findValuesAsText("scale");
        assertThat(keys).contains("PUPIL_SCHOOL", "PUPIL_SCHOOL/belonging").doesNotContain("LEADER_STAFF");
        assertThat(options.findValuesAsText("words")).anyMatch(w -> w.matches("Pupils about the school · Belonging: \\d+ \\(\\d+ to \\d+\\)"));
        // a hidden result cannot be cited, and a teacher cannot publish
        call("POST", "/api/v1/windows/" + windowId + "/you-said", Map.of("heard", List.of("LEADER_STAFF"), "weWill", "x", "byWhen", "soon"),
                room.admin(), 400);
        StaffUser teacher = fixtures.staffUser(room.admin().email().replace("head-", "t1-"));
        call("POST", "/api/v1/windows/" + windowId + "/you-said", Map.of("heard", List.of("PUPIL_SCHOOL"), "weWill", "x", "byWhen", "soon"),
                teacher, 403);

        // the page is public: a right-to-left override (or any bidi embedding or isolate) would turn its words around
        for (String bidi : List.of("\u202E", "\u202A", "\u2066", "\u2069")) {
            assertThat(call("POST", "/api/v1/windows/" + windowId + "/you-said", Map.of("heard", List.of("PUPIL_SCHOOL/belonging"),
                    "weWill", "We will " + bidi + "listen", "byWhen", "Easter"), room.admin(), 400).toString()).contains("weWill");
        }
        assertThat(call("POST", "/api/v1/windows/" + windowId + "/you-said", Map.of("heard", List.of("PUPIL_SCHOOL/belonging\u202E"),
                "weWill", "We will listen", "byWhen", "Easter"), room.admin(), 400).toString()).contains("heard");
        JsonNode published = call("POST", "/api/v1/windows/" + windowId + "/you-said", Map.of("heard", List.of("PUPIL_SCHOOL/belonging"),
                "weWill", "Pupils will plan the spring fair, and each class gets a say in one school rule.", "byWhen", "Easter"), room.admin(), 201);
        String path = published.get("path").asText();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as("read without signing in").isEqualTo(200);
        assertThat(page.body()).contains("Pupils will plan the spring fair", "Easter", "Pupils about the school · Belonging: ");
        JsonNode api = call("GET", "/api/v1/you-said/" + published.get("key").asText(), null, null, 200);
        assertThat(api.get("pages")).hasSize(1);
        assertThat(api.get("pages").get(0).get("heard").findValuesAsText("scale")).containsExactly("PUPIL_SCHOOL/belonging");
        assertThat(call("GET", "/api/v1/you-said/not-a-school", null, null, 404).toString()).as("names what was asked for")
                .contains("not-a-school").doesNotContain("page 0");

        // pupils and parents read what was heard in words and shares, no points or intervals (it spoke to children in "52 points
        // (90% interval 51 to 52)" with a standard-deviation footnote); the share is the released result's own answers
        String plain = api.get("pages").get(0).get("heard").get(0).get("plain").asText();
        assertThat(plain).matches("Pupils about the school · Belonging: (about \\d in 10 answers (?:was|were)|almost all answers were|hardly any answers were) .+\\.");
        String body = org.springframework.web.util.HtmlUtils.htmlUnescape(page.body().replaceAll("(?s)<head>.*?</head>", "").replaceAll("<[^>]+>", " "));
        assertThat(body).contains(plain).doesNotContain("points", "interval", "standard deviation");
        assertThat(api.get("pages").get(0).get("heard").get(0).has("words")).as("the public answer: plain words, no figures").isFalse();
        // written for a reading age of about nine: the page's own words (its introduction and what was heard, less the part's
        // name, which is the name every page gives it) at most US grade 4 by Flesch-Kincaid (a reading age is the grade plus five)
        String intro = body.substring(body.indexOf("This is what you told us"), body.indexOf("who said what.") + 14);
        String words = intro + " " + plain.substring(plain.indexOf(": ") + 2);
        System.out.println("Reading grade of the public page's words: " + Readability.grade(words));
        assertThat(Readability.grade(words)).as("%s", words).isLessThanOrEqualTo(4.0);

        // published again: the same page corrected, not a second one (publishing again added a duplicate)
        call("POST", "/api/v1/windows/" + windowId + "/you-said", Map.of("heard", List.of(), "weWill", "Parents' evening with pupils present.",
                "byWhen", "June"), room.admin(), 201);
        JsonNode corrected = call("GET", "/api/v1/you-said/" + published.get("key").asText(), null, null, 200).get("pages");
        assertThat(corrected).hasSize(1);
        assertThat(corrected.get(0).get("weWill").asText()).isEqualTo("Parents' evening with pupils present.");
        assertThat(corrected.get(0).get("heard")).isEmpty();
        assertThat(corrected.get(0).get("updatedOn").isNull()).isFalse();

        // withdrawn: gone from the public address and from the next survey, kept; put back as it was
        call("DELETE", "/api/v1/windows/" + windowId + "/you-said", null, teacher, 403);
        call("DELETE", "/api/v1/windows/" + windowId + "/you-said", null, room.admin(), 204);
        assertThat(call("GET", "/api/v1/you-said/" + published.get("key").asText(), null, null, 200).get("pages")).isEmpty();
        String withdrawn = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(withdrawn).as("withdrawn, not never published").contains("Nothing is shown here at the moment")
                .doesNotContain("Nothing has been published yet");
        assertThat(publishedPages.keyOf(room.schoolId())).as("no slip or letter points to a withdrawn page").isEmpty();
        long another = call("POST", "/api/v1/schools/" + room.schoolId() + "/windows", Map.of("name", "Between " + name), room.admin(), 201)
                .get("id").asLong();
        call("POST", "/api/v1/windows/" + another + "/open", null, room.admin(), 200);
        String between = call("POST", "/api/v1/windows/" + another + "/codes", Map.of("role", "PUPIL"), room.admin(), 201)
                .get("groups").get(0).get("codes").get(0).asText();
        assertThat(call("POST", "/api/v1/survey/session", Map.of("code", between), null, 200).has("youSaid")).as("nothing shown to point to")
                .isFalse();
        call("POST", "/api/v1/windows/" + another + "/close?confirm=true", null, room.admin(), 200);
        call("POST", "/api/v1/windows/" + windowId + "/you-said/restore", null, room.admin(), 204);
        JsonNode back = call("GET", "/api/v1/you-said/" + published.get("key").asText(), null, null, 200).get("pages");
        assertThat(back).hasSize(1);
        assertThat(back.get(0).get("weWill").asText()).isEqualTo("Parents' evening with pupils present.");
        call("DELETE", "/api/v1/windows/" + another + "/you-said", null, room.admin(), 404);

        // teacher 1 replies to their class after this window; teacher 2 does not
        call("PUT", "/api/v1/windows/" + windowId + "/reply", Map.of("text", "You told me lessons feel rushed, so I will leave five minutes for questions."),
                teacher, 200);
        call("PUT", "/api/v1/windows/" + windowId + "/reply", Map.of("text", "x".repeat(601)), teacher, 400);
        call("PUT", "/api/v1/windows/" + windowId + "/reply", Map.of("text", "no"), networkAdmin, 403);

        // the next window's survey points to it
        String next = "Spring " + UUID.randomUUID().toString().substring(0, 6);
        long nextId = call("POST", "/api/v1/schools/" + room.schoolId() + "/windows", Map.of("name", next), room.admin(), 201).get("id").asLong();
        call("POST", "/api/v1/windows/" + nextId + "/open", null, room.admin(), 200);
        JsonNode nextCodes = call("POST", "/api/v1/windows/" + nextId + "/codes", Map.of("role", "PUPIL"), room.admin(), 201).get("groups");
        JsonNode session = null;
        JsonNode otherSession = null;
        for (JsonNode group : nextCodes) {
            JsonNode s = call("POST", "/api/v1/survey/session", Map.of("code", group.get("codes").get(0).asText()), null, 200);
            if (s.get("blocks").findValuesAsText("targetName").contains("Teacher 1")) {
                session = s;
            } else {
                otherSession = s;
            }
        }
        assertThat(session.get("youSaid").asText()).isEqualTo(path);
        // teacher 1's pupils find their reply in the survey; another class does not
        assertThat(session.get("replies").get(Long.toString(teacher.id())).asText()).startsWith("You told me lessons feel rushed");
        assertThat(otherSession.get("replies").toString()).doesNotContain("rushed");
    }
}
