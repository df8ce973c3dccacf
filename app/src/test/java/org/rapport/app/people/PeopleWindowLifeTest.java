package org.rapport.app.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rapport.app.school.Schools;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.MovableClock;
import org.rapport.app.support.OwnClockTest;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.rapport.app.window.Windows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Merging two records is refused while a window of the school is open, and also while a closed one can still be
 * reopened (for a week, until its results are first looked at): its unused codes and saved surveys would take
 * answers again about the teachers as they were. Once it can no longer be reopened, the merge goes ahead. On a
 * clock the test moves.
 */
class PeopleWindowLifeTest extends OwnClockTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    Schools schools;
    @Autowired
    Windows windows;
    @Autowired
    WindowService windowService;
    @Autowired
    MovableClock clock;

    MockHttpServletResponse send(String path, Map<String, Object> body, StaffUser as) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)).with(user(as)).with(csrf()))
                .andReturn().getResponse();
    }

    JsonNode preview(String path, Map<String, Object> body, StaffUser as) throws Exception {
        MockHttpServletResponse r = send(path + "/preview", body, as);
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        return json.readTree(r.getContentAsString());
    }

    @Test
    void aMergeWaitsUntilNoWindowOfTheSchoolCanTakeAnswersAgain() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network());
        String path = "/api/v1/schools/" + school.schoolId() + "/people/" + school.teacherB().id() + "/merge";
        Map<String, Object> body = Map.of("into", school.teacherA().id());
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        assertThat(preview(path, body, school.admin()).get("refusals").toString()).contains("Window " + window.name() + " is open");

        windowService.close(windows.get(window.id()));
        assertThat(windowService.reopening(windows.get(window.id())).allowed()).isTrue();
        JsonNode closed = preview(path, body, school.admin());
        assertThat(closed.get("refusals").toString()).contains("Window " + window.name() + " is closed but can still be reopened (until ",
                "once its results have been looked at");
        assertThat(closed.has("confirm") && !closed.get("confirm").isNull()).as("nothing to confirm").isFalse();
        MockHttpServletResponse forced = send(path, Map.of("into", school.teacherA().id(), "confirm", "0123456789abcdef01234567"), school.admin());
        assertThat(forced.getStatus()).isEqualTo(409);
        assertThat(forced.getContentAsString()).contains("can still be reopened");
        assertThat(schools.findStaff(school.teacherB().id())).as("nothing merged").isPresent();

        clock.move(Duration.ofDays(8));
        try {
            assertThat(windowService.reopening(windows.get(window.id())).allowed()).as("a week on, it can no longer be reopened").isFalse();
            JsonNode later = preview(path, body, school.admin());
            assertThat(later.get("refusals")).as(later.toString()).isEmpty();
            MockHttpServletResponse merged = send(path, Map.of("into", school.teacherA().id(), "confirm", later.get("confirm").asText()), school.admin());
            assertThat(merged.getStatus()).as(merged.getContentAsString()).isEqualTo(200);
            assertThat(schools.findStaff(school.teacherB().id())).isEmpty();
        } finally {
            clock.move(Duration.ofDays(-8));
        }
    }
}
