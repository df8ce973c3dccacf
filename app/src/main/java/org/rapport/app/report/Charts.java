package org.rapport.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Vega-Lite specifications of Rapport's charts, built as plain maps and written as JSON. */
final class Charts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Charts() {
    }

    /** The words on a chart's axes, legend and tooltips, in the reader's language ({@link Panels#chartWords}). */
    record Words(String points, String pointsInterval, String pointsBands, String share, String relationship, String measure) {
    }

    static String json(Object spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.putAll(map(kv));
        return m;
    }

    /**
     * What every chart's axes and legends are written in: 12 px at least, labels and titles (Vega-Lite's own 10 and 11 px
     * were too small to read on a phone).
     */
    static Map<String, Object> config() {
        Map<String, Object> text = map("labelFontSize", 12, "titleFontSize", 12);
        return map("axis", text, "legend", text);
    }

    /** The group a chart is about (its bars, its line, its highlighted row), the same blue on every chart. */
    static final String OWN = "#4a6fa5";
    /** What it is compared with (the network, the school, its reference group): grey and near black, never the group's blue. */
    static final String OTHER = "#5b6270";
    static final String REFERENCE_MARK = "#1d2433";

    /**
     * Points with 90% intervals on one axis of Rapport points, one row per series, the highlighted one
     * in the group's blue, the others grey; a spread of unnamed peers as a grey box: a thin line over the middle eight in ten, a thick
     * bar over the middle half, a tick at the median. (The highlighted row was orange while the distribution beside it drew the
     * reference in orange: neighbouring charts swapped what orange meant.)
     */
    static String ranges(List<Map<String, Object>> rows, String title, Words words) {
        // only rows with something to draw (a spread too few to show is in the words and the CSV), in their own order
        List<Map<String, Object>> drawn = rows.stream().filter(r -> r.get("estimate") != null || r.get("p50") != null).toList();
        List<Object> order = drawn.stream().map(r -> r.get("series")).distinct().toList();
        Map<String, Object> y = map("field", "series", "type", "nominal", "title", null, "sort", order,
                "axis", map("labelLimit", 130));
        Map<String, Object> x = map("field", "estimate", "type", "quantitative", "title", words.pointsInterval(),
                "scale", map("domain", domain(rows)), "axis", map("tickMinStep", 1, "format", "d"));
        Map<String, Object> highlight = map("field", "highlight", "type", "nominal", "legend", null,
                "scale", map("domain", List.of("yes", "no"), "range", List.of(OWN, OTHER)));
        List<Object> tooltip = List.of(map("field", "series"), map("field", "text", "title", words.points()));
        List<Object> layers = List.of(
                map("mark", map("type", "rule", "strokeWidth", 2, "color", OTHER), "encoding", map("y", y, "x", with(x, "field", "p10"),
                        "x2", map("field", "p90"), "tooltip", tooltip)),
                map("mark", map("type", "rule", "strokeWidth", 14, "color", OTHER, "opacity", 0.35), "encoding",
                        map("y", y, "x", with(x, "field", "p25"), "x2", map("field", "p75"), "tooltip", tooltip)),
                map("mark", map("type", "tick", "thickness", 3, "size", 22, "color", REFERENCE_MARK), "encoding",
                        map("y", y, "x", with(x, "field", "p50"), "tooltip", tooltip)),
                map("mark", map("type", "rule", "strokeWidth", 2), "encoding", map("y", y, "x", with(x, "field", "lower"),
                        "x2", map("field", "upper"), "color", highlight)),
                map("mark", map("type", "point", "filled", true, "size", 70), "encoding", map("y", y, "x", x, "color", highlight,
                        "shape", map("field", "highlight", "type", "nominal", "legend", null, "scale",
                                map("domain", List.of("yes", "no"), "range", List.of("diamond", "circle"))),
                        "tooltip", tooltip)));
        return json(map("$schema", "https://vega.github.io/schema/vega-lite/v5.json", "description", title, "width", "container",
                "height", map("step", 44), "data", map("values", drawn), "layer", layers, "config", config()));
    }

    /**
     * At least 45 to 55 (one reference SD), widened to every interval and spread with a point to spare: a small change never fills
     * the chart and looks like a large one.
     */
    static List<Integer> domain(List<Map<String, Object>> rows) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Map<String, Object> r : rows) {
            for (String[] ends : new String[][] {{"lower", "upper"}, {"p10", "p90"}}) {
                if (r.get(ends[0]) instanceof Number l && r.get(ends[1]) instanceof Number u) {
                    low = Math.min(low, l.doubleValue());
                    high = Math.max(high, u.doubleValue());
                }
            }
        }
        // a point of margin, so nothing drawn sits on the chart's edge
        return List.of((int) Math.min(45, Math.floor(low - 1)), (int) Math.max(55, Math.ceil(high + 1)));
    }

    /** Share of respondents in each band of measures: the group's blue bars, near-black ticks for its reference group. */
    static String distribution(List<Map<String, Object>> rows, String title, String groupLabel, String referenceLabel, Words words) {
        Map<String, Object> x = map("field", "band", "type", "ordinal", "sort", null, "title", words.pointsBands(),
                "axis", map("labelAngle", 0));
        double top = 0.05;
        for (Map<String, Object> r : rows) {
            top = Math.max(top, Math.max(((Number) r.get("share")).doubleValue(), ((Number) r.get("referenceShare")).doubleValue()));
        }
        Map<String, Object> share = map("type", "quantitative", "title", words.share(), "axis", map("format", ".0%"),
                "scale", map("domain", List.of(0, Math.ceil(top * 20) / 20)));
        List<Object> tooltip = List.of(map("field", "band", "title", words.points()),
                map("field", "share", "title", groupLabel, "format", ".0%"), map("field", "referenceShare", "title", referenceLabel, "format", ".0%"));
        List<Object> layers = List.of(
                map("mark", map("type", "bar", "color", OWN), "encoding",
                        map("x", x, "y", with(share, "field", "share"), "tooltip", tooltip)),
                map("mark", map("type", "tick", "color", REFERENCE_MARK, "thickness", 3, "bandSize", 30), "encoding",
                        map("x", x, "y", with(share, "field", "referenceShare"), "tooltip", tooltip)));
        return json(map("$schema", "https://vega.github.io/schema/vega-lite/v5.json", "description", title, "width", "container",
                "height", 160, "data", map("values", rows), "layer", layers, "config", config()));
    }

    /** Measures over windows with their intervals. */
    static String trend(List<Map<String, Object>> rows, String title, Words words) {
        Map<String, Object> x = map("field", "window", "type", "ordinal", "sort", null, "title", null, "axis", map("labelAngle", 0));
        Map<String, Object> y = map("field", "estimate", "type", "quantitative", "title", words.points(), "scale", map("domain", domain(rows)),
                "axis", map("tickMinStep", 1, "format", "d"));
        List<Object> layers = List.of(
                map("mark", map("type", "rule", "strokeWidth", 2, "color", OWN), "encoding", map("x", x, "y", with(y, "field", "lower"),
                        "y2", map("field", "upper"))),
                map("mark", map("type", "line", "color", OWN, "point", map("filled", true, "size", 70, "color", OWN)),
                        "encoding", map("x", x, "y", y, "tooltip", List.of(map("field", "window"), map("field", "text", "title", words.measure())))));
        return json(map("$schema", "https://vega.github.io/schema/vega-lite/v5.json", "description", title, "width", "container",
                "height", 180, "data", map("values", rows), "layer", layers, "config", config()));
    }
}
