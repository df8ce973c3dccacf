package org.rapport.app.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.util.HtmlUtils;

/**
 * Every free text of staff with a limit has the survey comment box's counter (an outside test: the goal's plan, the reply to
 * classes, what "you said, we did" will do and by when, and the support text stopped at their limit without a word): the field
 * says its limit (maxlength) and names its counter (data-counter, aria-describedby), the counter carries its text in each
 * plural form of the page's language for the one script that keeps it (js/counter.js, which the survey's comment box uses
 * too: its own copy is gone), and a polite live region says it near the limit.
 */
class CharacterCountersTest extends AppTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    org.rapport.app.window.WindowService windowService;
    @Autowired
    ObjectMapper json;

    record Field(String page, String path, StaffUser as, String id, int max) {
    }

    String page(String path, StaffUser as, String language) throws Exception {
        var request = MockMvcRequestBuilders.get(path).cookie(new Cookie("rapport_lang", language));
        return mvc.perform(as == null ? request : request.with(user(as))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** The start tag of the element with this id. */
    static String tag(String html, String id) {
        Matcher m = Pattern.compile("<[a-z]+[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(html);
        return m.find() ? m.group() : "";
    }

    static String attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
        return m.find() ? HtmlUtils.htmlUnescape(m.group(1)) : null;
    }

    @Test
    void everyLimitedFieldOfStaffHasTheSurveysCounter() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 8, 5);
        // "you said" is written for a window once it has closed
        SurveyWindow closed = windowService.close(fixtures.openWindow(school.schoolId()));
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        fixtures.plannedWindow(school.schoolId(), "Summer 2027");
        List<Field> fields = List.of(
                new Field("goal plan", "/staff/goals", school.teacherA(), "own-plan", 2000),
                new Field("school goal plan", "/staff/goals", school.admin(), "school-plan", 2000),
                new Field("reply to classes", "/staff/windows/" + window.id() + "/reply", school.teacherA(), "reply-text", 600),
                new Field("we will", "/staff/windows/" + closed.id() + "/you-said", school.admin(), "we-will", 3000),
                new Field("by when", "/staff/windows/" + closed.id() + "/you-said", school.admin(), "by-when", 80),
                new Field("support text", "/staff/schools/" + school.schoolId() + "/safeguarding", school.admin(), "support-text", 1000),
                new Field("Arabic support text", "/staff/schools/" + school.schoolId() + "/safeguarding", school.admin(), "support-text-ar", 1000),
                new Field("Polish support text", "/staff/schools/" + school.schoolId() + "/safeguarding", school.admin(), "support-text-pl", 1000));
        // each whole-number form of the language (Polish "other" is for fractions only)
        Map<String, List<String>> forms = Map.of("en", List.of("one", "other"), "pl", List.of("one", "few", "many"),
                "ar", List.of("zero", "one", "two", "few", "many", "other"), "es", List.of("one", "many", "other"));
        SoftAssertions soft = new SoftAssertions();
        for (String language : List.of("en", "pl", "ar", "es")) {
            for (Field f : fields) {
                String what = f.page() + " (" + language + ")";
                String html = page(f.path(), f.as(), language);
                String field = tag(html, f.id());
                soft.assertThat(attribute(field, "maxlength")).as(what + ": " + field).isEqualTo(Integer.toString(f.max()));
                soft.assertThat(attribute(field, "data-counter")).as(what + ": " + field).isEqualTo(f.id() + "-count");
                soft.assertThat(String.valueOf(attribute(field, "aria-describedby")).split(" ")).as(what + ": " + field).contains(f.id() + "-count");
                String counter = tag(html, f.id() + "-count");
                String templates = attribute(counter, "data-templates");
                soft.assertThat(templates).as(what + ": the counter " + counter).isNotNull();
                if (templates != null) {
                    Map<String, String> byForm = json.readValue(templates, new TypeReference<Map<String, String>>() { });
                    soft.assertThat(byForm).as(what).containsOnlyKeys(forms.get(language));
                    soft.assertThat(byForm.get("many") != null ? byForm.get("many") : byForm.get("other")).as(what).contains("{0}", "{1}");
                }
                String live = tag(html, f.id() + "-count-live");
                soft.assertThat(attribute(live, "aria-live")).as(what + ": the live region " + live).isEqualTo("polite");
                soft.assertThat(html).as(what).contains("/js/counter.js");
            }
        }
        // in words, with the count in its plural form: a full box says so
        String reply = page("/staff/windows/" + window.id() + "/reply", school.teacherA(), "en");
        soft.assertThat(reply).contains(">600 characters left of 600<");
        // both numbers written as the language writes them (an outside reader found "2,000 characters left of 2000")
        String goals = page("/staff/goals", school.teacherA(), "en");
        soft.assertThat(goals).contains(">2,000 characters left of 2,000<");
        String polish = page("/staff/windows/" + closed.id() + "/you-said", school.admin(), "pl");
        soft.assertThat(polish).contains(">Pozostało 80 znaków z 80<");

        // the survey's comment box is counted by the same script, and is said near its limit the same way
        String code = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(0);
        Cookie[] cookies = mvc.perform(MockMvcRequestBuilders.post("/survey/start").param("code", code).with(csrf())).andReturn().getResponse()
                .getCookies();
        String survey = "";
        for (int block = 0; block < 6 && !survey.contains("id=\"comment\""); block++) {
            survey = mvc.perform(MockMvcRequestBuilders.get("/survey").param("block", Integer.toString(block)).cookie(cookies)).andReturn()
                    .getResponse().getContentAsString(StandardCharsets.UTF_8);
        }
        soft.assertThat(attribute(tag(survey, "comment"), "data-counter")).isEqualTo("comment-count");
        soft.assertThat(attribute(tag(survey, "comment-count-live"), "aria-live")).isEqualTo("polite");
        soft.assertThat(survey).contains("/js/counter.js");
        soft.assertThat(new ClassPathResource("static/js/survey.js").getContentAsString(StandardCharsets.UTF_8))
                .as("one script counts, no copy of it").doesNotContain("PluralRules", "comment-count");
        soft.assertAll();
    }
}
