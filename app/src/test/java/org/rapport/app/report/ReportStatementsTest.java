package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rapport.app.calibration.CalibrationService;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.support.StatementCounter;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.WindowService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The SQL statements each report page sends, counted at the JDBC connection: first view, warm view
 * and the view after one more answer, for a network of one school and of seven schools with a second
 * window each. The count must stay under a small bound and must not grow with schools, windows or
 * scales (a page that looked a wave up once per scale and past window sent about 130).
 */
class ReportStatementsTest extends AppTest {
    /**
     * The trust map's first view reads two waves: this window's, and for its summary the school's previous one; and it
     * marks the closed windows whose results it shows as seen (one statement: they can no longer be reopened). A school
     * alone in its network also reads the answers of any scale it could not calibrate, for their share of favourable
     * answers (99 statements in the first view, against 95 before; 101 once this stop's other changes were in): a
     * constant, not one per school.
     */
    static final int BOUND = 105;
    static final int SLACK = 3;

    @Autowired
    Fixtures fixtures;
    @Autowired
    WindowService windows;
    @Autowired
    CalibrationService calibrations;
    @Autowired
    MockMvc mvc;

    @Test
    void reportPagesSendFewStatementsWhateverTheSizeOfTheNetwork() throws Exception {
        Map<String, Integer> one = counts(1);
        Map<String, Integer> seven = counts(7);
        assertThat(one.values()).allMatch(n -> n <= BOUND);
        // a few statements of slack for a cache that happened to drop an entry; one statement per school would add six
        seven.forEach((view, n) -> assertThat(n).as(view + " with seven schools and two windows each, against one school: " + one)
                .isLessThanOrEqualTo(one.get(view) + SLACK));
    }

    private Map<String, Integer> counts(int schoolCount) throws Exception {
        long network = fixtures.network();
        Random random = new Random(schoolCount);
        List<Fixtures.SchoolSetup> schools = new ArrayList<>();
        List<SurveyWindow> second = new ArrayList<>();
        for (int i = 0; i < schoolCount; i++) {
            Fixtures.SchoolSetup s = fixtures.school(network, 12, 9);
            schools.add(s);
            SurveyWindow first = fixtures.openWindow(s.schoolId());
            fixtures.codes(first, RespondentRole.PUPIL, null).forEach(c -> fixtures.answerAroundALevel(c, random, Map.of()));
            windows.close(first);
        }
        calibrations.calibrate(network, "Autumn 2026");
        List<String> spare = new ArrayList<>();
        for (Fixtures.SchoolSetup s : schools) {
            SurveyWindow w = fixtures.openWindow(s.schoolId());
            second.add(w);
            List<String> codes = fixtures.codes(w, RespondentRole.PUPIL, null);
            codes.subList(0, 15).forEach(c -> fixtures.answerAroundALevel(c, random, Map.of()));
            spare.add(codes.get(15));
        }
        Fixtures.SchoolSetup school = schools.get(0);
        String base = "/staff/windows/" + second.get(0).id();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("trust map", base + "/report");
        pages.put("relationship", base + "/relationships/PUPIL_TEACHER");
        pages.put("teacher report", base + "/teachers/" + school.teacherB().id() + "/report");
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            out.put(page.getKey() + ", first", view(page.getValue(), page.getKey().equals("teacher report") ? school.teacherB() : school.admin()));
            out.put(page.getKey() + ", warm", view(page.getValue(), page.getKey().equals("teacher report") ? school.teacherB() : school.admin()));
        }
        fixtures.answerAroundALevel(spare.get(0), random, Map.of());
        out.put("trust map, after one answer", view(pages.get("trust map"), school.admin()));
        return out;
    }

    private int view(String path, org.rapport.app.security.StaffUser as) throws Exception {
        StatementCounter.reset();
        int status = mvc.perform(get(path).with(user(as))).andReturn().getResponse().getStatus();
        assertThat(status).as(path).isEqualTo(200);
        return StatementCounter.count();
    }
}
