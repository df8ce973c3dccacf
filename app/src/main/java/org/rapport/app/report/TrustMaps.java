package org.rapport.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rapport.app.calibration.Scale;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.measuring.WaveResults;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.school.School;
import org.rapport.app.window.SurveyWindow;
import org.springframework.stereotype.Service;

/** The trust map: the school's roles as nodes, each relationship an arrow coloured by its measure, with its interval. */
@Service
class TrustMaps {
    private final Panels panels;

    TrustMaps(Panels panels) {
        this.panels = panels;
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
        Optional<WaveResults> wave = panels.wave(school, window);
        List<Views.Arrow> arrows = new ArrayList<>();
        List<Map<String, Object>> shown = new ArrayList<>();
        List<Map<String, Object>> hidden = new ArrayList<>();
        List<Map<String, Object>> heads = new ArrayList<>();
        List<Map<String, Object>> labels = new ArrayList<>();
        for (Relationship r : Relationship.values()) {
            Scale scale = new Scale(r, null);
            Views.Measure own = panels.measure(school.name(), wave, scale, GroupKey.school(school.id()), locale);
            Views.Measure network = panels.measure(panels.msg(locale, "group.network"), wave, scale, GroupKey.NETWORK, locale);
            String href = "/staff/windows/" + window.id() + "/relationships/" + r.name();
            String[] ends = ENDS.get(r);
            String label = panels.relationshipLabel(r, locale);
            arrows.add(new Views.Arrow(r.name(), label, panels.msg(locale, "node." + ends[0]), panels.msg(locale, "node." + ends[1]), own, network,
                    panels.band(own, network, locale), href));
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
        NODES.forEach((k, xy) -> nodes.add(Charts.map("name", panels.msg(locale, "node." + k), "x", xy[0], "y", xy[1])));
        String calibration = wave.map(w -> panels.msg(locale, "calibration.label", w.calibration().version(), w.calibration().referenceWindow(),
                w.calibration().itemBank())).orElse("");
        return new Views.TrustMap(panels.msg(locale, "trustmap.title", window.name()), school.name(), window.name(), wave.isPresent(),
                calibration, panels.minCellSize(), arrows, Charts.trustMap(nodes, shown, hidden, heads, labels, panels.chartWords(locale)));
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
}
