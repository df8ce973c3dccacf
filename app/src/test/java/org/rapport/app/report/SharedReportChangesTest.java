package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.rapport.app.demo.DemoNetwork;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.DemoFixture;
import org.rapport.app.support.Fixtures;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A report the teacher shares tells its readers that window's figures and no more: its changes since an earlier
 * window would give away the earlier window's figures (earlier = this − change), so a reader other than the teacher
 * gets them only once the teacher shares the earlier window's report too, on the page, in the PDF and in the API.
 */
class SharedReportChangesTest extends AppTest {
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

    @Test
    void aSharedReportShowsNoChangeSinceAWindowWhoseReportIsNotShared() throws Exception {
        long network = DemoFixture.network(demo);
        long summer = window(network, "Summer 2026");
        long spring = window(network, "Spring 2026");
        SurveyWindow window = windows.get(summer);
        School school = schools.find(window.schoolId()).orElseThrow();
        // a teacher of the demo whose own report has changes since Spring 2026
        StaffMember teacher = schools.staff(school.id()).stream()
                .filter(t -> !summaries.teacher(window, school, t.id(), true, Locale.ENGLISH).changes().isEmpty())
                .reduce((a, b) -> b).orElseThrow();
        Summaries.Change change = summaries.teacher(window, school, teacher.id(), true, Locale.ENGLISH).changes().get(0);
        StaffUser me = fixtures.staffUser(teacher.email());
        StaffUser head = fixtures.staffUser(schools.staff(school.id()).stream().filter(m -> m.email().startsWith("head@"))
                .findFirst().orElseThrow().email());
        String report = "/staff/windows/" + summer + "/teachers/" + teacher.id();
        try {
            // before sharing, the teacher is told what goes, and that it can be stopped
            String before = mvc.perform(get(report + "/report").with(user(me))).andReturn().getResponse().getContentAsString();
            assertThat(before).contains("Sharing shows your school''s leaders".replace("''", "&#39;"));
            mvc.perform(post(report + "/share").param("share", "true").param("confirm", "true").with(user(me)).with(csrf()));
            assertThat(mvc.perform(get("/api/v1/windows/" + spring + "/teachers/" + teacher.id() + "/report").with(user(head)))
                    .andReturn().getResponse().getStatus()).as("the earlier window stays the teacher's").isEqualTo(403);

            // (the windows' names are kept to themselves in sentences, U+2068 and U+2069 around each: taken out to read the words)
            String page = mvc.perform(get(report + "/report").with(user(head))).andReturn().getResponse().getContentAsString()
                    .replaceAll("[\u2068\u2069]", "");
            assertThat(page).contains(teacher.name()).doesNotContain("Since Spring 2026", change.text());
            String api = mvc.perform(get("/api/v1/windows/" + summer + "/teachers/" + teacher.id() + "/report").with(user(head)))
                    .andReturn().getResponse().getContentAsString();
            assertThat(api).contains(teacher.name()).doesNotContain("Spring 2026", change.text());
            byte[] pdf = mvc.perform(get(report + "/summary.pdf").with(user(head))).andReturn().getResponse().getContentAsByteArray();
            String text = org.rapport.app.support.OnePagePdf.read(pdf, "teacher-shared-pdf");
            assertThat(text).doesNotContain("Since Spring 2026", change.text().replaceAll("\\s+", " "));

            // the teacher still reads their own changes
            String own = mvc.perform(get(report + "/report").with(user(me))).andReturn().getResponse().getContentAsString()
                    .replaceAll("[\u2068\u2069]", "");
            assertThat(own).contains("Since Spring 2026");
            // the view log reads "You, 7 Dec 2026 …", with no space before the comma, however the words are taken from the page
            assertThat(own.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ")).contains("You, ").doesNotContain("You , ");

            // once the earlier window's report is shared too, its changes may be read
            mvc.perform(post("/staff/windows/" + spring + "/teachers/" + teacher.id() + "/share").param("share", "true").param("confirm", "true").with(user(me)).with(csrf()));
            String both = mvc.perform(get(report + "/report").with(user(head))).andReturn().getResponse().getContentAsString()
                    .replaceAll("[\u2068\u2069]", "");
            assertThat(both).contains("Since Spring 2026");
        } finally {
            for (long w : new long[] {summer, spring}) {
                mvc.perform(post("/staff/windows/" + w + "/teachers/" + teacher.id() + "/share").param("share", "false").with(user(me)).with(csrf()));
            }
        }
    }

    long window(long network, String name) {
        return jdbc.sql("""
                select w.id from survey_window w join school s on s.id = w.school_id
                where s.network_id = ? and s.name = 'Hillcrest Academy' and w.name = ?""").params(network, name).query(Long.class).single();
    }
}
