package org.rapport.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.privacy.Release;
import org.rapport.app.web.IcuMessageSource;
import org.rapport.measure.GroupMeasure;

/**
 * The unnamed spread of teachers (or classes, teams) beside a school's result: its quantiles, unless they are all one figure,
 * which would say each unnamed teacher's figure. An outside test read "half between 55 and 55, eight in ten between 55 and
 * 55" where the teachers did not differ beyond their error: every teacher's figure, although none was named.
 */
class SpreadRowTest {
    final Panels panels = new Panels(null, null, IcuMessageSource.of("messages"), null);

    static List<GroupResult> teachers(double... estimates) {
        List<GroupResult> out = new ArrayList<>();
        for (int i = 0; i < estimates.length; i++) {
            GroupMeasure m = new GroupMeasure(60, 64, estimates[i], 0.5, estimates[i], 0.5, 0, 0.5);
            out.add(new GroupResult(GroupKey.teacher(i + 1), 1, Release.Outcome.SHOWN, 60, 64, m, new int[5], new int[GroupResult.BANDS], 1));
        }
        return out;
    }

    Map<String, Object> row(List<GroupResult> passed) {
        List<Map<String, Object>> rows = new ArrayList<>();
        panels.addSpread(rows, passed, "Teachers (unnamed)", Locale.ENGLISH);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void teachersWhoDifferMakeASpread() {
        Map<String, Object> row = row(teachers(48.2, 51.0, 53.4, 55.1, 57.9));
        assertThat(row).containsKeys("p10", "p50", "p90");
        assertThat((String) row.get("text")).contains("between 49 and 57", "middle 53");
    }

    @Test
    void teachersAtOneFigureMakeNoSpreadThatWouldSayEachOnesFigure() {
        Map<String, Object> row = row(teachers(54.8, 55.1, 55.0, 54.9, 55.2, 55.0));
        assertThat(row).doesNotContainKeys("p10", "p25", "p50", "p75", "p90");
        assertThat((String) row.get("text")).doesNotContain("55").contains("do not differ beyond their error");
    }

    @Test
    void tooFewTeachersMakeNoSpread() {
        assertThat((String) row(teachers(50, 52, 54)).get("text")).contains("fewer than 5");
    }
}
