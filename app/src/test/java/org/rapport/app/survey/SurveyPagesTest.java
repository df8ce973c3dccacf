package org.rapport.app.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.util.HtmlUtils;

/**
 * The survey's pages as a respondent meets them. Coming back: the survey carries on where they left off, and says so (it
 * always started again at its first part). Refused input: what a respondent reads when the survey refuses what a page sent: a comment longer than the box takes (a browser
 * without the box's limit sends one) comes back on its own page, the reason in the respondent's language and the comment
 * still in the box, the page's answers kept; the autosave says the same where it says "Saved". Before, a bare error page
 * gave the reason in English, named the field ("comments.PUPIL_SCHOOL") and lost what was written (an insider pass, in a
 * Polish survey).
 */
class SurveyPagesTest extends AppTest {
    private static final Pattern COMMENT = Pattern.compile("name=\"(c\\.[^\"]+)\"");
    private static final Pattern QUESTION = Pattern.compile("name=\"(a\\.[^\"]+)\"");

    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.rapport.app.access.Codes codes;

    @Test
    void aCommentTooLongComesBackOnItsPageInTheRespondentsLanguage() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 8, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        String code = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(0);
        Cookie polish = new Cookie("rapport_lang", "pl");
        MockHttpServletResponse started = mvc.perform(MockMvcRequestBuilders.post("/survey/start").param("code", code)
                .cookie(polish).with(csrf())).andReturn().getResponse();
        assertThat(started.getRedirectedUrl()).isEqualTo("/survey");
        Cookie[] cookies = withLanguage(started.getCookies(), polish);

        // the first page that takes a comment
        int block = 0;
        String page = "";
        Matcher comment = COMMENT.matcher("");
        for (; block < 20; block++) {
            page = mvc.perform(MockMvcRequestBuilders.get("/survey").param("block", Integer.toString(block)).cookie(cookies))
                    .andReturn().getResponse().getContentAsString();
            comment = COMMENT.matcher(page);
            if (comment.find()) {
                break;
            }
        }
        assertThat(comment.hitEnd()).as("a page with a comment box").isFalse();
        String field = comment.group(1);
        Matcher question = QUESTION.matcher(page);
        assertThat(question.find()).isTrue();
        String answer = question.group(1);
        String written = "Za długo. ".repeat(60).strip();

        MockHttpServletResponse refused = mvc.perform(MockMvcRequestBuilders.post("/survey/save").param("block", Integer.toString(block))
                .param(answer, "3").param(field, written).cookie(cookies).with(csrf())).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        String body = HtmlUtils.htmlUnescape(refused.getContentAsString());
        assertThat(body).contains("Komentarz może mieć najwyżej 500 znaków, a ten ma " + written.length())
                .doesNotContain("comments.", "characters");
        assertThat(body).as("the comment is still in its box").contains(written);
        assertThat(body).as("the same page").contains("name=\"" + field + "\"");
        assertThat(checked(body, answer)).as("the page's answer is kept").isEqualTo("3");
        assertThat(jdbc.sql("select count(*) from response where window_id = ?").param(window.id()).query(Long.class).single()).isZero();
        assertThat(draftComments(code)).as("the draft keeps no comment too long").doesNotContain(written);

        // the autosave says it where it says "Saved"
        MockHttpServletResponse autosave = mvc.perform(MockMvcRequestBuilders.post("/survey/autosave").param("block", Integer.toString(block))
                .param(field, written).cookie(cookies).with(csrf())).andReturn().getResponse();
        assertThat(autosave.getStatus()).isEqualTo(400);
        assertThat(autosave.getContentAsString()).startsWith("Komentarz może mieć najwyżej 500 znaków");

        // a page the survey cannot read (a question not of this survey) says so without a field's name, in Polish
        MockHttpServletResponse unreadable = mvc.perform(MockMvcRequestBuilders.post("/survey/save").param("block", Integer.toString(block))
                .param("a.no_such_item", "2").cookie(cookies).with(csrf())).andReturn().getResponse();
        assertThat(unreadable.getStatus()).isEqualTo(400);
        assertThat(HtmlUtils.htmlUnescape(unreadable.getContentAsString())).contains("Czegoś na tej stronie nie udało się odczytać")
                .doesNotContain("no_such_item", "there is no such question");

