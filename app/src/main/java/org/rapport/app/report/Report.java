package org.rapport.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * First reports: per relationship and facet, how often each answer was given, with n and response
 * rate. A cell with fewer respondents than the privacy threshold carries no counts at all.
 */
public record Report(String title, long windowId, String windowName, String schoolName, int minCellSize,
                     List<RelationshipSection> relationships) {

    public record RelationshipSection(String relationship, String label, int respondents, int invited,
                                      Double responseRate, boolean suppressed, List<FacetCell> facets) {

        /** The legend of the section's charts: per answer value, its labels on the scales the facets use. */
        public List<String> legend() {
            List<String> legend = new ArrayList<>();
            for (int v = 0; !facets.isEmpty() && v < facets.get(0).optionLabels().size(); v++) {
                int value = v;
                legend.add(String.join(" / ", facets.stream().map(f -> f.optionLabels().get(value)).distinct().toList()));
            }
            return legend;
        }
    }

    /** {@code counts} and {@code shares} are null when suppressed. Index = answer value 0..4. */
    public record FacetCell(String facet, String label, int respondents, boolean suppressed, Integer answers,
                            int[] counts, double[] shares, List<String> optionLabels) {

        /** The text alternative of the distribution chart: each answer with its share. */
        public String description() {
            if (suppressed) {
                return "";
            }
            StringBuilder sb = new StringBuilder();
            for (int v = 0; v < shares.length; v++) {
                sb.append(v == 0 ? "" : ", ").append(optionLabels.get(v)).append(' ')
                        .append(String.format(Locale.ROOT, "%.0f%%", 100 * shares[v]));
            }
            return sb.toString();
        }

        /** The chart's bar segments on a 0..100 axis. */
        public List<Segment> segments() {
            List<Segment> out = new ArrayList<>();
            double x = 0;
            for (int v = 0; shares != null && v < shares.length; v++) {
                double w = 100 * shares[v];
                if (w > 0) {
                    out.add(new Segment(v, x, w));
                }
                x += w;
            }
            return out;
        }
    }

    public record Segment(int value, double x, double width) {
    }
}
