package org.rapport.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.support.AppTest;
import org.rapport.app.support.Fixtures;
import org.rapport.app.survey.Session;
import org.rapport.app.survey.Submissions;
import org.rapport.app.survey.SurveySessions;
import org.rapport.app.window.SurveyWindow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class CodeGenerationTest extends AppTest {
    @Autowired
    Fixtures fixtures;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SurveySessions sessions;
    @Autowired
    Submissions submissions;
    @Autowired
    CodeHasher hasher;

    @Test
    void codesHaveAtLeastFortyBitsAndNoLookAlikes() {
        assertThat(AccessCode.BITS).isGreaterThanOrEqualTo(40);
        assertThat(AccessCode.ALPHABET).doesNotContain("0", "O", "1", "I", "L");
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < 10_000; k++) {
            String code = AccessCode.generate(random);
            assertThat(code).hasSize(10).matches("[" + AccessCode.ALPHABET + "]+");
            assertThat(seen.add(code)).isTrue();
        }
        assertThat(AccessCode.normalise(" abcde-fghjk ")).contains("ABCDEFGHJK");
        assertThat(AccessCode.normalise("ABCDE-FGHJ0")).isEmpty();
    }

    @Test
    void onePerSeatStoredHashedAndSealedAndGeneratingAgainGivesTheUnusedOnesAgain() {
        Fixtures.SchoolSetup school = fixtures.school(fixtures.network(), 7, 4);
        SurveyWindow window = fixtures.openWindow(school.schoolId());
        List<String> first = fixtures.codes(window, RespondentRole.PUPIL, null);
        assertThat(first).hasSize(11);
        for (String code : first) {
            assertThat(jdbc.sql("select count(*) from access_code where code_hash = ? and sealed_code is not null").param(hasher.hash(code))
                    .query(Long.class).single()).isEqualTo(1);
        }
        assertThat(fixtures.codes(window, RespondentRole.TEACHER, null)).hasSize(2);
        assertThat(fixtures.codes(window, RespondentRole.LEADER, null)).hasSize(1);

        String used = first.get(0);
        submissions.submit(used, UUID.randomUUID().toString(), Fixtures.oneAnswer(sessions.start(used)), null);
        List<String> again = fixtures.codes(window, RespondentRole.PUPIL, school.class1());
        assertThat(again).hasSize(6).doesNotContain(used);
        assertThat(first).containsAll(again);
        assertThat(jdbc.sql("select count(*) from access_code where window_id = ? and respondent_role = 'PUPIL' and class_id = ?")
                .params(window.id(), school.class1()).query(Long.class).single()).isEqualTo(7);
        assertThat(jdbc.sql("select sealed_code is null from access_code where code_hash = ?").param(hasher.hash(used))
                .query(Boolean.class).single()).as("a used code's sealed copy went with its use").isTrue();
        // every code printed first still works
        again.forEach(sessions::start);
    }
}
