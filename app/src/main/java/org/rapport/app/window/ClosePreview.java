package org.rapport.app.window;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rapport.app.itembank.RespondentRole;

/**
 * What a school admin reads before closing a window: who has answered (per role, and the classes with
 * the lowest rates), what closing deletes and when, and until when it could be reopened.
 */
record ClosePreview(List<ResponseCounts.RateRow> totals, Map<RespondentRole, List<ResponseCounts.RateRow>> lowest, int purgeGraceDays,
                    Instant reopenableUntil, long reopenDays) {
    /** The lowest classes shown per role. */
    static final int LOWEST = 3;

    static ClosePreview of(List<ResponseCounts.RateRow> rates, int purgeGraceDays, Instant closingAt, java.time.Duration reopenFor) {
        Map<RespondentRole, List<ResponseCounts.RateRow>> lowest = new LinkedHashMap<>();
        for (RespondentRole role : RespondentRole.values()) {
            List<ResponseCounts.RateRow> classes = new ArrayList<>(rates.stream().filter(r -> r.role() == role && r.counted() && r.group() != null && r.issued() > 0)
                    .sorted(Comparator.comparingDouble(ResponseCounts.RateRow::rate).thenComparing(ResponseCounts.RateRow::group, org.rapport.app.school.ClassGroup.NATURAL)).toList());
            // only where there is something to compare: a role with one class has its total (a timetable's teaching sets, whose
            // answers are counted once the window is settled, are not compared here; the window's page shows them)
            if (classes.size() > 1) {
                lowest.put(role, classes.subList(0, Math.min(LOWEST, classes.size())));
            }
        }
        return new ClosePreview(ResponseCounts.RateRow.totals(rates), lowest, purgeGraceDays,
                reopenFor.isZero() ? null : closingAt.plus(reopenFor), reopenFor.toDays());
    }

    /**
     * The surveys in progress in the whole window (their code entered, not sent) that closing stops: they can no longer be
     * sent. Counted per role for the whole window, as the window's page counts them.
     */
    public int started() {
        return totals.stream().mapToInt(ResponseCounts.RateRow::started).sum();
    }

    /** The problem's properties for the API's 409: the same facts, as data. */
    Map<String, Object> asProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("rates", totals.stream().map(r -> {
            // per role for the whole window: the surveys started and not sent that closing stops
            Map<String, Object> row = row(r);
            row.put("started", r.started());
            return row;
        }).toList());
        p.put("lowestClasses", lowest.values().stream().flatMap(List::stream).map(ClosePreview::row).toList());
        p.put("unusedCodesDeletedAfterDays", purgeGraceDays);
        p.put("reopenableUntil", reopenableUntil == null ? null : reopenableUntil.toString());
        return p;
    }

    private static Map<String, Object> row(ResponseCounts.RateRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", r.role().name());
        if (r.group() != null) {
            m.put("group", r.group());
        }
        m.put("issued", r.issued());
        m.put("used", r.used());
        m.put("rate", r.rate());
        return m;
    }
}
