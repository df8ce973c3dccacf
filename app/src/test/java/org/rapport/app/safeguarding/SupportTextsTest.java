package org.rapport.app.safeguarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

/**
 * A school's support text per language: the school writes one text for every language without its own, and a text for
 * any language its survey is offered in. A pupil reads the text of their survey's language, else the one text, marked
 * as of no known language with its direction found from itself (an English text inside an Arabic survey kept English
 * and had its punctuation turned round: issue 25). A refused save keeps every text typed and changes nothing; the
 * thank-you page sent again shows what it showed.
 */
class SupportTextsTest extends AppTest {
    static final String DEFAULT = "Talk to Ms Okafor (room 4), or call 0800 1111.";
    static final String ARABIC = "تحدث إلى السيدة أوكافور (الغرفة 4)، أو اتصل بالرقم 0800 1111.";
    static final String SPANISH = "Habla con la Sra. Okafor (aula 4), o llama al 0800 1111.";
    private static final Pattern QUESTION = Pattern.compile("name=\"(a\\.[^\"]+)\"");

    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;

    Fixtures.SchoolSetup school;
    SurveyWindow window;
    List<String> codes;

    @BeforeEach
    void aSchoolWithTextsInThreeLanguages() throws Exception {
        school = fixtures.school(fixtures.network(), 6, 6);
        window = fixtures.openWindow(school.schoolId());
        codes = new ArrayList<>(fixtures.codes(window, RespondentRole.PUPIL, school.class1()));
        MockHttpServletResponse r = send(put(api()), school.admin(), Map.of("leads", List.of(school.teacherA().id()), "supportText", DEFAULT,
                "supportTexts", Map.of("ar", ARABIC, "es", SPANISH)));
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
    }

    String api() {
        return "/api/v1/schools/" + school.schoolId() + "/safeguarding";
    }

    @Test
    void theApiKeepsATextPerLanguage() throws Exception {
        JsonNode now = state(school.admin());
        assertThat(now.get("supportText").asText()).isEqualTo(DEFAULT);
        assertThat(json.convertValue(now.get("supportTexts"), Map.class)).isEqualTo(Map.of("ar", ARABIC, "es", SPANISH));
        // leaving supportTexts out leaves them; a blank one is none; {} removes them all
        assertThat(send(put(api()), school.admin(), Map.of("leads", List.of(), "supportText", DEFAULT)).getStatus()).isEqualTo(200);
        assertThat(state(school.admin()).get("supportTexts").size()).isEqualTo(2);
        assertThat(send(put(api()), school.admin(), Map.of("leads", List.of(), "supportText", DEFAULT,
                "supportTexts", Map.of("ar", ARABIC, "es", "  "))).getStatus()).isEqualTo(200);
        assertThat(json.convertValue(state(school.admin()).get("supportTexts"), Map.class)).isEqualTo(Map.of("ar", ARABIC));
        assertThat(send(put(api()), school.admin(), Map.of("leads", List.of(), "supportText", DEFAULT, "supportTexts", Map.of()))
                .getStatus()).isEqualTo(200);
        assertThat(state(school.admin()).get("supportTexts").size()).isZero();
    }

    @Test
    void aPupilReadsTheTextOfTheirSurveysLanguageElseTheOneTextWithItsOwnDirection() throws Exception {
        String arabic = finish(start("ar"));
        assertThat(arabic).contains("<p class=\"support-text\" lang=\"ar\" dir=\"rtl\">" + HtmlUtils.htmlEscape(ARABIC) + "</p>")
                .doesNotContain(HtmlUtils.htmlEscape(DEFAULT));
        String spanish = finish(start("es"));
        assertThat(spanish).contains("<p class=\"support-text\" lang=\"es\" dir=\"ltr\">" + HtmlUtils.htmlEscape(SPANISH) + "</p>");
        // Polish has no text of its own: the one text, of no known language (not "pl"), its direction its own
        String polish = finish(start("pl"));
        assertThat(polish).contains("<p class=\"support-text\" lang=\"\" dir=\"auto\">" + HtmlUtils.htmlEscape(DEFAULT) + "</p>")
                .doesNotContain(HtmlUtils.htmlEscape(ARABIC), HtmlUtils.htmlEscape(SPANISH));
    }

