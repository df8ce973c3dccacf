package org.rapport.app.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.calibration.Scale;
import org.rapport.app.measuring.GroupResult;
import org.rapport.app.measuring.MeasureService;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.privacy.Release;
import org.rapport.app.school.School;
import org.rapport.app.school.Schools;
import org.rapport.app.school.StaffMember;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.rapport.measure.GroupMeasure;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * Builds the trust map, the facet views and the teacher report from {@link MeasureService}'s
 * results, which have all passed the privacy engine. Peers (classes, teachers, other schools) are
 * shown as unnamed dots in order of their measure, never as a named ranking.
 */
@Service
class ReportViews {
    private final MeasureService measures;
    private final ItemBank bank;
    private final MessageSource messages;
    private final Windows windows;
    private final Comments comments;
    private final Schools schools;

    ReportViews(MeasureService measures, ItemBank bank, MessageSource messages, Windows windows, Comments comments, Schools schools) {
        this.schools = schools;
        this.measures = measures;
        this.bank = bank;
        this.messages = messages;
        this.windows = windows;
        this.comments = comments;
    }

    private String msg(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    Views.Measure measure(String group, GroupResult g, Locale locale) {
        if (g == null) {
            return new Views.Measure(group, null, null, null, null, null, null, msg(locale, "measure.none"));
        }
        if (!g.shown()) {
            return new Views.Measure(group, null, null, null, null, g.invited(), null,
                    msg(locale, "measure.hidden", measures.minCellSize()));
        }
        GroupMeasure m = g.measure();
        String status = g.outcome() == Release.Outcome.EARLIER ? msg(locale, "measure.earlier") : null;
        return new Views.Measure(group, round(m.estimate()), round(m.lower()), round(m.upper()), g.respondents(), g.invited(),
                g.responseRate(), status);
    }

    /** A group's measure in a wave, or why there is none: no calibrated scale is not the same as too few answers. */
    Views.Measure measure(String group, Optional<WaveResults> wave, Scale scale, GroupKey key, Locale locale) {
        if (wave.isPresent() && wave.get().calibration().scale(scale) == null) {
            return new Views.Measure(group, null, null, null, null, null, null, msg(locale, "measure.notCalibrated"));
        }
        return measure(group, wave.map(w -> w.result(scale, key)).orElse(null), locale);
    }

    private static double round(double x) {
        return Math.round(x * 10) / 10.0;
    }

    /** Words for where an interval sits against the network: always shown beside the interval. */
    String band(Views.Measure school, Views.Measure network, Locale locale) {
        return band(school, network, msg(locale, "band.network"), locale);
    }

    String band(Views.Measure school, Views.Measure network, String reference, Locale locale) {
        if (!school.shown() || !network.shown()) {
            return "";
        }
        double d = school.estimate() - network.estimate();
        if (school.lower() <= network.estimate() && network.estimate() <= school.upper()) {
            return msg(locale, "band.same", reference);
        }
        return msg(locale, d > 0 ? (d >= 5 ? "band.wellAbove" : "band.above") : (d <= -5 ? "band.wellBelow" : "band.below"), reference);
    }

    private Optional<WaveResults> wave(School school, SurveyWindow window) {
        return measures.wave(school.networkId(), window.name());
    }

    private String relationshipLabel(Relationship r, Locale locale) {
        return msg(locale, "relationship." + r.name());
    }

    // node positions on the 0..100 map, and each arrow's ends
    private static final Map<String, double[]> NODES = Map.of(
            "school", new double[] {50, 10}, "leaders", new double[] {86, 42}, "teachers", new double[] {50, 58},
            "pupils", new double[] {14, 88}, "parents", new double[] {86, 88});
    private static final Map<Relationship, String[]> ENDS = Map.of(
            Relationship.PUPIL_TEACHER, new String[] {"pupils", "teachers"},
            Relationship.TEACHER_PUPILS, new String[] {"teachers", "pupils"},
            Relationship.PUPIL_SCHOOL, new String[] {"pupils", "school"},
            Relationship.PARENT_SCHOOL, new String[] {"parents", "school"},
            Relationship.TEACHER_LEADERS, new String[] {"teachers", "leaders"},
            Relationship.LEADER_STAFF, new String[] {"leaders", "teachers"},
            Relationship.TEACHER_COLLEAGUES, new String[] {"teachers", "teachers"});

    Views.TrustMap trustMap(SurveyWindow window, School school, Locale locale) {
        Optional<WaveResults> wave = wave(school, window);
        List<Views.Arrow> arrows = new ArrayList<>();
        List<Map<String, Object>> shown = new ArrayList<>();
        List<Map<String, Object>> hidden = new ArrayList<>();
        List<Map<String, Object>> heads = new ArrayList<>();
        List<Map<String, Object>> labels = new ArrayList<>();
        for (Relationship r : Relationship.values()) {
            Scale scale = new Scale(r, null);
            Views.Measure own = measure(school.name(), wave, scale, GroupKey.school(school.id()), locale);
            Views.Measure network = measure(msg(locale, "group.network"), wave, scale, GroupKey.NETWORK, locale);
            String href = "/staff/windows/" + window.id() + "/relationships/" + r.name();
            String[] ends = ENDS.get(r);
            String label = relationshipLabel(r, locale);
            arrows.add(new Views.Arrow(r.name(), label, msg(locale, "node." + ends[0]), msg(locale, "node." + ends[1]), own, network,
                    band(own, network, locale), href));
            List<double[]> curve = curve(NODES.get(ends[0]), NODES.get(ends[1]));
            for (int i = 0; i < curve.size(); i++) {
                Map<String, Object> p = Charts.map("rel", r.name(), "i", i, "x", curve.get(i)[0], "y", curve.get(i)[1], "href", href,
                        "label", label, "text", own.shown() ? own.text() : own.status(), "estimate", own.estimate());
                (own.shown() ? shown : hidden).add(p);
            }
            double[] end = curve.get(curve.size() - 1);
            double[] before = curve.get(curve.size() - 2);
            double angle = Math.toDegrees(Math.atan2((end[0] - before[0]) * Charts.MAP_WIDTH, -(end[1] - before[1]) * Charts.MAP_HEIGHT));
            if (own.shown()) {
                heads.add(Charts.map("x", end[0], "y", end[1], "angle", angle, "estimate", own.estimate(), "href", href));
            }
            double[] mid = curve.get(curve.size() / 2);
            labels.add(Charts.map("x", mid[0], "y", mid[1] - 3, "text", own.shown() ? own.text() : "–",
                    "href", href));
        }
        List<Map<String, Object>> nodes = new ArrayList<>();
        NODES.forEach((k, xy) -> nodes.add(Charts.map("name", msg(locale, "node." + k), "x", xy[0], "y", xy[1])));
        String calibration = wave.map(w -> msg(locale, "calibration.label", w.calibration().version(), w.calibration().referenceWindow(),
                w.calibration().itemBank())).orElse("");
        return new Views.TrustMap(msg(locale, "trustmap.title", window.name()), school.name(), window.name(), wave.isPresent(),
                calibration, measures.minCellSize(), arrows, Charts.trustMap(nodes, shown, hidden, heads, labels));
    }

    /** A quadratic Bézier from a to b bent to the left of travel (so opposite arrows part), trimmed at the nodes; a loop when a = b. */
    static List<double[]> curve(double[] a, double[] b) {
        List<double[]> points = new ArrayList<>();
        if (a == b) {
            for (int i = 0; i <= 24; i++) {
                double t = Math.PI * (0.25 + 1.5 * i / 24.0);
                points.add(new double[] {a[0] - 9 + 9 * Math.cos(t) * -1, a[1] + 14 + 7 * Math.sin(t)});
            }
            return points;
        }
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double len = Math.hypot(dx, dy);
        double cx = (a[0] + b[0]) / 2 + 7 * dy / len;
        double cy = (a[1] + b[1]) / 2 - 7 * dx / len;
        double trim = 8 / len;
        for (int i = 0; i <= 20; i++) {
            double t = trim + (1 - 2 * trim) * i / 20.0;
            double u = 1 - t;
            points.add(new double[] {u * u * a[0] + 2 * u * t * cx + t * t * b[0], u * u * a[1] + 2 * u * t * cy + t * t * b[1]});
        }
        return points;
    }

    Views.RelationshipView relationship(SurveyWindow window, School school, Relationship r, Locale locale) {
        Optional<WaveResults> wave = wave(school, window);
        List<Views.FacetPanel> panels = new ArrayList<>();
        List<Scale> scales = new ArrayList<>();
        scales.add(new Scale(r, null));
        bank.facets(r).keySet().forEach(f -> scales.add(new Scale(r, f)));
        List<SurveyWindow> history = windows.forSchool(school.id()).stream()
                .filter(w -> w.status() != SurveyWindow.Status.DRAFT)
                .sorted(Comparator.comparing(SurveyWindow::openedOn, Comparator.nullsLast(Comparator.<java.time.LocalDate>naturalOrder()))
                        .thenComparingLong(SurveyWindow::id)).toList();
        for (Scale scale : scales) {
            String label = scale.isRelationship() ? msg(locale, "facet.all") : msg(locale, ItemBank.facetKey(scale.facet()));
            GroupResult own = wave.map(w -> w.result(scale, GroupKey.school(school.id()))).orElse(null);
            Views.Measure schoolMeasure = measure(school.name(), wave, scale, GroupKey.school(school.id()), locale);
            Views.Measure network = measure(msg(locale, "group.network"), wave, scale, GroupKey.NETWORK, locale);
            List<Views.Chart> charts = new ArrayList<>();
            String id = scale.key().replace('/', '-');
            List<Map<String, Object>> rows = new ArrayList<>();
            rows.add(row(msg(locale, "series.school"), schoolMeasure, "yes", 0));
            rows.add(row(msg(locale, "series.network"), network, "no", 0));
            if (wave.isPresent()) {
                GroupKey.Kind peers = r.perTarget() ? GroupKey.Kind.TEACHER : GroupKey.Kind.CLASS;
                if (r.perTarget() || r.respondent().perClass()) {
                    addUnnamed(rows, wave.get().shown(scale, peers, s -> s == school.id()),
                            msg(locale, peers == GroupKey.Kind.TEACHER ? "series.teachers" : "series.classes"), null, locale);
                }
                if (r.perTarget()) {
                    addUnnamed(rows, wave.get().shown(scale, GroupKey.Kind.TEAM, s -> s == school.id()), msg(locale, "series.teams"),
                            null, locale);
                }
                addUnnamed(rows, wave.get().shown(scale, GroupKey.Kind.SCHOOL, s -> true), msg(locale, "series.schools"),
                        GroupKey.school(school.id()), locale);
            }
            rows.removeIf(m -> m.get("estimate") == null);
            String rangesTitle = msg(locale, "chart.ranges", label);
            charts.add(new Views.Chart(id + "-ranges", rangesTitle, Charts.ranges(rows, rangesTitle), describe(rows, locale), rows));
            List<Map<String, Object>> trend = new ArrayList<>();
            for (SurveyWindow w : history) {
                Views.Measure m = measure(w.name(), measures.wave(school.networkId(), w.name()), scale, GroupKey.school(school.id()), locale);
                if (m.shown()) {
                    Map<String, Object> t = row(w.name(), m, "yes", 0);
                    t.put("window", w.name());
                    trend.add(t);
                }
            }
            distribution(id, label, own, wave.map(w -> w.result(scale, GroupKey.NETWORK)).orElse(null), msg(locale, "series.school"),
                    msg(locale, "series.network"), locale).ifPresent(charts::add);
            String trendTitle = msg(locale, "chart.trend", label);
            charts.add(new Views.Chart(id + "-trend", trendTitle, Charts.trend(trend, trendTitle), describe(trend, locale), trend));
            panels.add(new Views.FacetPanel(scale.facet() == null ? "all" : scale.facet(), label, schoolMeasure,
                    band(schoolMeasure, network, locale), charts, shares(own, scale, locale)));
        }
        List<String> written = comments.aboutSchool(school.networkId(), window.name(), r, school.id(),
                wave.map(w -> w.result(new Scale(r, null), GroupKey.school(school.id()))).orElse(null));
        return new Views.RelationshipView(msg(locale, "relationship.title", relationshipLabel(r, locale), window.name()), r.name(),
                relationshipLabel(r, locale), school.name(), window.name(), wave.isPresent(), measures.minCellSize(), panels,
                r.takesSchoolComments(), written);
    }

    /** Each answer option with its share of the group's answers: the distribution across respondents. */
    private List<String> shares(GroupResult g, Scale scale, Locale locale) {
        List<String> out = new ArrayList<>();
        if (g == null || !g.shown() || scale.isRelationship()) {
            return out;
        }
        int total = 0;
        for (int c : g.answers()) {
            total += c;
        }
        String scaleName = scale.items(bank).get(0).scale();
        for (int v = 0; v <= Item.MAX_VALUE && total > 0; v++) {
            out.add(String.format(Locale.ROOT, "%s %.0f%%", msg(locale, "scale." + scaleName + "." + v), 100.0 * g.answers()[v] / total));
        }
        return out;
    }

    /**
     * How the group's respondents spread over bands of Rapport points beside its reference group's
     * spread, shares only; nothing unless both have passed the privacy engine.
     */
    private Optional<Views.Chart> distribution(String id, String label, GroupResult group, GroupResult reference,
                                               String groupLabel, String referenceLabel, Locale locale) {
        if (group == null || !group.shown() || reference == null || !reference.shown()) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int b = 0; b < GroupResult.BANDS; b++) {
            int from = GroupResult.LOWEST_BAND + (b - 1) * GroupResult.BAND;
            boolean first = b == 0;
            boolean last = b == GroupResult.BANDS - 1;
            String band = first ? msg(locale, "chart.band.below", GroupResult.LOWEST_BAND)
                    : last ? msg(locale, "chart.band.above", from) : Integer.toString(from);
            String words = first ? msg(locale, "chart.band.under", GroupResult.LOWEST_BAND)
                    : last ? msg(locale, "chart.band.over", from) : from + "–" + (from + GroupResult.BAND);
            double mine = (double) group.distribution()[b] / group.respondents();
            double theirs = (double) reference.distribution()[b] / reference.respondents();
            rows.add(Charts.map("band", band, "share", round3(mine), "referenceShare", round3(theirs)));
            text.append(text.isEmpty() ? "" : "; ").append(msg(locale, "chart.distribution.row", words, groupLabel,
                    Math.round(100 * mine), referenceLabel, Math.round(100 * theirs)));
        }
        String title = msg(locale, "chart.distribution", label, groupLabel, referenceLabel);
        return Optional.of(new Views.Chart(id + "-distribution", title, Charts.distribution(rows, title, groupLabel, referenceLabel),
                msg(locale, "chart.distribution.note") + " " + text, rows));
    }

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private Map<String, Object> row(String series, Views.Measure m, String highlight, double jitter) {
        return Charts.map("series", series, "estimate", m.estimate(), "lower", m.lower(), "upper", m.upper(),
                "n", m.respondents(), "invited", m.invited(), "highlight", highlight, "jitter", jitter,
                "text", m.shown() ? m.text() + " · n = " + m.respondents() : m.status());
    }

