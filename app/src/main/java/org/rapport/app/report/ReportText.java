package org.rapport.app.report;

import java.util.Locale;

/** Text alternatives of report charts, so that a screen reader hears what the bars show. */
public final class ReportText {
    private ReportText() {
    }

    /** One bar segment: its answer value and where it lies on a 0..100 axis. */
    public record Segment(int value, double x, double width) {
    }

    public static java.util.List<Segment> segments(Report.FacetCell cell) {
        java.util.List<Segment> out = new java.util.ArrayList<>();
        if (cell.suppressed()) {
            return out;
        }
        double x = 0;
        for (int v = 0; v < cell.shares().length; v++) {
            double w = 100 * cell.shares()[v];
            if (w > 0) {
                out.add(new Segment(v, x, w));
            }
            x += w;
        }
        return out;
    }

    public static String describe(Report.FacetCell cell) {
        if (cell.suppressed()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int v = 0; v < cell.shares().length; v++) {
            if (v > 0) {
                sb.append(", ");
            }
            sb.append(cell.optionLabels().get(v)).append(' ')
                    .append(String.format(Locale.ROOT, "%.0f%%", 100 * cell.shares()[v]));
        }
        return sb.toString();
    }
}