    @Test
    void theThankYouPageShowsTheTextOfTheLanguageAndTheSameTextWhenSentAgain() throws Exception {
        Cookie[] cookies = start("ar");
        String first = survey(cookies);
        MockHttpServletResponse saved = mvc.perform(answering(post("/survey/save").param("block", "0"), first).cookie(cookies).with(csrf()))
                .andReturn().getResponse();
        assertThat(saved.getStatus()).isEqualTo(302);
        String key = UUID.randomUUID().toString();
        MockHttpServletResponse sent = mvc.perform(post("/survey/submit").param("idempotencyKey", key).cookie(cookies).with(csrf()))
                .andReturn().getResponse();
        String thanks = sent.getContentAsString(StandardCharsets.UTF_8);
        String shown = "<p class=\"support-text\" lang=\"ar\" dir=\"rtl\">" + HtmlUtils.htmlEscape(ARABIC) + "</p>";
        assertThat(thanks).contains(shown);
        // the school changes its Arabic text meanwhile: the same submission, sent again, is acknowledged as it was
        assertThat(send(put(api()), school.admin(), Map.of("leads", List.of(), "supportText", DEFAULT, "supportTexts", Map.of("ar", "نص آخر")))
                .getStatus()).isEqualTo(200);
        String again = mvc.perform(post("/survey/submit").param("idempotencyKey", key).cookie(cookies).with(csrf())).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(again).contains(shown).doesNotContain("نص آخر");
        String reloaded = mvc.perform(get("/survey/submit").cookie(sent.getCookies())).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(reloaded).contains(shown);
    }

