package org.rapport.app.measures;

import java.util.List;
import java.util.Map;

/**
 * Everything a network's windows of one name show, after the privacy engine: per scale key, per
 * group key ({@code network}, {@code school:ID}, {@code class:ID}, {@code teacher:ID}).
 */
public record Wave(long networkId, String windowName, Calibrated calibration, Map<String, Map<String, GroupResult>> results) {

    public GroupResult result(Scale scale, String groupKey) {
        return results.getOrDefault(scale.key(), Map.of()).get(groupKey);
    }

    /** The shown results of one kind in a scale whose school passes {@code school}. */
    public List<GroupResult> shown(Scale scale, GroupResult.Kind kind, java.util.function.LongPredicate school) {
        return results.getOrDefault(scale.key(), Map.of()).values().stream()
                .filter(g -> g.kind() == kind && g.shown() && school.test(g.schoolId())).toList();
    }
}
