package org.rapport.app.yousaid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rapport.app.school.SchoolSettings;
import org.rapport.app.school.Schools;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.ApiTest;
import org.rapport.app.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Text staff write for pupils and parents to read (a teacher's reply to their classes, the school's support text, a
 * window's name) refuses a bidirectional embedding, override or isolate, which would make it show differently from what
 * was typed (a right-to-left override turns the words after it around): the API answers 400 naming the field, the
 * character and its position; the form comes back with the text as typed and the error beside it; nothing is stored.
 */
class BidiTextTest extends ApiTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    Schools schools;
    @Autowired
    SchoolSettings settings;

    static final List<String> CONTROLS = List.of("\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069");

    record Setup(Fixtures.StaffRoom room, StaffUser teacher, long window) {
    }

    Setup setup() throws Exception {
        long network = fixtures.network();
        Fixtures.StaffRoom room = fixtures.staffRoom(network, 1, 5);
        StaffUser teacher = fixtures.staffUser(schools.staff(room.schoolId()).stream().filter(m -> m.name().equals("Teacher 1"))
                .findFirst().orElseThrow().email());
        long window = call("POST", "/api/v1/schools/" + room.schoolId() + "/windows", Map.of("name", "Autumn"), room.admin(), 201).get("id").asLong();
        return new Setup(room, teacher, window);
    }

    String replyPage(Setup s) throws Exception {
        return mvc.perform(get("/staff/windows/" + s.window() + "/reply").with(user(s.teacher()))).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aReplyWithABidiControlIsRefusedThroughTheApiNamingItsPlaceAndNothingIsStored() throws Exception {
        Setup s = setup();
        String kept = "You told me lessons feel rushed, so I will leave five minutes for questions.";
        call("PUT", "/api/v1/windows/" + s.window() + "/reply", Map.of("text", kept), s.teacher(), 200);
        for (String control : CONTROLS) {
            String typed = "I will " + control + "listen";
            JsonNode problem = call("PUT", "/api/v1/windows/" + s.window() + "/reply", Map.of("text", typed), s.teacher(), 400);
            JsonNode error = problem.get("errors").get(0);
            assertThat(error.get("field").asText()).isEqualTo("text");
            assertThat(error.get("character").asText()).isEqualTo(String.format("U+%04X", (int) control.charAt(0)));
            assertThat(error.get("position").asInt()).as("from 1: after 'I will '").isEqualTo(8);
            assertThat(error.get("message").asText()).contains("This text", String.format("U+%04X", (int) control.charAt(0)), "position 8");
        }
        // the marks right-to-left writing needs are kept
        String arabic = "\u200Fقلتم لي إن الدروس سريعة، لذلك سأترك خمس دقائق للأسئلة.";
        assertThat(call("PUT", "/api/v1/windows/" + s.window() + "/reply", Map.of("text", arabic), s.teacher(), 200).get("text").asText())
                .isEqualTo(arabic);
        call("PUT", "/api/v1/windows/" + s.window() + "/reply", Map.of("text", kept), s.teacher(), 200);
        String spoof = "I will \u202Eseton ruoy kram";
        call("PUT", "/api/v1/windows/" + s.window() + "/reply", Map.of("text", spoof), s.teacher(), 400);
        assertThat(replyPage(s)).contains(kept).doesNotContain("\u202E");
    }

    @Test
    void theReplyFormComesBackWithTheTextAsTypedAndTheErrorOnTheField() throws Exception {
        Setup s = setup();
        String typed = "Merci \u2067beaucoup";
        MockHttpServletResponse refused = mvc.perform(post("/staff/windows/" + s.window() + "/reply").param("text", typed)
                .with(user(s.teacher())).with(csrf())).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        String page = refused.getContentAsString();
        assertThat(page).contains(typed, "aria-invalid=\"true\"", "id=\"reply-error\"", "Nothing was saved", "U+2067", "position 7");
        assertThat(replyPage(s)).doesNotContain("Merci");
        // in the reader's language
        String polish = mvc.perform(post("/staff/windows/" + s.window() + "/reply").param("text", typed).param("lang", "pl")
                .with(user(s.teacher())).with(csrf())).andReturn().getResponse().getContentAsString();
        assertThat(polish).contains("zmieniający kierunek pisma", "na pozycji 7");
        // a clean reply is saved as before
        assertThat(mvc.perform(post("/staff/windows/" + s.window() + "/reply").param("text", "Merci beaucoup").with(user(s.teacher())).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl()).endsWith("/reply?saved");
        assertThat(replyPage(s)).contains("Merci beaucoup");
    }

    @Test
    void theSupportTextAndAWindowsNameRefuseThemToo() throws Exception {
        Setup s = setup();
        long school = s.room().schoolId();
        String path = "/api/v1/schools/" + school + "/safeguarding";
        call("PUT", path, Map.of("leads", List.of(), "supportText", "Talk to Ms Patel in room 12."), s.room().admin(), 200);
        JsonNode problem = call("PUT", path, Map.of("leads", List.of(), "supportText", "Talk to \u202Eevil"), s.room().admin(), 400);
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("supportText");
        assertThat(problem.get("errors").get(0).get("position").asInt()).isEqualTo(9);
        assertThat(settings.supportText(school)).contains("Talk to Ms Patel in room 12.");

        MockHttpServletResponse form = mvc.perform(post("/staff/schools/" + school + "/safeguarding").param("supportText", "Room \u2066twelve")
                .with(user(s.room().admin())).with(csrf())).andReturn().getResponse();
        assertThat(form.getStatus()).isEqualTo(400);
        assertThat(form.getContentAsString()).contains("Room \u2066twelve", "This text has a character", "U+2066", "position 6");
        assertThat(settings.supportText(school)).contains("Talk to Ms Patel in room 12.");

        JsonNode window = call("POST", "/api/v1/schools/" + school + "/windows", Map.of("name", "Spring \u202E2027"), s.room().admin(), 400);
        assertThat(window.get("errors").get(0).get("field").asText()).isEqualTo("name");
        assertThat(window.get("errors").get(0).get("message").asText()).contains("U+202E");
        assertThat(call("GET", "/api/v1/schools/" + school + "/windows", null, s.room().admin(), 200).toString()).doesNotContain("Spring");
    }
}