    @Test
    void aRefusedSaveKeepsEveryTypedTextAndChangesNothing() throws Exception {
        String path = "/staff/schools/" + school.schoolId() + "/safeguarding";
        String page = mvc.perform(get(path).with(user(school.admin()))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        // a box per language, in the language's own name, with its language and direction, and a counter
        assertThat(page).contains("<label for=\"support-text-ar\" lang=\"ar\" dir=\"rtl\">العربية</label>", "id=\"support-text-ar-count\"",
                "name=\"supportText.ar\"", "name=\"supportText.pl\"", "Each language can have its own text.");
        assertThat(HtmlUtils.htmlUnescape(page)).contains(ARABIC, SPANISH);

        String typedDefault = "Talk to Mr Hughes (room 9).";
        String typedPolish = "Porozmawiaj z panem Hughesem (sala 9).";
        String badArabic = "تحدث إلى \u202Eالسيد هيوز";
        MockHttpServletResponse refused = mvc.perform(post(path).param("lead", Long.toString(school.teacherB().id()))
                .param("supportText", typedDefault).param("supportText.ar", badArabic).param("supportText.pl", typedPolish)
                .param("supportText.es", "").with(user(school.admin())).with(csrf())).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        String form = HtmlUtils.htmlUnescape(refused.getContentAsString(StandardCharsets.UTF_8));
        assertThat(form).contains("Nothing was saved", "العربية: This text has a character that changes the direction of writing (U+202E",
                typedDefault, badArabic, typedPolish).doesNotContain(SPANISH);
        assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("aria-invalid=\"true\"");
        JsonNode now = state(school.admin());
        assertThat(now.get("supportText").asText()).isEqualTo(DEFAULT);
        assertThat(json.convertValue(now.get("supportTexts"), Map.class)).isEqualTo(Map.of("ar", ARABIC, "es", SPANISH));
        assertThat(now.get("leads").toString()).as("the leads neither").isEqualTo("[" + school.teacherA().id() + "]");

        // the API: a language the survey is not offered in is named; too long a text is refused; nothing changes
        MockHttpServletResponse unknown = send(put(api()), school.admin(), Map.of("leads", List.of(), "supportText", "changed",
                "supportTexts", Map.of("xx", "something", "es", "cambiado")));
        assertThat(unknown.getStatus()).isEqualTo(400);
        assertThat(unknown.getContentAsString(StandardCharsets.UTF_8)).contains("supportTexts.xx", "'xx' is not a language");
        MockHttpServletResponse tooLong = send(put(api()), school.admin(), Map.of("leads", List.of(), "supportTexts", Map.of("es", "x".repeat(1001))));
        assertThat(tooLong.getStatus()).isEqualTo(400);
        assertThat(tooLong.getContentAsString()).contains("supportTexts.es");
        now = state(school.admin());
        assertThat(now.get("supportText").asText()).isEqualTo(DEFAULT);
        assertThat(json.convertValue(now.get("supportTexts"), Map.class)).isEqualTo(Map.of("ar", ARABIC, "es", SPANISH));

        // and a well-formed save keeps exactly what was typed
        MockHttpServletResponse good = mvc.perform(post(path).param("lead", Long.toString(school.teacherA().id()))
                .param("supportText", typedDefault).param("supportText.ar", ARABIC).param("supportText.pl", typedPolish)
                .param("supportText.es", "").with(user(school.admin())).with(csrf())).andReturn().getResponse();
        assertThat(good.getStatus()).isEqualTo(200);
        assertThat(good.getContentAsString(StandardCharsets.UTF_8)).contains("Saved.");
        assertThat(json.convertValue(state(school.admin()).get("supportTexts"), Map.class)).isEqualTo(Map.of("ar", ARABIC, "pl", typedPolish));
    }

    @Test
    void anotherSchoolsAdminNeitherReadsNorChangesThem() throws Exception {
        Fixtures.SchoolSetup other = fixtures.school(school.networkId(), 5, 5);
        assertThat(mvc.perform(get(api()).with(user(other.admin()))).andReturn().getResponse().getStatus()).isIn(403, 404);
        assertThat(send(put(api()), other.admin(), Map.of("leads", List.of(), "supportText", "x", "supportTexts", Map.of("ar", "x")))
                .getStatus()).isIn(403, 404);
        assertThat(mvc.perform(post("/staff/schools/" + school.schoolId() + "/safeguarding").param("supportText.ar", "x")
                .with(user(other.admin())).with(csrf())).andReturn().getResponse().getStatus()).isIn(403, 404);
        assertThat(mvc.perform(get("/staff/schools/" + school.schoolId() + "/safeguarding").with(user(other.admin()))).andReturn().getResponse()
                .getStatus()).isIn(403, 404);
        assertThat(send(put(api()), school.teacherA(), Map.of("leads", List.of(), "supportTexts", Map.of("ar", "x"))).getStatus()).isEqualTo(403);
        JsonNode now = state(school.admin());
        assertThat(json.convertValue(now.get("supportTexts"), Map.class)).isEqualTo(Map.of("ar", ARABIC, "es", SPANISH));
    }

    JsonNode state(StaffUser as) throws Exception {
        MockHttpServletResponse r = mvc.perform(get(api()).with(user(as))).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(200);
        return json.readTree(r.getContentAsString(StandardCharsets.UTF_8));
    }

    MockHttpServletResponse send(MockHttpServletRequestBuilder request, StaffUser as, Object body) throws Exception {
        return mvc.perform(request.with(user(as)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body)))
                .andReturn().getResponse();
    }

    /** A pupil's survey started in {@code language}: the cookies it goes on with. */
    Cookie[] start(String language) throws Exception {
        Cookie chosen = new Cookie("rapport_lang", language);
        MockHttpServletResponse started = mvc.perform(post("/survey/start").param("code", codes.remove(0)).cookie(chosen).with(csrf()))
                .andReturn().getResponse();
        assertThat(started.getRedirectedUrl()).isEqualTo("/survey");
        List<Cookie> all = new ArrayList<>(List.of(started.getCookies()));
        all.removeIf(c -> c.getName().equals(chosen.getName()));
        all.add(chosen);
        return all.toArray(Cookie[]::new);
    }

    String finish(Cookie[] cookies) throws Exception {
        MockHttpServletResponse r = mvc.perform(get("/survey/finish").cookie(cookies)).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }

    String survey(Cookie[] cookies) throws Exception {
        return mvc.perform(get("/survey").param("block", "0").cookie(cookies)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** The request with every question of the page answered with option 2. */
    static MockHttpServletRequestBuilder answering(MockHttpServletRequestBuilder request, String page) {
        Matcher question = QUESTION.matcher(page);
        Set<String> names = new LinkedHashSet<>();
        while (question.find()) {
            names.add(question.group(1));
        }
        assertThat(names).hasSizeGreaterThan(1);
        names.forEach(n -> request.param(n, "2"));
        return request;
    }
}
