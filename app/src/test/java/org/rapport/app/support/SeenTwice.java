package org.rapport.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * For tests that build one school twice, differing in one respondent's answers only, and compare what an insider can read
 * in each: what differs, and the codes a window's generation printed, by group.
 */
public final class SeenTwice {
    private SeenTwice() {
    }

    /** Each key whose value differs between the two (or is in one only), with both values: "a | b". */
    public static Map<String, String> differences(Map<String, String> a, Map<String, String> b) {
        Map<String, String> differ = new TreeMap<>();
        a.forEach((key, v) -> {
            if (!v.equals(b.get(key))) {
                differ.put(key, v + " | " + b.get(key));
            }
        });
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(k -> differ.put(k, "- | " + b.get(k)));
        return differ;
    }

    /** The codes of a {@code POST /api/v1/windows/{id}/codes} answer, by group name, in order. */
    public static Map<String, List<String>> slips(JsonNode generated) {
        Map<String, List<String>> out = new HashMap<>();
        for (JsonNode g : generated.get("groups")) {
            g.get("codes").forEach(c -> out.computeIfAbsent(g.get("group").asText(), k -> new ArrayList<>()).add(c.asText()));
        }
        return out;
    }
}
