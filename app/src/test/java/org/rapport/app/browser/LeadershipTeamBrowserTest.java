package org.rapport.app.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.JsonApi;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.ModelRespondent;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A school's leadership team's views of where the school stands, pooled, beside the school's results,
 * every step through the API: three leaders give their view of how pupils see the school's belonging, two of
 * them of its fairness too; the pupils answer.
 *
 * <p>The attacks, by a leader who knows their own view: (1) read the team's mean before and after a
 * colleague adds theirs, and take the colleague's view as the difference; (2) in a team of two, subtract
 * their own view from the mean. Neither works: nothing is shown while the window is open (views can still
 * change), and nothing for a relationship fewer than three leaders gave a view of. Teachers, network
 * admins and another school's leaders are refused. A leader reads it on the school's report, on a phone
 * and a desktop.
 */
class LeadershipTeamBrowserTest extends BrowserTest {
    @Autowired
    Schools schools;
    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    com.fasterxml.jackson.databind.ObjectMapper json;

    final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    JsonNode call(String method, String path, Object body, StaffUser as, int expected) throws Exception {
        return JsonApi.expect(http, json, port, method, path, body, as, expected);
    }

    @Test
    void theLeadershipTeamsMeanViewShowsToItsLeadersOnceTheWindowIsClosedAndOnlyFromThreeLeaders() throws Exception {
        long network = fixtures.network();
        StaffUser networkAdmin = fixtures.networkAdmin(network);
        Fixtures.StaffRoom room = fixtures.staffRoom(network, new int[] {25, 25, 25, 25}, 0, 1);
        Fixtures.StaffRoom otherSchool = fixtures.staffRoom(network, new int[] {5}, 0);
        List<StaffMember> staff = schools.staff(room.schoolId());
        List<StaffUser> leaders = staff.stream().filter(StaffMember::leader).map(m -> fixtures.staffUser(m.email())).toList();
        assertThat(leaders).hasSize(3);
        StaffUser teacher = fixtures.staffUser(staff.stream().filter(m -> !m.leader()).findFirst().orElseThrow().email());
        String tag = UUID.randomUUID().toString().substring(0, 6);
        SplittableRandom random = new SplittableRandom(21);

        long autumn = window(room, "Autumn " + tag, random);
        call("POST", "/api/v1/windows/" + autumn + "/close?confirm=true", null, room.admin(), 200);
        call("POST", "/api/v1/calibration", Map.of("window", "Autumn " + tag), networkAdmin, 201);

        long spring = call("POST", "/api/v1/schools/" + room.schoolId() + "/windows", Map.of("name", "Spring " + tag), room.admin(), 201)
                .get("id").asLong();
        call("POST", "/api/v1/windows/" + spring + "/open", null, room.admin(), 200);
        // three leaders' views of how pupils see the school's belonging ("a little" to "always"); two of its fairness
        int[] belonging = {1, 3, 4};
        for (int l = 0; l < 3; l++) {
            int v = belonging[l];
            call("PUT", "/api/v1/windows/" + spring + "/self?relationship=PUPIL_SCHOOL",
                    Map.of("answers", Map.of("ps_bel_1", v, "ps_bel_2", v, "ps_bel_3", v, "ps_bel_4", v)), leaders.get(l), 200);
        }
        for (int l = 0; l < 2; l++) {
            call("PUT", "/api/v1/windows/" + spring + "/self?relationship=PUPIL_SCHOOL",
                    Map.of("answers", Map.of("ps_fai_1", 3, "ps_fai_2", 3, "ps_fai_3", 3, "ps_fai_4", 3)), leaders.get(l), 200);
        }
        answer(room, spring, random);

        // attack 1: while the window is open, views can still change, so nothing is shown to difference
        JsonNode open = call("GET", "/api/v1/windows/" + spring + "/self/leadership-team", null, leaders.get(0), 200);
        assertThat(open.get("shown").asBoolean()).isFalse();
        assertThat(open.get("relationships")).isEmpty();

        call("POST", "/api/v1/windows/" + spring + "/close?confirm=true", null, room.admin(), 200);
        call("PUT", "/api/v1/windows/" + spring + "/self?relationship=PUPIL_SCHOOL", Map.of("answers", Map.of("ps_bel_1", 0)), leaders.get(2), 409);
        JsonNode team = call("GET", "/api/v1/windows/" + spring + "/self/leadership-team", null, leaders.get(1), 200);
        assertThat(team.get("shown").asBoolean()).isTrue();
        // attack 2: fairness, which only two leaders gave a view of, is not shown at all (the school's result of it is)
        JsonNode parts = team.get("relationships").get("PUPIL_SCHOOL");
        assertThat(parts.findValuesAsText("facet")).containsExactly("belonging");
        assertThat(call("GET", "/api/v1/windows/" + spring + "/self/beside-school", null, leaders.get(0), 200).get("PUPIL_SCHOOL")
                .findValuesAsText("facet")).as("fairness is calibrated and shown").contains("fairness");
        JsonNode part = parts.get(0);
        assertThat(part.get("leaders").asInt()).isEqualTo(3);
        // the team's view is the mean of its leaders' own views, each on the anchored scale, beside the same school result each leader sees
        double sum = 0;
        for (StaffUser leader : leaders) {
            JsonNode own = null;
            for (JsonNode g : call("GET", "/api/v1/windows/" + spring + "/self/beside-school", null, leader, 200).get("PUPIL_SCHOOL")) {
                own = g.get("facet").asText().equals("belonging") ? g : own;
            }
            sum += own.get("self").asDouble();
            assertThat(part.get("school").asDouble()).isCloseTo(own.get("pupils").asDouble(), within(1e-9));
        }
        assertThat(part.get("team").asDouble()).isCloseTo(sum / 3, within(1e-9));
        assertThat(part.get("difference").asDouble()).isCloseTo(part.get("team").asDouble() - part.get("school").asDouble(), within(1e-9));
        assertThat(part.get("schoolLower").asDouble()).isLessThan(part.get("school").asDouble());
        // nothing of any one leader's view, nor of the leaders' spread
        assertThat(part.has("lower")).isFalse();
        assertThat(part.toString()).doesNotContain("teacherId", "staff");

        // the page shows it to the leaders beside the school's results
        String page = page("/staff/windows/" + spring + "/report", leaders.get(2));
        assertThat(page).contains("The leadership team", "(3 leaders)");
        assertThat(page("/staff/windows/" + spring + "/report", teacher)).doesNotContain("The leadership team");

        for (int[] size : new int[][] {{1280, 900}, {390, 844}}) {
            driver = Browser.start(size[0], size[1]);
            signIn(leaders.get(2).email(), Fixtures.PASSWORD);
            driver.get(url("/staff/windows/" + spring + "/report"));
            org.openqa.selenium.WebElement section = waiting().until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(
                    org.openqa.selenium.By.cssSelector("[aria-labelledby=team-view-heading]")));
            assertThat(section.getText()).contains("Belonging", "(3 leaders)").doesNotContain("Fairness");
            driver.executeScript("arguments[0].scrollIntoView({block: 'start'})", section);
            Browser.screenshot(driver, "leadership-team-" + (size[0] < 600 ? "phone" : "desktop"));
            driver.quit();
            driver = null;
        }

