package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Comments pass the privacy engine with the measures: none below the threshold, then all of the
 * released group's, and a comment that arrives one answer later waits with the measure (it would
 * otherwise be the one new pupil's words, recognisable as new).
 */
class CommentsTest extends AppTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    WindowService windows;
    @Autowired
    CalibrationService calibrations;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;

    Fixtures.SchoolSetup school;
    SurveyWindow window;
    List<String> codes;
    final Random random = new Random(11);

    @BeforeEach
    void calibrateOnAnEarlierWindowThenOpenANewOne() {
        school = fixtures.school(fixtures.network(), 40, 5);
        SurveyWindow reference = fixtures.openWindow(school.schoolId());
        List<String> referenceCodes = fixtures.codes(reference, RespondentRole.PUPIL, school.class1());
        for (String code : referenceCodes) {
            answer(code, Map.of());
        }
        windows.close(reference);
        calibrations.calibrate(school.networkId(), reference.name());
        window = fixtures.openWindow(school.schoolId());
        codes = new ArrayList<>(fixtures.codes(window, RespondentRole.PUPIL, school.class1()));
    }

    void answer(String code, Map<String, String> comments) {
        fixtures.answerAroundALevel(code, random, comments);
    }

    void pupilsWrite(int pupils, String prefix) {
        for (int k = 0; k < pupils; k++) {
            answer(codes.remove(0), Map.of("PUPIL_TEACHER@" + school.teacherA().id(), prefix + " about A",
                    "PUPIL_TEACHER@" + school.teacherB().id(), prefix + " about B",
                    "PUPIL_SCHOOL", prefix + " about the school"));
        }
    }

    JsonNode read(String path, StaffUser as) throws Exception {
        return json.readTree(mvc.perform(get(path).with(user(as))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    List<String> teacherComments() throws Exception {
        JsonNode view = read("/api/v1/windows/" + window.id() + "/teachers/" + school.teacherA().id() + "/report", school.teacherA());
        return json.convertValue(view.get("comments"), json.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    @Test
    void commentsWaitForTheThresholdAndForTheNextReleaseAndStayWithTheirTeacher() throws Exception {
        pupilsWrite(4, "early");
        assertThat(teacherComments()).as("four pupils are below the threshold of five").isEmpty();

        pupilsWrite(2, "second");
        assertThat(teacherComments()).containsExactly("early about A", "early about A", "early about A", "early about A",
                "second about A", "second about A");

        pupilsWrite(1, "late");
        assertThat(teacherComments()).as("one more pupil: the measure and its comments stay as first shown")
                .doesNotContain("late about A").hasSize(6);

        pupilsWrite(4, "later");
        assertThat(teacherComments()).as("five newcomers together: shown").contains("late about A", "later about A").hasSize(11)
                .noneMatch(c -> c.contains("about B") || c.contains("school"));
    }

    @Test
    void schoolCommentsAreShownForTheWholeSchoolOnlyAndOnlyWhereRespondentsAreAsked() throws Exception {
        pupilsWrite(6, "pupil");
        JsonNode schoolView = read("/api/v1/windows/" + window.id() + "/relationships/PUPIL_SCHOOL", school.admin());
        assertThat(schoolView.get("takesComments").asBoolean()).isTrue();
        assertThat(schoolView.get("comments")).hasSize(6).allSatisfy(c -> assertThat(c.asText()).isEqualTo("pupil about the school"));
        // a school leader reads no teacher's comments on a school page
        assertThat(schoolView.toString()).doesNotContain("about A", "about B");
        JsonNode staffView = read("/api/v1/windows/" + window.id() + "/relationships/TEACHER_COLLEAGUES", school.admin());
        assertThat(staffView.get("takesComments").asBoolean()).isFalse();
        assertThat(staffView.get("comments")).isEmpty();
    }
}
