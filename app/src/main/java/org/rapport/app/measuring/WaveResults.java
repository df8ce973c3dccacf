package org.rapport.app.measuring;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.rapport.app.calibration.Calibrated;
import org.rapport.app.calibration.Scale;
import org.rapport.app.privacy.GroupKey;

/** Everything a network's windows of one name show, after the privacy engine: per scale, per group. */
public record WaveResults(long networkId, String windowName, Calibrated calibration, Map<Scale, Map<GroupKey, GroupResult>> results) {
    /**
     * A team is shown to its own teachers only when at least this many of them have results shown: the
     * team less the viewer must pool two colleagues or more, or it would be one colleague's result. The
     * privacy engine holds every team to the same rule for everyone (a team of fewer is shown to nobody).
     */
    public static final int MIN_TEAM_TEACHERS = org.rapport.app.privacy.PrivacyEngine.MIN_TEAM_TEACHERS;

    public GroupResult result(Scale scale, GroupKey group) {
        return results.getOrDefault(scale, Map.of()).get(group);
    }

    /** Whether a team of these teachers may be shown to its own teachers on a scale (the reports' and the goals' rule). */
    public boolean teamShownToItsTeachers(Scale scale, Collection<Long> teachers) {
        return teachers.stream().map(t -> result(scale, GroupKey.teacher(t))).filter(g -> g != null && g.shown()).count() >= MIN_TEAM_TEACHERS;
    }

    /** The shown results of one kind in a scale whose school passes {@code school}. */
    public List<GroupResult> shown(Scale scale, GroupKey.Kind kind, LongPredicate school) {
        Map<GroupKey, GroupResult> byGroup = results.getOrDefault(scale, Map.of());
        if (byGroup instanceof LazyResults lazy) {
            // only the groups asked for are estimated
            return lazy.shown(kind, school);
        }
        return byGroup.values().stream()
                .filter(g -> g.kind() == kind && g.shown() && school.test(g.schoolId())).toList();
    }
}