        // the school's teachers, the network's admins and another school's leaders may not have it
        call("GET", "/api/v1/windows/" + spring + "/self/leadership-team", null, teacher, 403);
        call("GET", "/api/v1/windows/" + spring + "/self/leadership-team", null, networkAdmin, 403);
        call("GET", "/api/v1/windows/" + spring + "/self/leadership-team", null, otherSchool.admin(), 403);
    }

    private long window(Fixtures.StaffRoom room, String name, SplittableRandom random) throws Exception {
        long id = call("POST", "/api/v1/schools/" + room.schoolId() + "/windows", Map.of("name", name), room.admin(), 201).get("id").asLong();
        call("POST", "/api/v1/windows/" + id + "/open", null, room.admin(), 200);
        answer(room, id, random);
        return id;
    }

    /** Four in five of each class's pupils answer. */
    private void answer(Fixtures.StaffRoom room, long windowId, SplittableRandom random) throws Exception {
        JsonNode generated = call("POST", "/api/v1/windows/" + windowId + "/codes", Map.of("role", "PUPIL"), room.admin(), 201);
        for (JsonNode group : generated.get("groups")) {
            List<String> codes = new ArrayList<>();
            group.get("codes").forEach(c -> codes.add(c.asText()));
            for (String code : codes.subList(0, codes.size() * 4 / 5)) {
                JsonNode session = call("POST", "/api/v1/survey/session", Map.of("code", code), null, 200);
                call("POST", "/api/v1/survey/submit", Map.of("code", code, "answers", ModelRespondent.answers(session, random.nextGaussian(), random)),
                        null, 200);
            }
        }
    }

    /** A staff page as {@code as}, signed in, reads it. */
    private String page(String path, StaffUser as) throws Exception {
        org.springframework.mock.web.MockHttpServletResponse r = mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(as))).andReturn().getResponse();
        assertThat(r.getStatus()).as(path).isEqualTo(200);
        return r.getContentAsString();
    }
}
