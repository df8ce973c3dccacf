package org.rapport.app.measuring;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.rapport.app.calibration.Calibrated;
import org.rapport.app.calibration.GroupKind;
import org.rapport.app.calibration.ScaleFit;
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

    /**
     * A part of a relationship is shown for a group as its own figure only where it tells the group apart from others of
     * its kind this reliably (ICC(2) of the group's measure: the spread of the reference window's groups of the kind
     * against its members' spread, at its number of members; 0.70, LeBreton &amp; Senter 2008). Below it the result has no figure: a part
     * whose groups do not differ beyond their error would read as a difference, a strength or a priority, and be noise.
     */
    public static final double MIN_RELIABILITY = org.rapport.measure.GroupReliability.SHOWN_FROM;

    public GroupResult result(Scale scale, GroupKey group) {
        return judged(scale, results.getOrDefault(scale, Map.of()).get(group));
    }

    /**
     * The result as it may be shown: a part's measure with its reliability among its kind, or withheld below
     * {@link #MIN_RELIABILITY}. Not judged: whole relationships, the network, and a kind the reference window had too few
     * groups of (a school alone: it is compared with its own windows only).
     */
    private GroupResult judged(Scale scale, GroupResult r) {
        if (r == null || !r.shown() || scale.isRelationship() || r.kind() == GroupKey.Kind.NETWORK || calibration == null) {
            return r;
        }
        ScaleFit fit = calibration.scale(scale);
        if (fit == null) {
            return r;
        }
        GroupKind kind = switch (r.kind()) {
            case SCHOOL -> GroupKind.SCHOOL;
            case CLASS -> GroupKind.CLASS;
            case TEAM -> GroupKind.TEAM;
            default -> GroupKind.TEACHER;
        };
        // ICC(2) at the group's number of members, with the spread and the members' variance both measured on the
        // reference blocks' measures: a ratio of two variances on one scale (the figure's own interval is on the model's
        // scale, which the blocks' measures squeeze where a block is one or two items, and it may carry a finite-population
        // correction that the rule does not assume)
        return Optional.ofNullable(fit.groupReliability().get(kind)).map(spread -> {
            double reliability = spread.ofSize(Math.max(1, r.respondents()));
            return r.judged(reliability, reliability >= MIN_RELIABILITY);
        }).orElse(r);
    }

    /**
     * Whether a team of these teachers may be shown to its own teachers on a scale (the reports' and the goals' rule): a
     * privacy rule, so it counts the teachers the privacy engine lets be shown, whether or not a part then tells them apart.
     */
    public boolean teamShownToItsTeachers(Scale scale, Collection<Long> teachers) {
        return teachers.stream().map(t -> result(scale, GroupKey.teacher(t))).filter(g -> g != null && (g.shown() || g.withheld()))
                .count() >= MIN_TEAM_TEACHERS;
    }

    /** The shown results of one kind in a scale whose school passes {@code school}. */
    public List<GroupResult> shown(Scale scale, GroupKey.Kind kind, LongPredicate school) {
        return passed(scale, kind, school).stream().filter(GroupResult::shown).toList();
    }

    /**
     * The results of one kind in a scale whose school passes {@code school} that the privacy engine lets be shown: each
     * shown, or withheld as a part that does not tell its groups apart ({@link GroupResult#withheld()}).
     */
    public List<GroupResult> passed(Scale scale, GroupKey.Kind kind, LongPredicate school) {
        Map<GroupKey, GroupResult> byGroup = results.getOrDefault(scale, Map.of());
        List<GroupResult> passed = byGroup instanceof LazyResults lazy
                // only the groups asked for are estimated
                ? lazy.shown(kind, school)
                : byGroup.values().stream().filter(g -> g.kind() == kind && g.shown() && school.test(g.schoolId())).toList();
        return passed.stream().map(g -> judged(scale, g)).toList();
    }
}
