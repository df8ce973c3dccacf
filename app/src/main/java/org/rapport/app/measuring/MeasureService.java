package org.rapport.app.measuring;

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
import java.util.TreeMap;
import java.util.UUID;
import org.rapport.app.access.Codes;
import org.rapport.app.calibration.Calibrated;
import org.rapport.app.calibration.Calibrations;
import org.rapport.app.calibration.Scale;
import org.rapport.app.calibration.ScaleFit;
import org.rapport.app.calibration.Scoring;
import org.rapport.app.calibration.UnitMeasure;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.privacy.Member;
import org.rapport.app.privacy.PrivacyEngine;
import org.rapport.app.privacy.Release;
import org.rapport.app.response.AnswerRow;
import org.rapport.app.response.Responses;
import org.rapport.app.school.SchoolStructure;
import org.rapport.app.school.Schools;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Wave;
import org.rapport.app.window.Windows;
import org.rapport.measure.GroupEstimator;
import org.rapport.measure.GroupMeasure;
import org.springframework.stereotype.Service;

/**
 * Group measures of a survey wave (a network's windows of one name) on the anchored scales: the
 * network, each school, each class (pupils and parents), each teacher (pupils about them) and each
 * team, every group passed through the {@link PrivacyEngine} before anything about it is computed.
 */
@Service
public class MeasureService {
    private final Windows windows;
    private final Responses responses;
    private final Calibrations calibrations;
    private final Schools schools;
    private final Codes codes;
    private final PrivacyEngine privacy;
    private final ItemBank bank;
    private final Cache<String, WaveResults> cache = Caffeine.newBuilder().maximumSize(64).expireAfterWrite(Duration.ofMinutes(10)).build();

    MeasureService(Windows windows, Responses responses, Calibrations calibrations, Schools schools, Codes codes,
                   PrivacyEngine privacy, ItemBank bank) {
        this.windows = windows;
        this.responses = responses;
        this.calibrations = calibrations;
        this.schools = schools;
        this.codes = codes;
        this.privacy = privacy;
        this.bank = bank;
    }

    public int minCellSize() {
        return privacy.minCellSize();
    }

    /** The wave's results, or empty when the network has no calibration yet. */
    public Optional<WaveResults> wave(long networkId, String windowName) {
        Optional<Calibrated> calibration = calibrations.active(networkId);
        if (calibration.isEmpty()) {
            return Optional.empty();
        }
        Wave wave = windows.wave(networkId, windowName);
        // a new calibration or a new answer makes a new key
        String key = networkId + "|" + windowName + "|" + calibration.get().id() + "|" + responses.count(wave.windowIds());
        return Optional.of(cache.get(key, k -> compute(networkId, wave, calibration.get())));
    }

    /** The member a block stands for in the privacy engine. */
    private static Member member(AnswerRow a) {
        return new Member(a.response(), a.target());
    }

    private WaveResults compute(long networkId, Wave wave, Calibrated calibration) {
        List<Long> windowIds = wave.windowIds();
        Map<Long, Long> schoolOfWindow = new HashMap<>();
        wave.windows().forEach(w -> schoolOfWindow.put(w.id(), w.schoolId()));
        List<AnswerRow> rows = responses.answers(windowIds);
        SchoolStructure structure = schools.structure(wave.windows().stream().map(SurveyWindow::schoolId).distinct().toList());
        Map<Scale, Map<GroupKey, GroupResult>> out = new LinkedHashMap<>();
        for (Relationship relationship : Relationship.values()) {
            List<AnswerRow> relRows = rows.stream().filter(a -> bank.item(a.item()).map(i -> i.relationship() == relationship).orElse(false)).toList();
            Map<GroupKey, Integer> invited = invitations(windowIds, schoolOfWindow, relationship, structure);
            Map<GroupKey, Set<Member>> groups = groups(relRows, relationship, schoolOfWindow, structure);
            Map<GroupKey, Release> releases = privacy.release(
                    new PrivacyEngine.Scope(networkId, wave.name(), relationship.name()), groups);
            for (Scale scale : Scale.all(bank)) {
                if (scale.relationship() != relationship) {
                    continue;
                }
                ScaleFit fit = calibration.scale(scale);
                Map<Member, UnitMeasure> units = new HashMap<>();
                if (fit != null) {
                    for (UnitMeasure u : Scoring.score(relRows, scale, bank, fit.items(), fit.categories(), fit.referenceMean(), fit.referenceSd())) {
                        units.put(new Member(u.response(), u.target()), u);
                    }
                }
                Map<GroupKey, GroupResult> scaleResults = new LinkedHashMap<>();
                for (Map.Entry<GroupKey, Release> e : releases.entrySet()) {
                    scaleResults.put(e.getKey(), result(e.getKey(), e.getValue(), units, invited.getOrDefault(e.getKey(), 0), structure));
                }
                out.put(scale, shrink(scaleResults));
            }
        }
        return new WaveResults(networkId, wave.name(), calibration, out);
    }

