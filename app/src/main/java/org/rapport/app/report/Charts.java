package org.rapport.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Vega-Lite specifications of Rapport's charts, built as plain maps and written as JSON. */
final class Charts {
    static final int MAP_WIDTH = 520;
    static final int MAP_HEIGHT = 420;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Colour-blind-safe diverging scheme around the reference mean of 50. */
    private static final Map<String, Object> POINTS_SCALE = Map.of("scheme", "blueorange", "domain", List.of(40, 60), "reverse", true);

    private Charts() {
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

    private static Map<String, Object> axis(String field, int max, boolean reverse) {
        return map("field", field, "type", "quantitative", "axis", null,
                "scale", map("domain", List.of(0, max), "reverse", reverse));
    }

    /** Nodes at (x, y) on a 0..100 square; edges as sampled curves with their measures. */
    static String trustMap(List<Map<String, Object>> nodes, List<Map<String, Object>> shownEdges,
                           List<Map<String, Object>> hiddenEdges, List<Map<String, Object>> heads,
                           List<Map<String, Object>> labels) {
        List<Object> layers = new ArrayList<>();
        Map<String, Object> xy = map("x", axis("x", 100, false), "y", axis("y", 100, true));
        layers.add(map("data", map("values", hiddenEdges), "mark", map("type", "line", "strokeWidth", 4, "strokeDash", List.of(6, 6),
                "color", "#8a8f98"), "encoding", with(xy, "detail", map("field", "rel"), "order", map("field", "i", "type", "quantitative"),
                "href", map("field", "href"))));
        Map<String, Object> color = map("field", "estimate", "type", "quantitative", "scale", POINTS_SCALE,
                "legend", map("title", "Rapport points", "orient", "bottom", "gradientLength", 220));
        List<Object> tooltip = List.of(map("field", "label", "title", "Relationship"), map("field", "text", "title", "Measure (90% interval)"));
        // a dark casing under each arrow keeps the palest colours (near 50) visible on white
        layers.add(map("data", map("values", shownEdges), "mark", map("type", "line", "strokeWidth", 12, "strokeCap", "round", "cursor", "pointer",
                "color", "#3d4452"), "encoding", with(xy, "detail", map("field", "rel"), "order", map("field", "i", "type", "quantitative"),
                "href", map("field", "href"))));
        layers.add(map("data", map("values", shownEdges), "mark", map("type", "line", "strokeWidth", 9, "strokeCap", "round", "cursor", "pointer"),
                "encoding", with(xy, "detail", map("field", "rel"), "order", map("field", "i", "type", "quantitative"), "color", color,
                        "href", map("field", "href"), "tooltip", tooltip)));
        layers.add(map("data", map("values", heads), "mark", map("type", "point", "shape", "triangle-up", "filled", true, "size", 260, "opacity", 1,
                "stroke", "#3d4452", "strokeWidth", 1.5),
                "encoding", with(xy, "angle", map("field", "angle", "type", "quantitative", "scale", null),
                        "color", map("field", "estimate", "type", "quantitative", "scale", POINTS_SCALE, "legend", null), "href", map("field", "href"))));
        layers.add(map("data", map("values", nodes), "mark", map("type", "circle", "size", 2600, "color", "#ffffff", "stroke", "#1d2433",
                "strokeWidth", 2, "opacity", 1), "encoding", xy));
        layers.add(map("data", map("values", nodes), "mark", map("type", "text", "fontSize", 13, "fontWeight", "bold", "color", "#1d2433"),
                "encoding", with(xy, "text", map("field", "name"))));
        layers.add(map("data", map("values", labels), "mark", map("type", "text", "fontSize", 12, "color", "#1d2433", "dy", -2),
                "encoding", with(xy, "text", map("field", "text"), "href", map("field", "href"))));
        return json(map("$schema", "https://vega.github.io/schema/vega-lite/v5.json", "width", MAP_WIDTH, "height", MAP_HEIGHT,
                "background", null, "config", map("view", map("stroke", null)), "layer", layers));
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.putAll(map(kv));
        return m;
    }

    /** Points with 90% intervals on one axis of Rapport points, one row per series, the highlighted one in colour. */
    static String ranges(List<Map<String, Object>> rows, String title) {
        Map<String, Object> y = map("field", "series", "type", "nominal", "title", null, "sort", null,
                "axis", map("labelLimit", 130, "labelFontSize", 12));
        Map<String, Object> x = map("field", "estimate", "type", "quantitative", "title", "Rapport points (90% interval)",
                "scale", map("domain", domain(rows)), "axis", map("tickMinStep", 1, "format", "d"));
        // yOffset places a mark from the top of its row: the middle of a 44-pixel row is 22
        Map<String, Object> offset = map("field", "jitter", "type", "quantitative",
                "scale", map("domain", List.of(-1, 1), "range", List.of(13, 31)));
        Map<String, Object> highlight = map("field", "highlight", "type", "nominal", "legend", null,
                "scale", map("domain", List.of("yes", "no"), "range", List.of("#b3541e", "#4a6fa5")));
        List<Object> layers = List.of(
                map("mark", map("type", "rule", "strokeWidth", 2), "encoding", map("y", y, "x", with(x, "field", "lower"),
                        "x2", map("field", "upper"), "color", highlight, "yOffset", offset)),
                map("mark", map("type", "point", "filled", true, "size", 70), "encoding", map("y", y, "x", x, "color", highlight,
                        "shape", map("field", "highlight", "type", "nominal", "legend", null, "scale",
                                map("domain", List.of("yes", "no"), "range", List.of("diamond", "circle"))),
                        "yOffset", offset,
                        "tooltip", List.of(map("field", "series"), map("field", "text", "title", "Measure (90% interval)")))));
        return json(map("$schema", "https://vega.github.io/schema/vega-lite/v5.json", "description", title, "width", "container",
                "height", map("step", 44), "data", map("values", rows), "layer", layers));
    }

    /**
     * At least 45 to 55 (one reference SD), widened to every interval: a small change never fills
     * the chart and looks like a large one.
     */
    static List<Integer> domain(List<Map<String, Object>> rows) {
        double low = 45;
        double high = 55;
        for (Map<String, Object> r : rows) {
            if (r.get("lower") instanceof Number l && r.get("upper") instanceof Number u) {
                low = Math.min(low, l.doubleValue());
                high = Math.max(high, u.doubleValue());
            }
        }
        return List.of((int) Math.floor(low), (int) Math.ceil(high));
    }

    /** Share of respondents in each band of measures: bars for the group, ticks for its reference group. */
    static String distribution(List<Map<String, Object>> rows, String title, String groupLabel, String referenceLabel) {
        Map<String, Object> x = map("field", "band", "type", "ordinal", "sort", null, "title", "Rapport points (bands of 5)",
                "axis", map("labelAngle", 0));
        double top = 0.05;
        for (Map<String, Object> r : rows) {
            top = Math.max(top, Math.max(((Number) r.get("share")).doubleValue(), ((Number) r.get("referenceShare")).doubleValue()));
        }
        Map<String, Object> share = map("type", "quantitative", "title", "Share of respondents", "axis", map("format", ".0%"),
                "scale", map("domain", List.of(0, Math.ceil(top * 20) / 20)));
        List<Object> tooltip = List.of(map("field", "band", "title", "Rapport points"),
                map("field", "share", "title", groupLabel, "format", ".0%"), map("field", "referenceShare", "title", referenceLabel, "format", ".0%"));
        List<Object> layers = List.of(
                map("mark", map("type", "bar", "color", "#4a6fa5"), "encoding",
                        map("x", x, "y", with(share, "field", "share"), "tooltip", tooltip)),
                map("mark", map("type", "tick", "color", "#b3541e", "thickness", 3, "bandSize", 30), "encoding",
                        map("x", x, "y", with(share, "field", "referenceShare"), "tooltip", tooltip)));
        return json(map("$schema", "https://vega.github.io/schema/vega-lite/v5.json", "description", title, "width", "container",
                "height", 160, "data", map("values", rows), "layer", layers));
    }

    /** Measures over windows with their intervals. */
    static String trend(List<Map<String, Object>> rows, String title) {
        Map<String, Object> x = map("field", "window", "type", "ordinal", "sort", null, "title", null, "axis", map("labelAngle", 0));
        Map<String, Object> y = map("field", "estimate", "type", "quantitative", "title", "Rapport points", "scale", map("domain", domain(rows)),
                "axis", map("tickMinStep", 1, "format", "d"));
        List<Object> layers = List.of(
                map("mark", map("type", "rule", "strokeWidth", 2, "color", "#4a6fa5"), "encoding", map("x", x, "y", with(y, "field", "lower"),
                        "y2", map("field", "upper"))),
                map("mark", map("type", "line", "color", "#4a6fa5", "point", map("filled", true, "size", 70, "color", "#4a6fa5")),
                        "encoding", map("x", x, "y", y, "tooltip", List.of(map("field", "window"), map("field", "text", "title", "Measure (90% interval)")))));
        return json(map("$schema", "https://vega.github.io/schema/vega-lite/v5.json", "description", title, "width", "container",
                "height", 180, "data", map("values", rows), "layer", layers));
    }
}
