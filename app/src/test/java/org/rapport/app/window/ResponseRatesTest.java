package org.rapport.app.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.survey.Session;
import org.rapport.app.survey.Submissions;
import org.rapport.app.survey.SurveySessions;
import org.springframework.beans.factory.annotation.Autowired;

/** Response rates count issued and used codes per class and per role. */
class ResponseRatesTest extends AppTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    SurveySessions sessions;
    @Autowired
    Submissions submissions;
    @Autowired
    ResponseCounts rates;

    @Test
    void usedCodesAreCountedPerClassAndInTotal() {
        Fixtures.SchoolSetup setup = fixtures.school(fixtures.network(), 8, 6);
        SurveyWindow window = fixtures.openWindow(setup.schoolId());
        List<String> codes = fixtures.codes(window, RespondentRole.PUPIL, setup.class1());
        fixtures.codes(window, RespondentRole.PUPIL, setup.class2());
        for (String code : codes.subList(0, 3)) {
            Session s = sessions.start(code);
            Map<String, Integer> answers = new HashMap<>();
            s.plan().blocks().forEach(b -> b.items().forEach(i -> answers.put(b.key(i).toString(), 2)));
            submissions.submit(code, UUID.randomUUID().toString(), answers, null);
        }
        List<ResponseCounts.RateRow> rows = rates.rates(window);
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.group()).isEqualTo("Year 7 A");
            assertThat(row.issued()).isEqualTo(8);
            assertThat(row.used()).isEqualTo(3);
            assertThat(row.percent()).isEqualTo("38%");
        });
        assertThat(ResponseCounts.RateRow.totals(rows)).singleElement().satisfies(total -> {
            assertThat(total.role()).isEqualTo(RespondentRole.PUPIL);
            assertThat(total.issued()).isEqualTo(14);
            assertThat(total.used()).isEqualTo(3);
        });
    }
}
