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
import java.util.function.Function;
import org.rapport.app.access.Codes;
import org.rapport.app.calibration.Calibrated;
import org.rapport.app.calibration.Calibrations;
import org.rapport.app.calibration.Scale;
import org.rapport.app.config.ReplicaReads;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.itembank.RespondentRole;
import org.rapport.app.privacy.GroupKey;
import org.rapport.app.response.ClassInWindow;
import org.rapport.app.response.Responses;
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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MeasureService.class);
    private final Windows windows;
    private final Calibrations calibrations;
    private final Schools schools;
    private final Codes codes;
    private final PrivacyEngine privacy;
    private final Scales scales;
    private final Scorer scorer;
    private final ScoreRepository store;
    private final TransactionTemplate transaction;
    private final TransactionTemplate closing;
    private final FrozenWaves frozen;
    private final GroupModels groupModels;
    private final Cache<String, WaveState> states = Caffeine.newBuilder().maximumSize(32).expireAfterAccess(Duration.ofMinutes(30)).build();
    /** Frozen waves never change: kept until evicted by size. */
    private final Cache<String, WaveResults> frozenResults = Caffeine.newBuilder().maximumSize(64).build();

    private final Responses responses;
    private final org.rapport.app.itembank.ItemBank bank;
    private final ReplicaReads replica;

    MeasureService(Windows windows, Calibrations calibrations, Schools schools, Codes codes, PrivacyEngine privacy,
                   Scales scales, Scorer scorer, ScoreRepository store, TransactionTemplate transaction, FrozenWaves frozen,
                   Responses responses, GroupModels groupModels, org.rapport.app.itembank.ItemBank bank, ReplicaReads replica) {
        this.bank = bank;
        this.replica = replica;
        this.responses = responses;
        this.groupModels = groupModels;
        this.frozen = frozen;
        this.windows = windows;
        this.calibrations = calibrations;
        this.schools = schools;
        this.codes = codes;
        this.privacy = privacy;
        this.scales = scales;
        this.scorer = scorer;
        this.store = store;
        this.transaction = transaction;
        this.closing = new TransactionTemplate(transaction.getTransactionManager());
        this.closing.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public int minCellSize() {
        return privacy.minCellSize();
    }

    /** The level of the fallback's interval, as every figure's. */
    public static final double FAVOURABLE_LEVEL = 0.90;

    /**
     * Where a scale could not be calibrated yet (a school alone in its network, with fewer answer sets than a calibration
     * needs), the school's share of favourable answers to it (the top two answers of five), with its 90% interval
     * ({@link org.rapport.measure.FavourableShare}): plainly a share of answers, not Rapport points. Only for a closed window
     * (no answer can arrive to move it, so nobody can tell one answer from the next) and from the privacy threshold of
     * respondents on; nothing else of the scale is shown for any smaller group, so no group can be taken from it. Empty
     * otherwise, and for a scale that is calibrated.
     */
    public Optional<org.rapport.measure.FavourableShare> favourable(long networkId, SurveyWindow window, Scale scale) {
        if (window.status() != SurveyWindow.Status.CLOSED || calibrations.active(networkId)
                .map(c -> c.scale(scale) != null).orElse(false)) {
            return Optional.empty();
        }
        Map<java.util.UUID, int[]> byRespondent = new java.util.LinkedHashMap<>();
        for (org.rapport.app.response.AnswerRow a : responses.answersToPool(List.of(window.id()))) {
            boolean in = bank.item(a.item()).map(scale::contains).orElse(false);
            if (in) {
                int[] counts = byRespondent.computeIfAbsent(a.response(), r -> new int[2]);
                counts[0] += a.value() >= org.rapport.app.itembank.Item.MAX_VALUE - 1 ? 1 : 0;
                counts[1]++;
            }
        }
        if (byRespondent.size() < Math.max(2, minCellSize())) {
            return Optional.empty();
        }
        int[] favourable = byRespondent.values().stream().mapToInt(c -> c[0]).toArray();
        int[] answered = byRespondent.values().stream().mapToInt(c -> c[1]).toArray();
        return Optional.of(org.rapport.measure.FavourableShare.of(favourable, answered, FAVOURABLE_LEVEL));
    }

    /** The wave's results, or empty when the network has no calibration yet; a frozen wave as it was frozen. */
    public Optional<WaveResults> wave(long networkId, String windowName) {
        return results(networkId, windowName, null);
    }

    /**
     * The wave's results; when there are any to compute, first marks {@code shownOf}'s windows as seen (a
     * frozen wave is read as it was kept: no window of it can be reopened anyway).
     */
    private Optional<WaveResults> results(long networkId, String windowName, Function<Wave, Collection<SurveyWindow>> shownOf) {
        Optional<WaveResults> kept = frozen(networkId, windowName);
        if (kept.isPresent()) {
            return kept;
        }
        Optional<Calibrated> calibration = calibrations.active(networkId);
        if (calibration.isEmpty()) {
            return Optional.empty();
        }
        Wave wave = windows.wave(networkId, windowName);
        if (shownOf != null) {
            // before the results are computed: a reopening at the same moment either comes first or is refused
            windows.resultsShown(shownOf.apply(wave));
        }
        SchoolStructure structure = schools.structure(wave.windows().stream().map(SurveyWindow::schoolId).distinct().toList(), wave.windowIds());
        WaveState state = states.asMap().compute(networkId + "|" + windowName, (key, old) ->
                old != null && old.calibrationId == calibration.get().id() && old.windowIds.equals(wave.windowIds())
                        && old.structure.equals(structure) ? old : newState(calibration.get(), wave, structure));
        synchronized (state) {
            // the batch closes in a short transaction of its own: submissions wait for it, never for the report
            long watermark = closing.execute(tx -> store.closeBatch(networkId, wave.name(), wave.windowIds()));
            return Optional.of(transaction.execute(tx -> update(networkId, wave, calibration.get(), state, watermark)));
        }
    }

    /**
     * The wave's results, to be shown to someone as results of {@code shownOf}'s schools: when there
     * are results to show, each of those windows that is closed is first marked as seen, after which it
     * can no longer be reopened (its readers would see them change). Every page and API that shows a
     * school's results asks here; the network's report passes every window of the round.
     */
    public Optional<WaveResults> show(long networkId, String windowName, Collection<SurveyWindow> shownOf) {
        return results(networkId, windowName, wave -> shownOf);
    }

    /** The wave's results shown as the network's: every school's window of the round counts as seen. */
    public Optional<WaveResults> showNetwork(long networkId, String windowName) {
        return results(networkId, windowName, Wave::windows);
    }

    /**
     * Whether the wave's results can be kept (frozen) now: already frozen, or measurable because the
     * network has an active calibration. Raw answers deleted before that would take the round with them.
     */
    public boolean measurable(long networkId, String windowName) {
        return frozen.isFrozen(networkId, windowName) || calibrations.active(networkId).isPresent();
    }

    /**
     * Keeps the wave's results as they are now, for good: from now on the wave is read as frozen and
     * nothing of it is released again, so no later number can be set beside an earlier one to
     * difference out answers that are then deleted. Call in the transaction that deletes them; a
     * wave that is already frozen, or was never measured (no calibration), is left as it is.
     */
    public void freeze(long networkId, String windowName) {
        if (frozen.isFrozen(networkId, windowName)) {
            return;
        }
        Optional<WaveResults> now = wave(networkId, windowName);
        now.ifPresent(w -> frozen.save(networkId, windowName, w.calibration().id(), w.results()));
        states.invalidate(networkId + "|" + windowName);
    }

    private Optional<WaveResults> frozen(long networkId, String windowName) {
        String key = networkId + "|" + windowName;
        WaveResults cached = frozenResults.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<WaveResults> loaded = frozen.load(networkId, windowName)
                .map(f -> new WaveResults(networkId, windowName, calibrations.get(f.calibrationId()), f.results()));
        // not from inside a transaction: one that freezes and then rolls back must leave nothing behind
        if (!org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()) {
            loaded.ifPresent(w -> frozenResults.put(key, w));
        }
        return loaded;
    }

    /**
     * The names of the network's frozen waves (raw answers deleted, results kept as shown) with a result of this
     * teacher: those results stay under the teacher they were measured for.
     */
    public List<String> frozenWavesAbout(long networkId, long teacherId) {
        return frozen.wavesAbout(networkId, teacherId);
    }

    /**
     * Forgets what was computed from these windows' answers, after the teacher they are about changed (two records
     * of one person merged): their stored scores, which name the teacher, are scored again on first use, and the
     * waves are rebuilt. Call in the transaction that moves the answers; holds each wave's reports until it ends,
     * so that no report folds the old scores meanwhile. Other instances rebuild a wave when its roster changes.
     */
    public void forget(long networkId, Collection<SurveyWindow> changed) {
        changed.stream().map(SurveyWindow::name).distinct().sorted().forEach(name -> store.lockReports(networkId, name));
        store.forgetScores(changed.stream().map(SurveyWindow::id).toList());
        changed.forEach(w -> states.invalidate(networkId + "|" + w.name()));
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
        return new WaveState(calibration.id(), wave.windowIds(), structure, schoolOfWindow, scales,
                scale -> groupModels.of(calibration, scale) != null);
    }

    /** Folds the batches closed since the state last looked in, and releases the groups afresh; the same results while nothing is new. */
    private WaveResults update(long networkId, Wave wave, Calibrated calibration, WaveState state, long watermark) {
        store.lockReports(networkId, wave.name());
        if (state.results != null && watermark <= state.watermark) {
            return state.results;
        }
        // every statement up to here was on the primary (the wave's lock held there until this transaction ends); the reads
        // of the new batches and of the codes issued go to the replica when it has replayed all the primary has written
        Fetched fetched = replica.read(() -> {
            List<ScoreRepository.Scored> scored = store.scored(calibration.id(), wave.windowIds(), state.watermark, watermark);
            return new Fetched(scored, scored.isEmpty() ? Set.of() : responses.fewParts(wave.windowIds()),
                    codes.invited(wave.windowIds()), codes.invitedPatterns(wave.windowIds()));
        });
        List<ScoreRepository.Scored> rows = fetched.rows();
        // scores never stored, or stored in an older version (without what the group model needs), are scored afresh
        List<UUID> missing = rows.stream().filter(r -> r.blocks() == null || !BlockScores.current(r.blocks()))
                .map(ScoreRepository.Scored::response).toList();
        Map<UUID, byte[]> added = missing.isEmpty() ? Map.of() : scorer.scoreMissing(calibration, missing);
        // a timetable class's answers about teachers count only from k parts on (docs/REPORTS.md): one pupil's five parts
        // would be a school's result, and a school's count of parts less the sets shown the hidden sets' total
        Set<ClassInWindow> fewParts = fetched.fewParts();
        for (ScoreRepository.Scored r : rows) {
            byte[] blocks = r.blocks() != null && BlockScores.current(r.blocks()) ? r.blocks() : added.get(r.response());
            List<BlockScores.Block> decoded = blocks == null ? List.of() : BlockScores.decode(blocks, scales);
            if (r.classId() != null && fewParts.contains(new ClassInWindow(r.windowId(), r.classId()))) {
                decoded = decoded.stream().filter(b -> b.relationship() != Relationship.PUPIL_TEACHER).toList();
            }
            state.add(r.response(), r.windowId(), r.classId(), r.batch(), decoded);
        }
        state.seal();
        state.watermark = Math.max(state.watermark, watermark);
        state.results = release(networkId, wave, calibration, state, fetched.issued(), fetched.patterns());
        return state.results;
    }

    /** What folding a wave's new batches reads, in one go (config.ReplicaReads: from the replica when it is up to date). */
    private record Fetched(List<ScoreRepository.Scored> rows, Set<ClassInWindow> fewParts, Map<RespondentRole, List<Codes.Invited>> issued,
                           List<Codes.PatternInvited> patterns) {
    }

    private WaveResults release(long networkId, Wave wave, Calibrated calibration, WaveState state,
                                Map<RespondentRole, List<Codes.Invited>> issued, List<Codes.PatternInvited> patterns) {
        Map<Long, Long> schoolOfWindow = state.schoolOfWindow;
        Map<Scale, Map<GroupKey, GroupResult>> out = new LinkedHashMap<>();
        for (Relationship relationship : Relationship.values()) {
            WaveState.Cells cells = state.cells(relationship);
            Map<GroupKey, Integer> invited = invitations(issued.getOrDefault(relationship.respondent(), List.of()), schoolOfWindow,
                    cells.classesAbout(), state.structure);
            if (relationship.respondent() == RespondentRole.PUPIL && !patterns.isEmpty()) {
                addPatterns(invited, patterns, relationship.perTarget(), schoolOfWindow, cells.classesAbout(), state.structure);
            }
            // canonical order (network, schools, classes, teachers, teams), so results never depend on who looked first
            List<GroupKey> groups = cells.groupsInOrder();
            if (!groups.contains(GroupKey.NETWORK)) {
                groups.add(0, GroupKey.NETWORK);
            }
            Map<GroupKey, Release> releases = privacy.release(new PrivacyEngine.Scope(networkId, wave.name(), relationship.name()),
                    cells, state.watermark, groups);
            List<Scale> list = scales.of(relationship);
            List<LazyResults> byScale = new ArrayList<>();
            for (int s = 0; s < list.size(); s++) {
                byScale.add(new LazyResults(state.estimates));
            }
            // a shown group's sums up to its watermark, once for all its scales
            Map<GroupKey, WaveState.Sums[]> totals = new LinkedHashMap<>();
            releases.forEach((key, release) -> {
                WaveState.GroupStats stats = cells.groups.get(key);
                if (release.shown() && stats != null) {
                    totals.put(key, stats.upTo(release.watermark(), cells.scaleCount()));
                }
            });
            for (int s = 0; s < list.size(); s++) {
                GroupModels.Model model = groupModels.of(calibration, list.get(s));
                Map<GroupKey.Kind, java.util.function.DoubleSupplier> typical = model == null ? Map.of()
                        : typicalSpreads(state, relationship, s, model, totals);
                for (Map.Entry<GroupKey, Release> e : releases.entrySet()) {
                    GroupKey key = e.getKey();
                    WaveState.Sums[] sums = totals.get(key);
                    result(byScale.get(s), key, e.getValue(), cells, sums == null ? null : sums[s], invited.getOrDefault(key, 0),
                            model, typical.getOrDefault(key.kind(), () -> Double.NaN), state, relationship.name() + "|" + s);
                }
            }
            for (int s = 0; s < list.size(); s++) {
                shrink(byScale.get(s));
                out.put(list.get(s), byScale.get(s));
            }
        }
        return new WaveResults(networkId, wave.name(), calibration, out);
    }

    /**
     * How many were invited to answer about each group: codes issued, per class; for a teacher, summed over
     * the classes whose pupils answered about them, and for a team over its teachers' (each class once).
     * A teacher's classes come from the responses, not from the roster at look time: the number invited
     * sets a result's standard error and so its shrinkage, and a head who moved a teacher's teaching
     * between two looks would otherwise move that one teacher's value in the spread.
     */
    private static Map<GroupKey, Integer> invitations(List<Codes.Invited> issued, Map<Long, Long> schoolOfWindow,
                                                      Map<Long, Set<Long>> classesAbout, SchoolStructure structure) {
        Map<GroupKey, Integer> byGroup = new HashMap<>();
        Map<Long, Integer> byClass = new HashMap<>();
        for (Codes.Invited i : issued) {
            byGroup.merge(GroupKey.NETWORK, i.codes(), Integer::sum);
            byGroup.merge(GroupKey.school(schoolOfWindow.get(i.windowId())), i.codes(), Integer::sum);
            if (i.classId() != null) {
                byGroup.merge(GroupKey.ofClass(i.classId()), i.codes(), Integer::sum);
                byClass.merge(i.classId(), i.codes(), Integer::sum);
            }
        }
        classesAbout.forEach((teacher, classes) -> byGroup.put(GroupKey.teacher(teacher),
                classes.stream().mapToInt(c -> byClass.getOrDefault(c, 0)).sum()));
        // a team's pupils: everyone invited in a class whose pupils answered about one of its teachers, counted once
        Map<Long, Set<Long>> teamClasses = new HashMap<>();
        structure.teamOf().forEach((teacher, team) -> teamClasses.computeIfAbsent(team, t -> new HashSet<>())
                .addAll(classesAbout.getOrDefault(teacher, Set.of())));
        teamClasses.forEach((team, classes) -> byGroup.put(GroupKey.team(team),
                classes.stream().mapToInt(c -> byClass.getOrDefault(c, 0)).sum()));
        return byGroup;
    }

    /**
     * Timetable pupils invited, from the pattern of each code (its pupils counted, never named): one pupil per code for
     * their home group and for a teacher of any of their classes; for the school, the network and a team on a
     * relationship about each teacher, one per class of the pattern (a pupil's answers about teachers come in one
     * part per class, each a respondent of its own, so that many could answer: the number invited never falls
     * below the number answering).
     */
    private static void addPatterns(Map<GroupKey, Integer> byGroup, List<Codes.PatternInvited> patterns, boolean perTarget,
                                    Map<Long, Long> schoolOfWindow, Map<Long, Set<Long>> classesAbout, SchoolStructure structure) {
        Map<Long, List<Codes.PatternInvited>> byClass = new HashMap<>();
        // who teaches each class: the roster's teaching, and whoever the class's pupils answered about (a roster changed
        // within the window); from the roster too, so that a class nobody has answered about yet still counts as asked
        Map<Long, Set<Long>> answeredIn = perTarget ? teachersByClass(structure.classesOf(), classesAbout) : Map.of();
        for (Codes.PatternInvited p : patterns) {
            int seats = perTarget ? p.codes() * partsAboutTeachers(p, answeredIn) : p.codes();
            byGroup.merge(GroupKey.NETWORK, seats, Integer::sum);
            byGroup.merge(GroupKey.school(schoolOfWindow.get(p.windowId())), seats, Integer::sum);
            if (!perTarget) {
                byGroup.merge(GroupKey.ofClass(p.homeClassId()), p.codes(), Integer::sum);
            }
            p.classIds().forEach(c -> byClass.computeIfAbsent(c, x -> new ArrayList<>()).add(p));
        }
        if (!perTarget) {
            return;
        }
        classesAbout.forEach((teacher, classes) -> {
            Set<Codes.PatternInvited> taught = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            classes.forEach(c -> taught.addAll(byClass.getOrDefault(c, List.of())));
            if (!taught.isEmpty()) {
                byGroup.merge(GroupKey.teacher(teacher), taught.stream().mapToInt(Codes.PatternInvited::codes).sum(), Integer::sum);
            }
        });
        Map<Long, Set<Long>> teamClasses = new HashMap<>();
        structure.teamOf().forEach((teacher, team) -> teamClasses.computeIfAbsent(team, t -> new HashSet<>())
                .addAll(classesAbout.getOrDefault(teacher, Set.of())));
        teamClasses.forEach((team, classes) -> {
            int seats = classes.stream().mapToInt(c -> byClass.getOrDefault(c, List.of()).stream().mapToInt(Codes.PatternInvited::codes).sum()).sum();
            if (seats > 0) {
                byGroup.merge(GroupKey.team(team), seats, Integer::sum);
            }
        });
    }

    /** The teachers of each class, from maps of each teacher's classes (the roster's, the responses'), together. */
    @SafeVarargs
    private static Map<Long, Set<Long>> teachersByClass(Map<Long, Set<Long>>... classesOfTeachers) {
        Map<Long, Set<Long>> out = new HashMap<>();
        for (Map<Long, Set<Long>> classesOf : classesOfTeachers) {
            classesOf.forEach((teacher, classes) -> classes.forEach(c -> out.computeIfAbsent(c, x -> new HashSet<>()).add(teacher)));
        }
        return out;
    }

    /**
     * How many of a pattern's classes carry a part with questions about teachers, counted as the survey plans them
     * (survey.Planner): the home group first, then the other classes, each teacher asked about once, in the first of
     * the pupil's classes they teach. A class whose every teacher is asked about in an earlier one carries none: its
     * seat is no invitation to answer about a teacher, and counting it made a school whose pupils all answered read
     * as if some had not.
     */
    static int partsAboutTeachers(Codes.PatternInvited pattern, Map<Long, Set<Long>> teachersIn) {
        List<Long> order = new ArrayList<>();
        order.add(pattern.homeClassId());
        pattern.classIds().stream().filter(c -> !c.equals(pattern.homeClassId())).forEach(order::add);
        Set<Long> asked = new HashSet<>();
        int parts = 0;
        for (Long c : order) {
            boolean any = false;
            for (Long teacher : teachersIn.getOrDefault(c, Set.of())) {
                any |= asked.add(teacher);
            }
            if (any) {
                parts++;
            }
        }
        return parts;
    }

    /**
     * The typical spread of the scale's groups of each kind (classes, teachers, …) among the shown ones, which the model
     * draws each group's spread towards: estimated when a group of the kind is first estimated, and again only when the
     * groups it is estimated on have new answers.
     */
    private Map<GroupKey.Kind, java.util.function.DoubleSupplier> typicalSpreads(WaveState state, Relationship relationship, int scale,
                                                                               GroupModels.Model model, Map<GroupKey, WaveState.Sums[]> totals) {
        Map<GroupKey.Kind, List<GroupKey>> byKind = new java.util.EnumMap<>(GroupKey.Kind.class);
        totals.keySet().forEach(k -> byKind.computeIfAbsent(k.kind(), x -> new ArrayList<>()).add(k));
        Map<GroupKey.Kind, java.util.function.DoubleSupplier> out = new java.util.EnumMap<>(GroupKey.Kind.class);
        byKind.forEach((kind, keys) -> {
            List<WaveState.Sums> usable = new ArrayList<>();
            List<GroupKey> usableKeys = new ArrayList<>();
            for (GroupKey k : keys) {
                WaveState.Sums sums = totals.get(k)[scale];
                // only groups shown on this scale: a group too few answered on it says nothing here
                if (GroupModels.Model.applies(sums) && sums.parts >= 2 && sums.n >= privacy.minCellSize()) {
                    usable.add(sums);
                    usableKeys.add(k);
                }
            }
            // on a sample spaced evenly through the groups (canonical order); what it rests on: each sampled group and its
            // number of parts (a group's answers only grow), so that it is estimated again only when they have new answers;
            // the sample's counts taken now, as released
            int take = Math.min(GroupModels.SPREAD_SAMPLE, usable.size());
            List<org.rapport.measure.ScoreCounts> sample = new ArrayList<>(take);
            List<Long> signature = new ArrayList<>(2 * take);
            for (int i = 0; i < take; i++) {
                int at = (int) ((long) i * usable.size() / take);
                sample.add(model.counts(usable.get(at)));
                signature.add(usableKeys.get(at).id());
                signature.add((long) usable.get(at).parts);
            }
            String key = relationship.name() + "|" + scale + "|" + kind;
            out.put(kind, () -> state.typicalSpread(key, signature, () -> {
                try {
                    return model.typicalSpread(sample);
                } catch (RuntimeException e) {
                    // no prior then: each group's spread its own answers' alone
                    LOG.warn("the group model could not estimate the typical spread of {} on scale {} of {}", kind, scale, relationship, e);
                    return Double.NaN;
                }
            }));
        });
        return out;
    }

    /**
     * A group's result on a scale into {@code into}: at once where it is hidden or averaged, deferred where the model
     * measures it (estimated when a page first asks for it, on the counts as released now).
     */
    private void result(LazyResults into, GroupKey key, Release release, WaveState.Cells cells, WaveState.Sums total, int invited,
                        GroupModels.Model model, java.util.function.DoubleSupplier typicalSpread, WaveState state, String scaleKey) {
        long school = cells.schoolOf(key);
        if (!release.shown()) {
            into.ready(new GroupResult(key, school, release.outcome(), 0, invited, null, null, null, 0));
            return;
        }
        WaveState.Sums sums = total == null ? new WaveState.Sums() : total;
        if (sums.n < privacy.minCellSize()) {
            into.ready(new GroupResult(key, school, Release.Outcome.TOO_FEW, 0, invited, null, null, null, 0));
            return;
        }
        // the model of the group's answers where every block's answered items are known; the mean of WLEs otherwise
        GroupMeasure averaged = GroupEstimator.ofSums(sums.n, sums.sum, sums.squares, sums.errorSquares, Math.max(invited, sums.n));
        int n = sums.n;
        int[] answers = sums.answers.clone();
        int[] bands = sums.bands.clone();
        if (model == null || !GroupModels.Model.applies(sums)) {
            into.ready(new GroupResult(key, school, release.outcome(), n, invited, averaged, answers, bands, release.watermark()));
            return;
        }
        GroupModels.Model.Group group = model.group(sums);
        into.deferred(key, school, () -> {
            double typical = typicalSpread.getAsDouble();
            GroupMeasure measure = state.measure(scaleKey + "|" + key, List.of((long) group.parts(), (long) n, (long) invited,
                    Double.doubleToLongBits(typical)), () -> {
                        try {
                            return model.measure(group, n, invited, typical);
                        } catch (RuntimeException e) {
                            // one group the model cannot measure must not take every report of the network with it; kept, so
                            // that it is not tried (and logged) again on every view while its answers stay the same
                            LOG.warn("the group model could not measure {} on {}; its averaged measures are shown", key, scaleKey, e);
                            return averaged;
                        }
                    });
            return new GroupResult(key, school, release.outcome(), n, invited, measure, answers, bands, release.watermark());
        });
    }

    /**
     * Classes, teachers and teams shrink towards their school, schools towards the network; only averaged measures, which
     * are known at once (a group the model measures is its own, and is not estimated here unless it is the parent of
     * averaged siblings).
     */
    private static void shrink(LazyResults results) {
        // averaged shown groups by school and kind, in one pass (a filter over every group per school would grow with schools²)
        Map<Long, Map<GroupKey.Kind, List<GroupResult>>> bySchool = new HashMap<>();
        List<GroupResult> schools = new ArrayList<>();
        for (GroupResult g : results.readyValues()) {
            if (!g.shown() || g.measure().lowerBound() != null) {
                continue;
            }
            if (g.kind() == GroupKey.Kind.SCHOOL) {
                schools.add(g);
            } else if (g.kind() != GroupKey.Kind.NETWORK) {
                bySchool.computeIfAbsent(g.schoolId(), x -> new java.util.EnumMap<>(GroupKey.Kind.class))
                        .computeIfAbsent(g.kind(), x -> new ArrayList<>()).add(g);
            }
        }
        // each school's own mean, taken before the schools themselves shrink towards the network
        Map<Long, Double> parentMeans = new HashMap<>();
        bySchool.keySet().forEach(school -> {
            GroupResult parent = results.get(GroupKey.school(school));
            if (parent != null && parent.shown()) {
                parentMeans.put(school, parent.measure().mean());
            }
        });
        if (!schools.isEmpty()) {
            GroupResult network = results.get(GroupKey.NETWORK);
            if (network != null && network.shown()) {
                shrinkSiblings(results, schools, network.measure().mean());
            }
        }
        parentMeans.forEach((school, mean) -> bySchool.get(school).values().forEach(siblings -> shrinkSiblings(results, siblings, mean)));
    }

    /** Averaged WLEs shrink towards their parent's mean (measures from the model of a group's answers are the group's own). */
    private static void shrinkSiblings(LazyResults out, List<GroupResult> siblings, double parentMean) {
        List<GroupMeasure> shrunk = GroupEstimator.shrink(siblings.stream().map(GroupResult::measure).toList(), parentMean);
        for (int i = 0; i < siblings.size(); i++) {
            out.ready(siblings.get(i).withMeasure(shrunk.get(i)));
        }
    }
}
