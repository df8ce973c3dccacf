package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

/**
 * A teacher's own view of how their pupils see them is fixed once there are results of theirs to compare it with: a window
 * closed with no answers (or too few) leaves it open to change, and its page says why. Before, closing alone fixed it, and
 * the page said it "stays as you gave it" beside a report with no results (an outside test).
 */
class OwnViewAfterClosingTest extends AppTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    ObjectMapper json;

    @Test
    void aWindowClosedWithNoAnswersLeavesTheOwnViewOpenAndSaysWhy() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 8, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        String self = "/api/v1/windows/" + window.id() + "/self";
        assertThat(status(put(self).with(user(school.teacherA())).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"answers\": {\"pt_res_1\": 3}}"))).isEqualTo(200);
        // the head closes the window with no answers at all
        assertThat(status(post("/api/v1/windows/" + window.id() + "/close").param("confirm", "true").with(user(school.admin()))
                .with(csrf()))).isEqualTo(200);

        JsonNode view = json.readTree(mvc.perform(get(self).with(user(school.teacherA()))).andReturn().getResponse().getContentAsString());
        assertThat(view.get("open").asBoolean()).isTrue();
        assertThat(view.get("lock").asText()).isEqualTo("NONE");
        String page = HtmlUtils.htmlUnescape(mvc.perform(get("/staff/windows/" + window.id() + "/self").with(user(school.teacherA())))
                .andReturn().getResponse().getContentAsString());
        assertThat(page).contains("id=\"closed-without-results\"", "no results of yours to compare with", "Save my view")
                .doesNotContain("so your own view of it stays as you gave it");
        assertThat(page).as("every question can be answered").doesNotContainPattern("<fieldset[^>]*disabled");
        // and it is kept when changed
        assertThat(status(put(self).with(user(school.teacherA())).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"answers\": {\"pt_res_1\": 1}}"))).isEqualTo(200);
        MockHttpServletResponse saved = mvc.perform(post("/staff/windows/" + window.id() + "/self").param("relationship", "PUPIL_TEACHER")
                .param("a.pt_res_1", "2").with(user(school.teacherA())).with(csrf())).andReturn().getResponse();
        assertThat(saved.getStatus()).isEqualTo(302);
        JsonNode after = json.readTree(mvc.perform(get(self).with(user(school.teacherA()))).andReturn().getResponse().getContentAsString());
        assertThat(after.toString()).contains("\"pt_res_1\":2");
    }

    private int status(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        return response.getStatus();
    }
}
