package org.rapport.app.window;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rapport.app.itembank.RespondentRole;

/**
 * How many of a window's codes have been used, per group: counts of codes only, never of answers.
 * The codes are the access feature's; it answers this for the window's pages.
 */
public interface ResponseCounts {

    /** Used and issued codes per group of a window: each class for pupils and parents, and staff. */
    List<RateRow> rates(SurveyWindow window);

    /**
     * A group's codes: issued (purged ones too), used, still unused, and of those how many have a survey
     * in progress: entered on the survey's start page, with or without answers saved, and not yet sent. {@code counted}: the row's pupils are counted in the totals; a
     * timetable's teaching set is not (its pupils have their codes in their home group): its row says how many of
     * the pupils in it answered (counted once the window is settled: closed for good), and has no unused or started count
     * (its home groups' have). {@code fewerThan}: for a teaching set, k when fewer than k of its pupils answered (then
     * {@code used} is 0 and says nothing: counts of a few pupils across sets would give their timetables); else 0.
     * {@code later}: for such a set, its answers are not counted yet (they wait for the window to be settled).
     */
    record RateRow(RespondentRole role, String group, int issued, int used, int unused, int started, boolean counted, int fewerThan,
                   boolean later) {
        public RateRow(RespondentRole role, String group, int issued, int used) {
            this(role, group, issued, used, 0, 0, true, 0, false);
        }

        public RateRow(RespondentRole role, String group, int issued, int used, int unused, int started) {
            this(role, group, issued, used, unused, started, true, 0, false);
        }

        public double rate() {
            return issued == 0 ? 0 : (double) used / issued;
        }

        public String percent() {
            return fewerThan > 0 || later ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * rate());
        }

        /** Whole-school rates, one row per respondent role. */
        public static List<RateRow> totals(List<RateRow> rows) {
            Map<RespondentRole, int[]> sums = new EnumMap<>(RespondentRole.class);
            for (RateRow r : rows) {
                if (!r.counted()) {
                    continue;
                }
                int[] sum = sums.computeIfAbsent(r.role(), k -> new int[4]);
                sum[0] += r.issued();
                sum[1] += r.used();
                sum[2] += r.unused();
                sum[3] += r.started();
            }
            List<RateRow> totals = new ArrayList<>();
            sums.forEach((role, sum) -> totals.add(new RateRow(role, null, sum[0], sum[1], sum[2], sum[3])));
            return totals;
        }
    }
}