    /** Peers as unnamed dots in order of their measure; {@code ownKey} (if given) is highlighted. */
    private void addUnnamed(List<Map<String, Object>> rows, List<GroupResult> groups, String series, GroupKey ownKey, Locale locale) {
        List<GroupResult> sorted = groups.stream().sorted(Comparator.comparingDouble(g -> g.measure().estimate())).toList();
        for (int i = 0; i < sorted.size(); i++) {
            GroupResult g = sorted.get(i);
            double jitter = sorted.size() == 1 ? 0 : -1 + 2.0 * i / (sorted.size() - 1);
            rows.add(row(series, measure(series, g, locale), g.key().equals(ownKey) ? "yes" : "no", jitter));
        }
    }

    private String describe(List<Map<String, Object>> rows, Locale locale) {
        if (rows.isEmpty()) {
            return msg(locale, "chart.empty");
        }
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> r : rows) {
            sb.append(sb.isEmpty() ? "" : "; ").append(r.get("series")).append(": ").append(r.get("text"));
        }
        return sb.toString();
    }

    Views.TeacherView teacher(SurveyWindow window, School school, StaffMember teacher, boolean own, boolean shared,
                                     List<Views.View> views, Locale locale) {
        Optional<WaveResults> wave = wave(school, window);
        Optional<Long> team = schools.teamOf(teacher.id());
        List<Views.FacetPanel> panels = new ArrayList<>();
        List<Scale> scales = new ArrayList<>();
        scales.add(new Scale(Relationship.PUPIL_TEACHER, null));
        bank.facets(Relationship.PUPIL_TEACHER).keySet().forEach(f -> scales.add(new Scale(Relationship.PUPIL_TEACHER, f)));
        for (Scale scale : scales) {
            String label = scale.isRelationship() ? msg(locale, "facet.all") : msg(locale, ItemBank.facetKey(scale.facet()));
            GroupResult mine = wave.map(w -> w.result(scale, GroupKey.teacher(teacher.id()))).orElse(null);
            Views.Measure measure = measure(teacher.name(), wave, scale, GroupKey.teacher(teacher.id()), locale);
            Views.Measure schoolMeasure = measure(school.name(), wave, scale, GroupKey.school(school.id()), locale);
            List<Map<String, Object>> rows = new ArrayList<>();
            rows.add(row(msg(locale, "series.you"), measure, "yes", 0));
            rows.add(row(msg(locale, "series.school"), schoolMeasure, "no", 0));
            if (team.isPresent()) {
                rows.add(row(msg(locale, "series.yourTeam"), measure(msg(locale, "series.yourTeam"), wave, scale, GroupKey.team(team.get()), locale),
                        "no", 0));
            }
            GroupKey ownKey = GroupKey.teacher(teacher.id());
            wave.ifPresent(w -> addUnnamed(rows, w.shown(scale, GroupKey.Kind.TEACHER, s -> s == school.id()),
                    msg(locale, "series.teachers"), ownKey, locale));
            rows.removeIf(m -> m.get("estimate") == null);
            String title = msg(locale, "chart.ranges", label);
            String id = scale.key().replace('/', '-');
            List<Views.Chart> charts = new ArrayList<>();
            charts.add(new Views.Chart(id + "-ranges", title, Charts.ranges(rows, title), describe(rows, locale), rows));
            distribution(id, label, mine, wave.map(w -> w.result(scale, GroupKey.school(school.id()))).orElse(null),
                    msg(locale, "series.you"), msg(locale, "series.school"), locale).ifPresent(charts::add);
            panels.add(new Views.FacetPanel(scale.facet() == null ? "all" : scale.facet(), label, measure,
                    band(measure, schoolMeasure, msg(locale, "band.school"), locale), charts, shares(mine, scale, locale)));
        }
        List<String> written = comments.aboutTeacher(school.networkId(), window.name(), teacher.id(),
                wave.map(w -> w.result(new Scale(Relationship.PUPIL_TEACHER, null), GroupKey.teacher(teacher.id()))).orElse(null));
        return new Views.TeacherView(msg(locale, "teacher.title", window.name()), teacher.name(), school.name(), window.name(),
                wave.isPresent(), measures.minCellSize(), shared, own, panels, written, views);
    }
}
