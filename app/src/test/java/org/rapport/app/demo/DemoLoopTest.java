package org.rapport.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.rapport.app.goal.Goals;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.security.StaffUser;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.DemoFixture;
import org.rapport.app.support.Fixtures;
import org.rapport.app.yousaid.YouSaidWeDid;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo closes the loop after "Summer 2026" the way its people would, through the same services:
 * each school's page of what it heard and will do, readable by its public key, citing shown results;
 * a school goal and the printed teacher's own goal, both to be told by "Autumn 2026"; the teacher's reply.
 */
class DemoLoopTest extends AppTest {
    @Autowired
    DemoNetwork demo;
    @Autowired
    Schools schools;
    @Autowired
    YouSaidWeDid youSaid;
    @Autowired
    Goals goals;
    @Autowired
    Fixtures fixtures;

    @Test
    void everyDemoSchoolHasPublishedWhatItHeardAndSetGoalsForAutumn() throws Exception {
        long network = DemoFixture.network(demo);
        List<School> inNetwork = schools.inNetwork(network);
        assertThat(inNetwork).hasSize(3);
        for (School school : inNetwork) {
            String key = youSaid.keyOf(school.id()).orElseThrow();
            YouSaidWeDid.Published published = youSaid.published(key, Locale.ENGLISH);
            // one page per window (a test that corrects the demo's puts it back as it was)
            List<YouSaidWeDid.Page> summers = published.pages().stream().filter(p -> p.window().equals(DemoNetwork.LATER)).toList();
            assertThat(summers).as(school.name()).hasSize(1);
            YouSaidWeDid.Page summer = summers.get(0);
            assertThat(summer.byWhen()).isEqualTo("October half term");
            // read by families in plain words, the figures left to the staff's form
            assertThat(summer.heard()).as(school.name()).isNotEmpty().allSatisfy(h -> {
                assertThat(h.words()).isNull();
                assertThat(h.plain()).contains(" answers were “").doesNotContain("points", "interval");
            });

            StaffMember printed = schools.staff(school.id()).stream().filter(s -> "S3".equals(s.ref())).findFirst().orElseThrow();
            StaffUser teacher = fixtures.staffUser(printed.email());
            assertThat(goals.mine(teacher)).anySatisfy(o -> {
                assertThat(o.goal().evaluationWindow()).isEqualTo(DemoNetwork.OPEN);
                // Autumn is open with no answers yet: no before and after, no verdict
                assertThat(o.status()).isIn(Goals.Status.WAITING, Goals.Status.HIDDEN);
                assertThat(o.change()).isNull();
            });
            assertThat(youSaid.reply(teacher, summerId(school)))
                    .hasValueSatisfying(r -> assertThat(r).startsWith("You told me"));
            assertThat(goals.dueIn(school.id(), DemoNetwork.OPEN)).as("the school's goal and the teacher's").isGreaterThanOrEqualTo(2);
        }
    }

    @Autowired
    org.rapport.app.window.Windows windows;

    private long summerId(School school) {
        return windows.forSchool(school.id()).stream().filter(w -> w.name().equals(DemoNetwork.LATER)).findFirst().orElseThrow().id();
    }
}
