package org.rapport.app.window;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rapport.app.itembank.RespondentRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** How many of a window's codes have been used: counts of codes only, never of answers. */
@Service
public class ResponseRates {
    private final JdbcClient jdbc;

    public ResponseRates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Used and issued codes per group of a window: each class for pupils and parents, and staff. */
    public List<RateRow> responseRates(SurveyWindow window) {
        return jdbc.sql("""
                select ac.respondent_role, c.name, count(*), count(*) filter (where ac.used)
                from access_code ac left join class_group c on c.id = ac.class_id
                where ac.window_id = ? group by 1, 2, c.year_group, c.class_ref
                order by case ac.respondent_role when 'PUPIL' then 0 when 'PARENT' then 1 when 'TEACHER' then 2 else 3 end,
                         c.year_group nulls last, c.class_ref""")
                .param(window.id())
                .query((rs, n) -> new RateRow(RespondentRole.valueOf(rs.getString(1)), rs.getString(2), rs.getInt(3), rs.getInt(4)))
                .list();
    }

    /** Whole-school response rates, one row per respondent role. */
    public List<RateRow> responseTotals(List<RateRow> rows) {
        Map<RespondentRole, int[]> sums = new java.util.EnumMap<>(RespondentRole.class);
        for (RateRow r : rows) {
            int[] sum = sums.computeIfAbsent(r.role(), k -> new int[2]);
            sum[0] += r.issued();
            sum[1] += r.used();
        }
        List<RateRow> totals = new ArrayList<>();
        sums.forEach((role, sum) -> totals.add(new RateRow(role, null, sum[0], sum[1])));
        return totals;
    }

    public record RateRow(RespondentRole role, String group, int issued, int used) {
        public double rate() {
            return issued == 0 ? 0 : (double) used / issued;
        }

        public String percent() {
            return String.format(Locale.ROOT, "%.0f%%", 100 * rate());
        }
    }
}
