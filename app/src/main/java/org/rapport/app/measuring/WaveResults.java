package org.rapport.app.measuring;

import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.rapport.app.calibration.Calibrated;
import org.rapport.app.calibration.Scale;
import org.rapport.app.privacy.GroupKey;

/** Everything a network's windows of one name show, after the privacy engine: per scale, per group. */
public record WaveResults(long networkId, String windowName, Calibrated calibration, Map<Scale, Map<GroupKey, GroupResult>> results) {

    public GroupResult result(Scale scale, GroupKey group) {
        return results.getOrDefault(scale, Map.of()).get(group);
    }

    /** The shown results of one kind in a scale whose school passes {@code school}. */
    public List<GroupResult> shown(Scale scale, GroupKey.Kind kind, LongPredicate school) {
        return results.getOrDefault(scale, Map.of()).values().stream()
                .filter(g -> g.kind() == kind && g.shown() && school.test(g.schoolId())).toList();
    }
}
