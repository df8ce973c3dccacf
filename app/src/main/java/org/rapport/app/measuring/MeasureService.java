package org.rapport.app.measuring;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.rapport.app.access.Codes;
import org.rapport.app.calibration.Calibrated;
import org.rapport.app.calibration.Calibrations;
import org.rapport.app.calibration.Scale;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.privacy.PrivacyEngine;
import org.rapport.app.privacy.Release;
import org.rapport.app.school.SchoolStructure;
import org.rapport.app.school.Schools;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Wave;
import org.rapport.app.window.Windows;
import org.rapport.measure.GroupEstimator;
import org.rapport.measure.GroupMeasure;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group measures of a survey wave (a network's windows of one name) on the anchored scales: the
 * network, each school, each class (pupils and parents), each teacher (pupils about them) and each
 * team, every group passed through the {@link PrivacyEngine} before anything about it is computed.
 */
/**
 * Group measures of a survey wave (a network's windows of one name) on the anchored scales: the
 * network, each school, each class (pupils and parents), each teacher (pupils about them) and each
 * team, every group passed through the {@link PrivacyEngine} before anything about it is computed.
 * Nothing here reads answers: each response is scored once ({@link Scorer}) and a wave's statistics
 * are kept per batch ({@link WaveState}), so a view after new answers adds only the new batch.
 */
@Service
public class MeasureService {
    private final Windows windows;
    private final Calibrations calibrations;
    private final Schools schools;
    private final Codes codes;
    private final PrivacyEngine privacy;
    private final Scales scales;
    private final Scorer scorer;
    private final ScoreRepository store;
    private final TransactionTemplate transaction;
    private final Cache<String, WaveState> states = Caffeine.newBuilder().maximumSize(32).expireAfterAccess(Duration.ofMinutes(30)).build();

    MeasureService(Windows windows, Calibrations calibrations, Schools schools, Codes codes, PrivacyEngine privacy,
                   Scales scales, Scorer scorer, ScoreRepository store, TransactionTemplate transaction) {
        this.windows = windows;
        this.calibrations = calibrations;
        this.schools = schools;
        this.codes = codes;
        this.privacy = privacy;
        this.scales = scales;
        this.scorer = scorer;
        this.store = store;
        this.transaction = transaction;
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
        SchoolStructure structure = schools.structure(wave.windows().stream().map(SurveyWindow::schoolId).distinct().toList());
        WaveState state = states.asMap().compute(networkId + "|" + windowName, (key, old) ->
                old != null && old.calibrationId == calibration.get().id() && old.windowIds.equals(wave.windowIds())
                        && old.structure.equals(structure) ? old : newState(calibration.get(), wave, structure));
        synchronized (state) {
            return Optional.of(transaction.execute(tx -> update(networkId, wave, calibration.get(), state)));
        }
    }

    /** Whether each of these responses was among the members shown up to {@code watermark} (for comments). */
    public Set<UUID> shownUpTo(Collection<UUID> responses, long watermark) {
        Set<UUID> out = new HashSet<>();
        store.batches(responses).forEach((response, batch) -> {
            if (batch <= watermark) {
                out.add(response);
            }
        });
        return out;
    }

    private WaveState newState(Calibrated calibration, Wave wave, SchoolStructure structure) {
        Map<Long, Long> schoolOfWindow = new HashMap<>();
        wave.windows().forEach(w -> schoolOfWindow.put(w.id(), w.schoolId()));
        return new WaveState(calibration.id(), wave.windowIds(), structure, schoolOfWindow, scales);
    }

    /** Stamps new responses into a batch, folds that batch in, and releases the groups afresh; the same results while nothing is new. */
    private WaveResults update(long networkId, Wave wave, Calibrated calibration, WaveState state) {
        store.lockWave(networkId, wave.name());
        long watermark = store.stamp(wave.windowIds());
        if (state.results != null && watermark <= state.watermark) {
            return state.results;
        }
        List<ScoreRepository.Scored> rows = store.scored(calibration.id(), wave.windowIds(), state.watermark, watermark);
        List<UUID> missing = rows.stream().filter(r -> r.blocks() == null).map(ScoreRepository.Scored::response).toList();
        Map<UUID, byte[]> added = missing.isEmpty() ? Map.of() : scorer.scoreMissing(calibration, missing);
        for (ScoreRepository.Scored r : rows) {
            byte[] blocks = r.blocks() != null ? r.blocks() : added.get(r.response());
            state.add(r.response(), r.windowId(), r.classId(), r.batch(), blocks == null ? List.of() : BlockScores.decode(blocks, scales));
        }
        state.seal();
        state.watermark = Math.max(state.watermark, watermark);
        state.results = release(networkId, wave, calibration, state);
        return state.results;
    }

    private WaveResults release(long networkId, Wave wave, Calibrated calibration, WaveState state) {
        Map<Long, Long> schoolOfWindow = state.schoolOfWindow;
        Map<Scale, Map<GroupKey, GroupResult>> out = new LinkedHashMap<>();
        for (Relationship relationship : Relationship.values()) {
            WaveState.Cells cells = state.cells(relationship);
            Map<GroupKey, Integer> invited = invitations(wave.windowIds(), schoolOfWindow, relationship, state.structure);
            // canonical order (network, schools, classes, teachers, teams), so results never depend on who looked first
            List<GroupKey> groups = new ArrayList<>(cells.groups.keySet());
            if (!groups.contains(GroupKey.NETWORK)) {
                groups.add(0, GroupKey.NETWORK);
            }
            Map<GroupKey, Release> releases = privacy.release(new PrivacyEngine.Scope(networkId, wave.name(), relationship.name()),
                    cells, state.watermark, groups);
            List<Scale> list = scales.of(relationship);
            for (int s = 0; s < list.size(); s++) {
                Map<GroupKey, GroupResult> scaleResults = new LinkedHashMap<>();
                for (Map.Entry<GroupKey, Release> e : releases.entrySet()) {
                    scaleResults.put(e.getKey(), result(e.getKey(), e.getValue(), cells, s, invited.getOrDefault(e.getKey(), 0)));
                }
                out.put(list.get(s), shrink(scaleResults));
            }
        }
        return new WaveResults(networkId, wave.name(), calibration, out);
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

    private GroupResult result(GroupKey key, Release release, WaveState.Cells cells, int scale, int invited) {
        long school = cells.schoolOf(key);
        if (!release.shown()) {
            return new GroupResult(key, school, release.outcome(), 0, invited, null, null, null, 0);
        }
        WaveState.GroupStats stats = cells.groups.get(key);
        WaveState.Sums sums = stats == null ? new WaveState.Sums() : stats.upTo(release.watermark(), cells.scaleCount())[scale];
        if (sums.n < privacy.minCellSize()) {
            return new GroupResult(key, school, Release.Outcome.TOO_FEW, 0, invited, null, null, null, 0);
        }
        GroupMeasure measure = GroupEstimator.ofSums(sums.n, sums.sum, sums.squares, sums.errorSquares, Math.max(invited, sums.n));
        return new GroupResult(key, school, release.outcome(), sums.n, invited, measure, sums.answers.clone(), sums.bands.clone(),
                release.watermark());
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
