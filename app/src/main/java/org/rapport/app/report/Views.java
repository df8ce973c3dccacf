package org.rapport.app.report;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** What the report pages, CSV downloads and the API show; every number in them has passed the privacy engine. */
public final class Views {
    private Views() {
    }

    /**
     * A group's measure in Rapport points with its 90% interval; {@code null} fields when not shown. {@code text}: the figure
     * with its interval as every page, PDF and CSV says it ({@link org.rapport.app.measuring.Points#interval}), empty when
     * not shown.
     */
    public record Measure(String group, Double estimate, Double lower, Double upper, Integer respondents, Integer invited,
                          Double responseRate, String status, String text, Share favourable) {
        public Measure(String group, Double estimate, Double lower, Double upper, Integer respondents, Integer invited,
                       Double responseRate, String status, String text) {
            this(group, estimate, lower, upper, respondents, invited, responseRate, status, text, null);
        }

        public boolean shown() {
            return estimate != null;
        }
    }

    /**
     * The fallback of a scale not calibrated yet: the share of favourable answers (the top two of five) in percent, with its
     * 90% interval ({@link org.rapport.measure.FavourableShare}); {@code text} worded by
     * {@link org.rapport.app.measuring.Points#share}. Never Rapport points, and never compared with anything.
     */
    public record Share(double percent, double lower, double upper, int respondents, String text) {
    }

    public record Arrow(String relationship, String label, String from, String to, Measure school, Measure network,
                        String band, String href) {
    }

    /** A school's trust map: its relationships ({@code arrows}, the table and the API) and how the page draws them. */
    public record TrustMap(String title, String schoolName, String windowName, boolean calibrated, String calibration,
                           int minCellSize, List<Arrow> arrows, MapPicture picture) {
    }

    /**
     * The trust map as drawn: its roles top to bottom, and between each role and the next the arrow going down and the one
     * going up (either may be absent); {@code legend}: each colour with its words, lowest band first.
     */
    public record MapPicture(List<MapNode> nodes, List<MapLink> links, List<MapLegend> legend) {
    }

    /** A role on the map; {@code badge}: its members about each other, on the role rather than an arrow, or {@code null}. */
    public record MapNode(String key, String name, MapLabel badge) {
    }

    public record MapLink(MapLabel down, MapLabel up) {
    }

    /**
     * What the map writes beside one relationship's arrow: {@code text} the figure with its interval as the table says it,
     * or "–" where none is shown; {@code band} its words against the network, or why there is no figure; {@code tone} the
     * band's colour ({@code none}: no figure; {@code unknown}: a figure, but no network figure to place it against).
     */
    public record MapLabel(String relationship, String label, String text, String band, String tone, String href) {
        public boolean shown() {
            return !"none".equals(tone);
        }

        /** The figure's estimate, its first line on the map: the worded figure up to its bracketed interval. */
        public String estimate() {
            int i = text.indexOf(" (");
            return i < 0 ? text : text.substring(0, i);
        }

        /**
         * The figure's bracketed interval, its second line on the map when the two do not fit on one ("(od 49 do 52)"),
         * empty without one; the estimate, a space and this are the worded figure exactly.
         */
        public String interval() {
            int i = text.indexOf(" (");
            return i < 0 ? "" : text.substring(i + 1);
        }
    }

    public record MapLegend(String tone, String words) {
    }

    /** One chart: its Vega-Lite specification, its text alternative and the rows behind it (the CSV). */
    public record Chart(String id, String title, String spec, String description, List<Map<String, Object>> rows) {
        /** Whether it draws a spread of unnamed groups, which the page then explains. */
        public boolean hasSpread() {
            return rows.stream().anyMatch(r -> r.get("p50") != null);
        }
    }

    /**
     * One part of a relationship. {@code measure}: the measure of the group the page is about, with its n and invited: the
     * school's on a relationship page, the teacher's own on a teacher's report.
     */
    public record FacetPanel(String facet, String label, Measure measure, String band, List<Chart> charts,
                             List<String> answerShares) {
    }

    /** {@code comments}: what respondents wrote, for the whole school only; {@code takesComments}: whether they are asked. */
    public record RelationshipView(String title, String relationship, String label, String schoolName, String windowName,
                                   boolean calibrated, int minCellSize, List<FacetPanel> panels, boolean takesComments,
                                   List<String> comments) {
        public java.util.Optional<Chart> chart(String id) {
            return panels.stream().flatMap(p -> p.charts().stream()).filter(c -> c.id().equals(id)).findFirst();
        }
    }

    public record View(String viewer, OffsetDateTime at, String channel) {
    }

    public record TeacherView(String title, String teacherName, String schoolName, String windowName, boolean calibrated,
                              int minCellSize, boolean shared, boolean own, List<FacetPanel> panels, List<String> comments,
                              List<View> views) {
        public java.util.Optional<Chart> chart(String id) {
            return panels.stream().flatMap(p -> p.charts().stream()).filter(c -> c.id().equals(id)).findFirst();
        }
    }

    /** How many of the schools with a result shown lie clearly above the network, in line with it, or clearly below: counts, no names. */
    public record SchoolsAgainstNetwork(int shown, int above, int inLine, int below) {
    }

    /** One part of a relationship across the network: its measure, where it stands against the reference average, the schools' counts. */
    public record NetworkPart(String facet, String label, Measure network, String band, SchoolsAgainstNetwork schools) {
    }

    /** A relationship across the network: the whole and each part, the charts (parts with the schools' spread; over time). */
    public record NetworkRelationship(String relationship, String label, List<NetworkPart> parts, List<Chart> charts) {
        public NetworkPart whole() {
            return parts.get(0);
        }
    }

    /** The network's report for one window name (a round): every school's window of that name together. */
    public record NetworkView(String title, String networkName, String windowName, List<String> windows, boolean calibrated,
                              String calibration, boolean referenceWindow, int minCellSize, int schools,
                              List<NetworkRelationship> relationships) {
        public java.util.Optional<Chart> chart(String id) {
            return relationships.stream().flatMap(r -> r.charts().stream()).filter(c -> c.id().equals(id)).findFirst();
        }
    }
}
