package org.rapport.app.measures;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.privacy.PrivacyEngine;
import org.rapport.app.privacy.Release;
import org.rapport.measure.GroupEstimator;
import org.rapport.measure.GroupMeasure;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Group measures of a survey wave (a network's windows of one name) on the anchored scales: the
 * network, each school, each class (pupils and parents) and each teacher (pupils about them), every
 * group passed through the {@link PrivacyEngine} before anything about it is computed.
 */
@Service
public class MeasureService {
    private final Answers answers;
    private final CalibrationStore calibrations;
    private final PrivacyEngine privacy;
    private final ItemBank bank;
    private final JdbcClient jdbc;
    private final Cache<String, Wave> cache = Caffeine.newBuilder().maximumSize(64).expireAfterWrite(Duration.ofMinutes(10)).build();

    public MeasureService(Answers answers, CalibrationStore calibrations, PrivacyEngine privacy, ItemBank bank, JdbcClient jdbc) {
        this.answers = answers;
        this.calibrations = calibrations;
        this.privacy = privacy;
        this.bank = bank;
        this.jdbc = jdbc;
    }

    public int minCellSize() {
        return privacy.minCellSize();
    }

    /** The wave's results, or empty when the network has no calibration yet. */
    public Optional<Wave> wave(long networkId, String windowName) {
        Optional<Calibrated> calibration = calibrations.active(networkId);
        if (calibration.isEmpty()) {
            return Optional.empty();
        }
        List<Long> windows = answers.wave(networkId, windowName).stream().map(Answers.WaveWindow::id).toList();
        String key = networkId + "|" + windowName + "|" + calibration.get().id() + "|" + answers.responses(windows);
        return Optional.of(cache.get(key, k -> compute(networkId, windowName, calibration.get(), windows)));
    }

    /** Forgets cached results (after a new calibration). */
    public void forget() {
        cache.invalidateAll();
    }

    private record Invitations(Map<String, Integer> byGroup) {
        int get(String key) {
            return byGroup.getOrDefault(key, 0);
        }
    }

    private Wave compute(long networkId, String windowName, Calibrated calibration, List<Long> windows) {
        List<AnswerRow> rows = answers.of(windows);
        Map<Long, Long> classSchool = new HashMap<>();
        Map<Long, Long> teacherSchool = new HashMap<>();
        Map<Long, Set<Long>> classesOf = new HashMap<>();
        Map<Long, Long> teamOf = new HashMap<>();
        Map<Long, Long> teamSchool = new HashMap<>();
        jdbc.sql("""
                select s.id, t.id, t.school_id from staff s join team t on t.id = s.team_id
                where t.school_id in (select school_id from survey_window where id = any(?))""")
                .param(windows.toArray(Long[]::new)).query(rs -> {
                    teamOf.put(rs.getLong(1), rs.getLong(2));
                    teamSchool.put(rs.getLong(2), rs.getLong(3));
                });
        jdbc.sql("""
                select c.id, c.school_id, t.staff_id from class_group c left join teaching t on t.class_id = c.id
                where c.school_id in (select school_id from survey_window where id = any(?))""")
                .param(windows.toArray(Long[]::new)).query(rs -> {
                    classSchool.put(rs.getLong(1), rs.getLong(2));
                    long staff = rs.getLong(3);
                    if (!rs.wasNull()) {
                        teacherSchool.put(staff, rs.getLong(2));
                        classesOf.computeIfAbsent(staff, s -> new HashSet<>()).add(rs.getLong(1));
                    }
                });
        Map<String, Map<String, GroupResult>> out = new LinkedHashMap<>();
        for (Relationship relationship : Relationship.values()) {
            List<AnswerRow> relRows = rows.stream().filter(a -> bank.item(a.item()).map(i -> i.relationship() == relationship).orElse(false)).toList();
            Invitations invited = invitations(windows, relationship, classesOf, teamOf);
            Map<String, Set<String>> groups = groups(relRows, relationship, teamOf);
            Map<String, Release> releases = privacy.release(
                    new PrivacyEngine.Scope(networkId, windowName, relationship.name()), groups);
            for (Scale scale : Scale.all(bank)) {
                if (scale.relationship() != relationship) {
                    continue;
                }
                ScaleFit fit = calibration.scale(scale);
                Map<String, UnitMeasure> units = new HashMap<>();
                if (fit != null) {
                    for (UnitMeasure u : Scoring.score(relRows, scale, bank, fit.items(), fit.categories(), fit.referenceMean(), fit.referenceSd())) {
                        units.put(u.member(), u);
                    }
                }
                Map<String, GroupResult> scaleResults = new LinkedHashMap<>();
                for (Map.Entry<String, Release> e : releases.entrySet()) {
                    scaleResults.put(e.getKey(), result(e.getKey(), e.getValue(), units, invited.get(e.getKey()), classSchool, teacherSchool,
                            teamSchool));
                }
                out.put(scale.key(), shrink(scaleResults));
            }
        }
        return new Wave(networkId, windowName, calibration, out);
    }

    /**
     * Canonical order: the network, schools, then classes or teachers and teams, so results never depend
     * on who looked first. A team's group is the blocks about its teachers.
     */
    private static Map<String, Set<String>> groups(List<AnswerRow> rows, Relationship relationship, Map<Long, Long> teamOf) {
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        groups.put("network", new HashSet<>());
        Map<String, Set<String>> schools = new java.util.TreeMap<>();
        Map<String, Set<String>> subgroups = new java.util.TreeMap<>();
        for (AnswerRow a : rows) {
            String member = a.member();
            groups.get("network").add(member);
            schools.computeIfAbsent("school:" + a.schoolId(), s -> new HashSet<>()).add(member);
            if (relationship.perTarget() && a.target() != null) {
                subgroups.computeIfAbsent("teacher:" + a.target(), s -> new HashSet<>()).add(member);
                Long team = teamOf.get(a.target());
                if (team != null) {
                    subgroups.computeIfAbsent("team:" + team, s -> new HashSet<>()).add(member);
                }
            } else if (relationship.respondent().perClass() && a.classId() != null) {
                subgroups.computeIfAbsent("class:" + a.classId(), s -> new HashSet<>()).add(member);
            }
        }
        groups.putAll(schools);
        groups.putAll(subgroups);
        return groups;
    }

    private Invitations invitations(List<Long> windows, Relationship relationship, Map<Long, Set<Long>> classesOf,
                                    Map<Long, Long> teamOf) {
        Map<String, Integer> byGroup = new HashMap<>();
        Map<Long, Integer> byClass = new HashMap<>();
        jdbc.sql("""
                select w.school_id, ac.class_id, count(*) from access_code ac join survey_window w on w.id = ac.window_id
                where ac.window_id = any(?) and ac.respondent_role = ? group by 1, 2""")
                .params(windows.toArray(Long[]::new), relationship.respondent().name()).query(rs -> {
                    int n = rs.getInt(3);
                    byGroup.merge("network", n, Integer::sum);
                    byGroup.merge("school:" + rs.getLong(1), n, Integer::sum);
                    long classId = rs.getLong(2);
                    if (!rs.wasNull()) {
                        byGroup.merge("class:" + classId, n, Integer::sum);
                        byClass.merge(classId, n, Integer::sum);
                    }
                });
        classesOf.forEach((teacher, classes) -> byGroup.put("teacher:" + teacher,
                classes.stream().mapToInt(c -> byClass.getOrDefault(c, 0)).sum()));
        // a team's pupils: everyone invited in a class one of its teachers teaches, counted once
        Map<Long, Set<Long>> teamClasses = new HashMap<>();
        teamOf.forEach((teacher, team) -> teamClasses.computeIfAbsent(team, t -> new HashSet<>())
                .addAll(classesOf.getOrDefault(teacher, Set.of())));
        teamClasses.forEach((team, classes) -> byGroup.put("team:" + team,
                classes.stream().mapToInt(c -> byClass.getOrDefault(c, 0)).sum()));
        return new Invitations(byGroup);
    }

    private GroupResult result(String key, Release release, Map<String, UnitMeasure> units, int invited,
                               Map<Long, Long> classSchool, Map<Long, Long> teacherSchool, Map<Long, Long> teamSchool) {
        GroupResult.Kind kind = key.equals("network") ? GroupResult.Kind.NETWORK
                : GroupResult.Kind.valueOf(key.substring(0, key.indexOf(':')).toUpperCase(java.util.Locale.ROOT));
        long owner = kind == GroupResult.Kind.NETWORK ? 0 : Long.parseLong(key.substring(key.indexOf(':') + 1));
        long school = switch (kind) {
            case NETWORK -> 0;
            case SCHOOL -> owner;
            case CLASS -> classSchool.getOrDefault(owner, 0L);
            case TEACHER -> teacherSchool.getOrDefault(owner, 0L);
            case TEAM -> teamSchool.getOrDefault(owner, 0L);
        };
        if (!release.shown()) {
            return new GroupResult(key, kind, owner, school, release.outcome(), 0, invited, null, null, null);
        }
        // a respondent with several blocks (a pupil about each teacher) counts once: their blocks' mean
        Map<UUID, List<UnitMeasure>> byRespondent = new LinkedHashMap<>();
        int[] counts = new int[Item.MAX_VALUE + 1];
        for (String member : release.members()) {
            UnitMeasure u = units.get(member);
            if (u != null) {
                byRespondent.computeIfAbsent(u.response(), r -> new ArrayList<>()).add(u);
                for (int v = 0; v < counts.length; v++) {
                    counts[v] += u.answerCounts()[v];
                }
            }
        }
        int n = byRespondent.size();
        if (n < privacy.minCellSize()) {
            return new GroupResult(key, kind, owner, school, Release.Outcome.TOO_FEW, 0, invited, null, null, null);
        }
        double[] measures = new double[n];
        double[] errors = new double[n];
        int[] distribution = new int[GroupResult.BANDS];
        int i = 0;
        for (List<UnitMeasure> blocks : byRespondent.values()) {
            double sum = 0;
            double error = 0;
            for (UnitMeasure u : blocks) {
                sum += u.points();
                error += u.standardError() * u.standardError();
            }
            measures[i] = sum / blocks.size();
            errors[i] = Math.sqrt(error) / blocks.size();
            distribution[GroupResult.band(measures[i++])]++;
        }
        GroupMeasure measure = GroupEstimator.of(measures, errors, Math.max(invited, n));
        return new GroupResult(key, kind, owner, school, release.outcome(), n, invited, measure, counts, distribution);
    }

    /** Classes, teachers and teams shrink towards their school, schools towards the network. */
    private static Map<String, GroupResult> shrink(Map<String, GroupResult> results) {
        Map<String, GroupResult> out = new LinkedHashMap<>(results);
        GroupResult network = results.get("network");
        if (network != null && network.shown()) {
            shrinkSiblings(out, results.values().stream().filter(g -> g.kind() == GroupResult.Kind.SCHOOL && g.shown()).toList(),
                    network.measure().mean());
        }
        for (GroupResult school : results.values()) {
            if (school.kind() != GroupResult.Kind.SCHOOL || !school.shown()) {
                continue;
            }
            for (GroupResult.Kind kind : List.of(GroupResult.Kind.CLASS, GroupResult.Kind.TEACHER, GroupResult.Kind.TEAM)) {
                shrinkSiblings(out, results.values().stream()
                        .filter(g -> g.kind() == kind && g.shown() && g.schoolId() == school.ownerId()).toList(),
                        school.measure().mean());
            }
        }
        return out;
    }

    private static void shrinkSiblings(Map<String, GroupResult> out, List<GroupResult> siblings, double parentMean) {
        List<GroupMeasure> shrunk = GroupEstimator.shrink(siblings.stream().map(GroupResult::measure).toList(), parentMean);
        for (int i = 0; i < siblings.size(); i++) {
            GroupResult g = siblings.get(i);
            out.put(g.key(), g.withMeasure(shrunk.get(i)));
        }
    }
}
