package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.app.demo.DemoNetwork;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.DemoFixture;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.OnePagePdf;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The summary that opens a school's report, and its one-page PDF, on the demo network: strengths and
 * priorities only where the whole interval is above or below the network, changes since the last
 * window with their verdicts, and a PDF of one page that says the same and what the numbers mean.
 */
class SummaryTest extends AppTest {
    @Autowired
    DemoNetwork demo;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Summaries summaries;
    @Autowired
    Schools schools;
    @Autowired
    Windows windows;
    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;

    long network;

    @BeforeEach
    void demo() throws Exception {
        network = DemoFixture.network(demo);
    }

    @Test
    void theSummarySaysOnlyWhatTheIntervalsHoldAndThePdfIsOnePage() throws Exception {
        long windowId = jdbc.sql("""
                select w.id from survey_window w join school s on s.id = w.school_id
                where s.network_id = ? and s.name = 'Hillcrest Academy' and w.name = 'Summer 2026'""").param(network).query(Long.class).single();
        SurveyWindow window = windows.get(windowId);
        School school = schools.find(window.schoolId()).orElseThrow();
        Summaries.Summary summary = summaries.school(window, school, Locale.ENGLISH);
        assertThat(summary.calibrated()).isTrue();
        assertThat(summary.strengths().size()).isLessThanOrEqualTo(Summaries.MOST);
        assertThat(summary.priorities().size()).isLessThanOrEqualTo(Summaries.MOST);
        // each strength's interval lies wholly above the network, each priority's wholly below
        for (Summaries.Line l : summary.strengths()) {
            int[] n = numbers(l.text());
            assertThat(n[1]).as(l.text()).isGreaterThanOrEqualTo(n[3]);
        }
        for (Summaries.Line l : summary.priorities()) {
            int[] n = numbers(l.text());
            assertThat(n[2]).as(l.text()).isLessThanOrEqualTo(n[3]);
        }
        assertThat(summary.previousWindow()).isEqualTo("Spring 2026");
        assertThat(summary.changes()).isNotEmpty().allSatisfy(c -> assertThat(c.text()).containsPattern(": [+±-]\\d+\\.\\d \\([+±-]\\d+\\.\\d to [+±-]\\d+\\.\\d\\), "));
        assertThat(summary.answered()).isNotEmpty();

        StaffUser head = fixtures.staffUser("head@hillcrest.example");
        String page = mvc.perform(get("/staff/windows/" + windowId + "/report").with(user(head))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("In one minute", "Since \u2068Spring 2026\u2069", "One-page summary (PDF)");
        // the summary and the map open the page: the summary's start (its strengths and priorities), the map, the summary's rest
        // (beside the map on a wide screen), the table after them
        assertThat(page.indexOf("In one minute")).as("the summary's start comes first").isLessThan(page.indexOf("id=\"trust-map\""));
        assertThat(page.indexOf("id=\"trust-map\"")).as("then the map").isLessThan(page.indexOf("Since \u2068Spring 2026\u2069"));
        assertThat(page.indexOf("Since \u2068Spring 2026\u2069")).as("the summary comes before the table").isLessThan(page.indexOf("map-table"));

        // the relationship's page opens the same way, with the changes of its parts
        String relationship = mvc.perform(get("/staff/windows/" + windowId + "/relationships/PARENT_SCHOOL").with(user(head))).andReturn()
                .getResponse().getContentAsString();
        Summaries.Summary parents = summaries.relationship(window, school, org.rapport.app.itembank.Relationship.PARENT_SCHOOL, Locale.ENGLISH);
        assertThat(parents.changes()).extracting(Summaries.Change::label).contains("Parents about the school", "Parents about the school · Openness");
        assertThat(relationship).contains("In one minute", "Since \u2068Spring 2026\u2069", "Parents about the school · Openness: ");
        assertThat(relationship.indexOf("In one minute")).isLessThan(relationship.indexOf("data-vega-spec"));

        // the charts' axes, legends and tooltips in the reader's language (they were English on every page)
        String spanish = mvc.perform(get("/staff/windows/" + windowId + "/relationships/PARENT_SCHOOL").param("lang", "es").with(user(head)))
                .andReturn().getResponse().getContentAsString();
        assertThat(spanish).contains("Puntos Rapport (intervalo del 90\u00a0%)").doesNotContain("Rapport points");
        String map = mvc.perform(get("/staff/windows/" + windowId + "/report").param("lang", "pl").with(user(head))).andReturn().getResponse()
                .getContentAsString();
        assertThat(map).contains("Punkty Rapport").doesNotContain("Rapport points", "Measure (90% interval)");

        MvcResult pdf = mvc.perform(get("/staff/windows/" + windowId + "/summary.pdf").with(user(head))).andReturn();
        assertThat(pdf.getResponse().getStatus()).isEqualTo(200);
        assertThat(pdf.getResponse().getContentType()).isEqualTo("application/pdf");
        // drawn as a picture, to be looked at (docs/screenshots)
        String text = OnePagePdf.read(pdf.getResponse().getContentAsByteArray(), "summary-pdf");
        assertThat(text).contains("Trust survey: Hillcrest Academy, Summer 2026", "Clear strengths", "Since Spring 2026",
                "Groups under the privacy threshold are never shown");
        for (Summaries.Change c : summary.changes()) {
            assertThat(text).contains(c.text().replaceAll("\\s+", " "));
        }
        // in Arabic, right to left with its letters joined (it was English: the renderer had no bidirectional support);
        // the letters come out of the PDF in their joined forms, which compatibility normalisation turns back
        MvcResult arabic = mvc.perform(get("/staff/windows/" + windowId + "/summary.pdf").param("lang", "ar").with(user(head))).andReturn();
        assertThat(arabic.getResponse().getStatus()).isEqualTo(200);
        String arabicText = java.text.Normalizer.normalize(OnePagePdf.read(arabic.getResponse().getContentAsByteArray(), "summary-pdf-ar"),
                java.text.Normalizer.Form.NFKC);
        assertThat(arabicText).contains("استبيان الثقة", "نقاط قوة واضحة", "Hillcrest Academy").doesNotContain("Trust survey", "Clear strengths");

        // another school's admin may not have it
        StaffUser other = fixtures.staffUser("head@riverside.example");
        assertThat(mvc.perform(get("/staff/windows/" + windowId + "/summary.pdf").with(user(other))).andReturn().getResponse().getStatus())
                .isEqualTo(403);
    }

    @Autowired
    TeacherViews teacherViews;

    @Test
    void aTeachersFiguresReadTheSameInTheirSummaryAndInTheirParts() {
        long windowId = jdbc.sql("""
                select w.id from survey_window w join school s on s.id = w.school_id
                where s.network_id = ? and s.name = 'Hillcrest Academy' and w.name = 'Summer 2026'""").param(network).query(Long.class).single();
        SurveyWindow window = windows.get(windowId);
        School school = schools.find(window.schoolId()).orElseThrow();
        int compared = 0;
        for (org.rapport.app.school.StaffMember teacher : schools.staff(school.id())) {
            Summaries.TeacherSummary summary = summaries.teacher(window, school, teacher.id(), true, Locale.ENGLISH);
            Views.TeacherView view = teacherViews.teacher(window, school, teacher, true, true, false, java.util.List.of(), Locale.ENGLISH);
            assertThat(summary.parts()).hasSameSizeAs(view.panels());
            for (int i = 0; i < view.panels().size(); i++) {
                Views.Measure m = view.panels().get(i).measure();
                if (!m.shown()) {
                    continue;
                }
                // "53 (51 to 55)" in the part and "Competence: 53 (51 to 55)" in "In one minute": one rounding, one wording
                assertThat(m.text()).matches("^\\d+ \\(\\d+ to \\d+\\)$");
                assertThat(summary.parts().get(i).text()).as(teacher.name()).endsWith(": " + m.text());
                compared++;
            }
        }
        assertThat(compared).as("teachers' parts shown in the demo").isGreaterThan(20);
    }

    /** The four whole numbers of a summary line: measure, interval's ends, network. */
    static int[] numbers(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(": (\\d+) \\((\\d+) to (\\d+)\\), network (\\d+)$").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))};
    }
}