    /**
     * Canonical order: the network, schools, then classes, teachers and teams, so results never depend
     * on who looked first. A team's group is the blocks about its teachers.
     */
    private static Map<GroupKey, Set<Member>> groups(List<AnswerRow> rows, Relationship relationship, Map<Long, Long> schoolOfWindow,
                                                     SchoolStructure structure) {
        Map<GroupKey, Set<Member>> groups = new TreeMap<>();
        groups.put(GroupKey.NETWORK, new HashSet<>());
        for (AnswerRow a : rows) {
            Member member = member(a);
            groups.get(GroupKey.NETWORK).add(member);
            groups.computeIfAbsent(GroupKey.school(schoolOfWindow.get(a.windowId())), s -> new HashSet<>()).add(member);
            if (relationship.perTarget() && a.target() != null) {
                groups.computeIfAbsent(GroupKey.teacher(a.target()), s -> new HashSet<>()).add(member);
                Long team = structure.teamOf().get(a.target());
                if (team != null) {
                    groups.computeIfAbsent(GroupKey.team(team), s -> new HashSet<>()).add(member);
                }
            } else if (relationship.respondent().perClass() && a.classId() != null) {
                groups.computeIfAbsent(GroupKey.ofClass(a.classId()), s -> new HashSet<>()).add(member);
            }
        }
        return groups;
    }

    /** How many were invited to answer about each group: codes issued, per class, summed over a teacher's or team's classes. */
    private Map<GroupKey, Integer> invitations(List<Long> windowIds, Map<Long, Long> schoolOfWindow, Relationship relationship,
                                               SchoolStructure structure) {
        Map<GroupKey, Integer> byGroup = new HashMap<>();
        Map<Long, Integer> byClass = new HashMap<>();
        for (Codes.Invited i : codes.invited(windowIds, relationship.respondent())) {
            byGroup.merge(GroupKey.NETWORK, i.codes(), Integer::sum);
            byGroup.merge(GroupKey.school(schoolOfWindow.get(i.windowId())), i.codes(), Integer::sum);
            if (i.classId() != null) {
                byGroup.merge(GroupKey.ofClass(i.classId()), i.codes(), Integer::sum);
                byClass.merge(i.classId(), i.codes(), Integer::sum);
            }
        }
        structure.classesOf().forEach((teacher, classes) -> byGroup.put(GroupKey.teacher(teacher),
                classes.stream().mapToInt(c -> byClass.getOrDefault(c, 0)).sum()));
        // a team's pupils: everyone invited in a class one of its teachers teaches, counted once
        Map<Long, Set<Long>> teamClasses = new HashMap<>();
        structure.teamOf().forEach((teacher, team) -> teamClasses.computeIfAbsent(team, t -> new HashSet<>())
                .addAll(structure.classesOf().getOrDefault(teacher, Set.of())));
        teamClasses.forEach((team, classes) -> byGroup.put(GroupKey.team(team),
                classes.stream().mapToInt(c -> byClass.getOrDefault(c, 0)).sum()));
        return byGroup;
    }

    private GroupResult result(GroupKey key, Release release, Map<Member, UnitMeasure> units, int invited, SchoolStructure structure) {
        long school = switch (key.kind()) {
            case NETWORK -> 0;
            case SCHOOL -> key.id();
            case CLASS -> structure.classSchool().getOrDefault(key.id(), 0L);
            case TEACHER -> structure.teacherSchool().getOrDefault(key.id(), 0L);
            case TEAM -> structure.teamSchool().getOrDefault(key.id(), 0L);
        };
        if (!release.shown()) {
            return new GroupResult(key, school, release.outcome(), 0, invited, null, null, null);
        }
        // a respondent with several blocks (a pupil about each teacher) counts once: their blocks' mean
        Map<UUID, List<UnitMeasure>> byRespondent = new LinkedHashMap<>();
        int[] counts = new int[Item.MAX_VALUE + 1];
        for (Member member : release.members()) {
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
            return new GroupResult(key, school, Release.Outcome.TOO_FEW, 0, invited, null, null, null);
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
        return new GroupResult(key, school, release.outcome(), n, invited, measure, counts, distribution);
    }

    /** Classes, teachers and teams shrink towards their school, schools towards the network. */
    private static Map<GroupKey, GroupResult> shrink(Map<GroupKey, GroupResult> results) {
        Map<GroupKey, GroupResult> out = new LinkedHashMap<>(results);
        GroupResult network = results.get(GroupKey.NETWORK);
        if (network != null && network.shown()) {
            shrinkSiblings(out, results.values().stream().filter(g -> g.kind() == GroupKey.Kind.SCHOOL && g.shown()).toList(),
                    network.measure().mean());
        }
        for (GroupResult school : results.values()) {
            if (school.kind() != GroupKey.Kind.SCHOOL || !school.shown()) {
                continue;
            }
            for (GroupKey.Kind kind : List.of(GroupKey.Kind.CLASS, GroupKey.Kind.TEACHER, GroupKey.Kind.TEAM)) {
                shrinkSiblings(out, results.values().stream()
                        .filter(g -> g.kind() == kind && g.shown() && g.schoolId() == school.key().id()).toList(),
                        school.measure().mean());
            }
        }
        return out;
    }

    private static void shrinkSiblings(Map<GroupKey, GroupResult> out, List<GroupResult> siblings, double parentMean) {
        List<GroupMeasure> shrunk = GroupEstimator.shrink(siblings.stream().map(GroupResult::measure).toList(), parentMean);
        for (int i = 0; i < siblings.size(); i++) {
            GroupResult g = siblings.get(i);
            out.put(g.key(), g.withMeasure(shrunk.get(i)));
        }
    }
}