        // shortened, it is taken
        MockHttpServletResponse taken = mvc.perform(MockMvcRequestBuilders.post("/survey/save").param("block", Integer.toString(block))
                .param(field, written.substring(0, 400)).cookie(cookies).with(csrf())).andReturn().getResponse();
        assertThat(taken.getStatus()).isEqualTo(302);
    }

    /**
     * The school's support text is the school's own words, in whatever language it typed them: inside an Arabic survey
     * it keeps its own direction (an English text laid out right to left moved its full stop and brackets to the wrong
     * end: an outside test).
     */
    @Test
    void theSchoolsSupportTextKeepsItsOwnDirectionInsideAnArabicSurvey() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 8, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        String support = "Talk to Ms Okafor (room 4), or call 0800 1111.";
        MockHttpServletResponse set = mvc.perform(MockMvcRequestBuilders.put("/api/v1/schools/" + school.schoolId() + "/safeguarding")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(school.admin())).with(csrf())
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content("{\"leads\": [" + school.teacherA().id() + "], \"supportText\": \"" + support + "\"}")).andReturn().getResponse();
        assertThat(set.getStatus()).as(set.getContentAsString()).isEqualTo(200);
        String code = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(0);
        Cookie arabic = new Cookie("rapport_lang", "ar");
        MockHttpServletResponse started = mvc.perform(MockMvcRequestBuilders.post("/survey/start").param("code", code)
                .cookie(arabic).with(csrf())).andReturn().getResponse();
        Cookie[] cookies = withLanguage(started.getCookies(), arabic);
        String finish = mvc.perform(MockMvcRequestBuilders.get("/survey/finish").cookie(cookies)).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(finish).contains("dir=\"rtl\"", "إذا كان شيء يقلقك")
                .contains("<p class=\"support-text\" lang=\"\" dir=\"auto\">" + HtmlUtils.htmlEscape(support) + "</p>");
    }

    @Test
    void comingBackCarriesOnWhereTheRespondentLeftOff() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 8, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        String code = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(0);
        Cookie[] cookies = mvc.perform(MockMvcRequestBuilders.post("/survey/start").param("code", code).with(csrf()))
                .andReturn().getResponse().getCookies();
        // the first part answered whole, the second in part
        String first = page(cookies, 0);
        assertThat(first).doesNotContain("id=\"resumed\"");
        MockHttpServletResponse saved = mvc.perform(answering(MockMvcRequestBuilders.post("/survey/save").param("block", "0"), first, -1)
                .cookie(cookies).with(csrf())).andReturn().getResponse();
        assertThat(saved.getRedirectedUrl()).isEqualTo("/survey?block=1");
        String second = page(cookies, 1);
        mvc.perform(answering(MockMvcRequestBuilders.post("/survey/autosave").param("block", "1"), second, 1).cookie(cookies).with(csrf()))
                .andReturn();

        // another day, the code typed again: the second part, with a word of welcome
        Cookie[] again = mvc.perform(MockMvcRequestBuilders.post("/survey/start").param("code", code).with(csrf()))
                .andReturn().getResponse().getCookies();
        String back = mvc.perform(MockMvcRequestBuilders.get("/survey").cookie(again)).andReturn().getResponse().getContentAsString();
        assertThat(back).contains("name=\"block\" value=\"1\"", "id=\"resumed\"", "Welcome back");
        // the second part finished: the next time, the third
        mvc.perform(answering(MockMvcRequestBuilders.post("/survey/save").param("block", "1"), second, -1).cookie(again).with(csrf()))
                .andReturn();
        String third = mvc.perform(MockMvcRequestBuilders.get("/survey").cookie(again)).andReturn().getResponse().getContentAsString();
        assertThat(third).contains("name=\"block\" value=\"2\"");
        // a part asked for by number is that part, without the welcome
        assertThat(page(again, 0)).contains("name=\"block\" value=\"0\"").doesNotContain("id=\"resumed\"");
    }

    /**
     * Coming back opens the furthest part the respondent went on to with "Save and continue", on the same device or
     * another, whatever they answered on the way. Before, it went by the answers alone: one answer in part 1 and two
     * parts gone past opened part 1 or 2, not part 3 (an outside test).
     */
    @Test
    void comingBackOpensTheFurthestPartGoneOnTo() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 8, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        List<String> codes = fixtures.codes(window, RespondentRole.PUPIL, school.class1());
        String code = codes.get(0);
        Cookie[] cookies = mvc.perform(MockMvcRequestBuilders.post("/survey/start").param("code", code).with(csrf()))
                .andReturn().getResponse().getCookies();
        // one question answered in part 1, then "Save and continue" twice: on part 3
        mvc.perform(answering(MockMvcRequestBuilders.post("/survey/save").param("block", "0"), page(cookies, 0), 1)
                .cookie(cookies).with(csrf())).andReturn();
        assertThat(mvc.perform(MockMvcRequestBuilders.post("/survey/save").param("block", "1").cookie(cookies).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/survey?block=2");
        // the code typed again on the same device, and on another: part 3, with the welcome
        Cookie[] same = mvc.perform(MockMvcRequestBuilders.post("/survey/start").param("code", code).cookie(cookies).with(csrf()))
                .andReturn().getResponse().getCookies();
        String here = mvc.perform(MockMvcRequestBuilders.get("/survey").cookie(same)).andReturn().getResponse().getContentAsString();
        assertThat(here).contains("name=\"block\" value=\"2\"", "id=\"resumed\"");
        Cookie[] other = mvc.perform(MockMvcRequestBuilders.post("/survey/start").param("code", code).with(csrf()))
                .andReturn().getResponse().getCookies();
        String there = mvc.perform(MockMvcRequestBuilders.get("/survey").cookie(other)).andReturn().getResponse().getContentAsString();
        assertThat(there).contains("name=\"block\" value=\"2\"", "id=\"resumed\"");
        // gone back to part 1 and left from there: still the furthest part
        mvc.perform(MockMvcRequestBuilders.post("/survey/save").param("block", "1").param("go", "back").cookie(other).with(csrf())).andReturn();
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/survey").cookie(other)).andReturn().getResponse().getContentAsString())
                .contains("name=\"block\" value=\"2\"");

        // another pupil: one answer in part 1, "Save and continue" once, then another browser: part 2
        String second = codes.get(1);
        Cookie[] first = mvc.perform(MockMvcRequestBuilders.post("/survey/start").param("code", second).with(csrf()))
                .andReturn().getResponse().getCookies();
        mvc.perform(answering(MockMvcRequestBuilders.post("/survey/save").param("block", "0"), page(first, 0), 1)
                .cookie(first).with(csrf())).andReturn();
        Cookie[] fresh = mvc.perform(MockMvcRequestBuilders.post("/survey/start").param("code", second).with(csrf()))
                .andReturn().getResponse().getCookies();
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/survey").cookie(fresh)).andReturn().getResponse().getContentAsString())
                .contains("name=\"block\" value=\"1\"", "id=\"resumed\"");
    }

    @Test
    void aSurveyWithNothingAnsweredIsNotSentAndTheCodeStillWorks() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 8, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        String code = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(0);
        Cookie[] cookies = mvc.perform(MockMvcRequestBuilders.post("/survey/start").param("code", code).with(csrf()))
                .andReturn().getResponse().getCookies();
        String finish = mvc.perform(MockMvcRequestBuilders.get("/survey/finish").cookie(cookies)).andReturn().getResponse().getContentAsString();
        assertThat(HtmlUtils.htmlUnescape(finish)).contains("id=\"nothing-to-send\"", "there is nothing to send", "Start answering")
                .doesNotContain("id=\"submit-form\"");
        // sent all the same (a page kept open while the answers were cleared on another device): back to that page, nothing stored
        MockHttpServletResponse sent = mvc.perform(MockMvcRequestBuilders.post("/survey/submit")
                .param("idempotencyKey", java.util.UUID.randomUUID().toString()).cookie(cookies).with(csrf())).andReturn().getResponse();
        assertThat(sent.getRedirectedUrl()).isEqualTo("/survey/finish");
        assertThat(jdbc.sql("select count(*) from response where window_id = ?").param(window.id()).query(Long.class).single()).isZero();
        // one answer, and it goes; the code is then used
        String first = page(cookies, 0);
        mvc.perform(answering(MockMvcRequestBuilders.post("/survey/save").param("block", "0"), first, 1).cookie(cookies).with(csrf())).andReturn();
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/survey/finish").cookie(cookies)).andReturn().getResponse().getContentAsString())
                .contains("id=\"submit-form\"").doesNotContain("id=\"nothing-to-send\"");
        assertThat(mvc.perform(MockMvcRequestBuilders.post("/survey/submit").param("idempotencyKey", java.util.UUID.randomUUID().toString())
                .cookie(cookies).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from response where window_id = ?").param(window.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aCommentThatShowsNothingIsNothingToSend() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 8, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        String code = fixtures.codes(window, RespondentRole.PUPIL, school.class1()).get(0);
        Cookie[] cookies = mvc.perform(MockMvcRequestBuilders.post("/survey/start").param("code", code).with(csrf()))
                .andReturn().getResponse().getCookies();
        // the page's comment box filled with characters that show nothing, and nothing answered
        int block = 0;
        Matcher comment = COMMENT.matcher("");
        for (; block < 20 && !comment.find(); block++) {
            comment = COMMENT.matcher(page(cookies, block));
        }
        assertThat(comment.hitEnd()).as("a page with a comment box").isFalse();
        mvc.perform(MockMvcRequestBuilders.post("/survey/save").param("block", Integer.toString(block - 1))
                .param(comment.group(1), AnswerValidatorTest.SHOWS_NOTHING).cookie(cookies).with(csrf())).andReturn();
        String finish = mvc.perform(MockMvcRequestBuilders.get("/survey/finish").cookie(cookies)).andReturn().getResponse().getContentAsString();
        assertThat(HtmlUtils.htmlUnescape(finish)).contains("id=\"nothing-to-send\"").doesNotContain("id=\"submit-form\"");
        MockHttpServletResponse sent = mvc.perform(MockMvcRequestBuilders.post("/survey/submit")
                .param("idempotencyKey", java.util.UUID.randomUUID().toString()).cookie(cookies).with(csrf())).andReturn().getResponse();
        assertThat(sent.getRedirectedUrl()).isEqualTo("/survey/finish");
        assertThat(jdbc.sql("select count(*) from response where window_id = ?").param(window.id()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select used from access_code where code_hash = ?").param(codes.hash(code)).query(Boolean.class).single()).isFalse();
    }

    @Test
    void theThankYouPageReloadedShowsItAgainAndSendsNothing() throws Exception {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 8, 5);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        List<String> pupils = fixtures.codes(window, RespondentRole.PUPIL, school.class1());
        // opened before anything was sent, with no survey begun: the start page
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/survey/submit")).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/");
        Cookie[] cookies = mvc.perform(MockMvcRequestBuilders.post("/survey/start").param("code", pupils.get(0)).with(csrf()))
                .andReturn().getResponse().getCookies();
        // a survey begun and not sent: back to it
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/survey/submit").cookie(cookies)).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/survey");
        mvc.perform(answering(MockMvcRequestBuilders.post("/survey/save").param("block", "0"), page(cookies, 0), 1).cookie(cookies).with(csrf()))
                .andReturn();
        MockHttpServletResponse thanks = mvc.perform(MockMvcRequestBuilders.post("/survey/submit")
                .param("idempotencyKey", java.util.UUID.randomUUID().toString()).cookie(cookies).with(csrf())).andReturn().getResponse();
        assertThat(thanks.getStatus()).isEqualTo(200);
        Matcher receipt = Pattern.compile("R-[A-Z0-9]{5}").matcher(thanks.getContentAsString());
        assertThat(receipt.find()).isTrue();
        // the browser's cookies after sending, as it keeps them: reloading the page shows it again, with the same receipt
        java.util.Map<String, Cookie> kept = new java.util.LinkedHashMap<>();
        for (Cookie c : cookies) {
            kept.put(c.getName(), c);
        }
        for (Cookie c : thanks.getCookies()) {
            if (c.getMaxAge() == 0) {
                kept.remove(c.getName());
            } else {
                kept.put(c.getName(), c);
            }
        }
        Cookie[] after = kept.values().toArray(Cookie[]::new);
        MockHttpServletResponse reloaded = mvc.perform(MockMvcRequestBuilders.get("/survey/submit").cookie(after)).andReturn().getResponse();
        assertThat(reloaded.getStatus()).isEqualTo(200);
        assertThat(HtmlUtils.htmlUnescape(reloaded.getContentAsString())).contains("Thank you", receipt.group())
                .doesNotContain("not possible here");
        assertThat(jdbc.sql("select count(*) from response where window_id = ?").param(window.id()).query(Long.class).single()).isEqualTo(1);
        // the next pupil at this browser starts their own survey: the last one's page is not theirs
        Cookie[] next = mvc.perform(MockMvcRequestBuilders.post("/survey/start").param("code", pupils.get(1)).cookie(after).with(csrf()))
                .andReturn().getResponse().getCookies();
        assertThat(java.util.Arrays.stream(next).filter(c -> c.getName().equals("rapport_sent")).findFirst()).get()
                .satisfies(c -> assertThat(c.getMaxAge()).isZero());
    }

    /** The comments of the code's draft, as stored. */
    private String draftComments(String code) {
        return jdbc.sql("select coalesce((select answers::text from survey_draft where code_hash = ?), '')").param(codes.hash(code))
                .query(String.class).single();
    }

    private String page(Cookie[] cookies, int block) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get("/survey").param("block", Integer.toString(block)).cookie(cookies))
                .andReturn().getResponse().getContentAsString();
    }

    /** The request with the page's questions answered (the first {@code count}, or all for -1), each with option 2. */
    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder answering(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String page, int count) {
        Matcher question = QUESTION.matcher(page);
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        while (question.find()) {
            names.add(question.group(1));
        }
        assertThat(names).hasSizeGreaterThan(1);
        names.stream().limit(count < 0 ? names.size() : count).forEach(n -> request.param(n, "2"));
        return request;
    }

    private static Cookie[] withLanguage(Cookie[] cookies, Cookie language) {
        List<Cookie> all = new java.util.ArrayList<>(List.of(cookies));
        all.removeIf(c -> c.getName().equals(language.getName()));
        all.add(language);
        return all.toArray(Cookie[]::new);
    }

    /** The value of the checked option of a question on the page, or null. */
    private static String checked(String page, String name) {
        Matcher m = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*>").matcher(page);
        while (m.find()) {
            if (m.group().contains("checked")) {
                Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(m.group());
                return value.find() ? value.group(1) : null;
            }
        }
        return null;
    }
}
