package org.rapport.app.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.util.HtmlUtils;

/**
 * A window's name beside the school's others and the network's rounds (an outside test: "summer  2026" was taken next to
 * "Summer 2026", and a network's rounds are joined by their exact name). A new name is kept tidied (no spaces at its ends,
 * one between words); one that reads as a window the school has already, once case, spaces and the form of its characters
 * (Unicode NFKC: full-width letters) are set aside, is refused naming that window, by the API and by the form (which keeps
 * what was typed); one that reads as another school's round without being written as it is, is refused naming the round;
 * written as it is, it joins the round.
 */
class WindowNamesTest extends AppTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ObjectMapper json;
    @Autowired
    Windows windows;

    MockHttpServletResponse api(StaffUser as, long schoolId, String name) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/api/v1/schools/" + schoolId + "/windows").contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Map.of("name", name))).with(user(as))).andReturn().getResponse();
    }

    MockHttpServletResponse form(StaffUser as, long schoolId, String name) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/staff/schools/" + schoolId + "/windows").param("name", name).with(user(as)).with(csrf()))
                .andReturn().getResponse();
    }

    List<String> names(long schoolId) {
        return windows.forSchool(schoolId).stream().map(SurveyWindow::name).sorted().toList();
    }

    @Test
    void aNameThatReadsAsTheSchoolsOrTheNetworksIsRefusedNamingIt() throws Exception {
        long network = fixtures.network();
        Fixtures.SchoolSetup school = fixtures.school(network);
        Fixtures.SchoolSetup other = fixtures.school(network);
        SoftAssertions soft = new SoftAssertions();
        // a new name is kept tidied
        MockHttpServletResponse created = api(school.admin(), school.schoolId(), "  Summer   2026 ");
        assertThat(created.getStatus()).isEqualTo(201);
        soft.assertThat(json.readTree(created.getContentAsString(StandardCharsets.UTF_8)).path("name").asText()).isEqualTo("Summer 2026");
        if (!names(school.schoolId()).contains("Summer 2026")) {
            // as the outside test had it: the tidy name beside the untidy one
            soft.assertThat(api(school.admin(), school.schoolId(), "Summer 2026").getStatus()).isEqualTo(400);
        }
        soft.assertThat(names(school.schoolId())).containsExactly("Summer 2026");
        for (String twin : List.of("summer  2026", "SUMMER 2026", "Summer\u00A02026", "\uFF33\uFF55\uFF4D\uFF4D\uFF45\uFF52 \uFF12\uFF10\uFF12\uFF16",
                "Summer 2026\u3000")) {
            String what = twin.codePoints().mapToObj(c -> c < 127 ? String.valueOf((char) c) : String.format("\\u%04x", c))
                    .reduce("", String::concat);
            MockHttpServletResponse r = api(school.admin(), school.schoolId(), twin);
            String body = r.getContentAsString(StandardCharsets.UTF_8);
            soft.assertThat(r.getStatus()).as("API " + what + ": " + body).isEqualTo(400);
            if (r.getStatus() == 400) {
                JsonNode error = json.readTree(body).path("errors").path(0);
                soft.assertThat(error.path("field").asText()).as(what).isEqualTo("name");
                soft.assertThat(error.path("message").asText()).as(what).contains("already has a window called Summer 2026");
            }
            MockHttpServletResponse page = form(school.admin(), school.schoolId(), twin);
            String html = HtmlUtils.htmlUnescape(page.getContentAsString(StandardCharsets.UTF_8));
            soft.assertThat(page.getStatus()).as("form " + what).isEqualTo(400);
            soft.assertThat(html).as("form " + what).contains("already has a window called Summer 2026").contains("value=\"" + twin + "\"");
        }
        soft.assertThat(names(school.schoolId())).containsExactly("Summer 2026");

        // another school of the network: the round's name as it is joins it; one that only reads like it is refused, naming the round
        MockHttpServletResponse near = api(other.admin(), other.schoolId(), "summer 2026");
        soft.assertThat(near.getStatus()).isEqualTo(400);
        soft.assertThat(near.getContentAsString(StandardCharsets.UTF_8)).contains("survey round is called Summer 2026");
        MockHttpServletResponse nearForm = form(other.admin(), other.schoolId(), "Summer  2026 ");
        soft.assertThat(nearForm.getStatus()).isEqualTo(302);
        soft.assertThat(names(other.schoolId())).as("written as the round is, once tidied, it joins it").containsExactly("Summer 2026");
        soft.assertThat(windows.wave(network, "Summer 2026").windows()).hasSize(2);
        // a name of its own is a window of its own
        soft.assertThat(api(school.admin(), school.schoolId(), "Summer 2026 (resit)").getStatus()).isEqualTo(201);
        soft.assertAll();
    }
}
