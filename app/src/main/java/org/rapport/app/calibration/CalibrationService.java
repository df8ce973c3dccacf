package org.rapport.app.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.response.AnswerRow;
import org.rapport.app.response.Responses;
import org.rapport.app.web.InvalidInputException;
import org.rapport.app.window.SurveyWindow;
import org.rapport.app.window.Windows;
import org.rapport.measure.Analysis;
import org.rapport.measure.AnswerPattern;
import org.rapport.measure.Calibration;
import org.rapport.measure.CategoryMerge;
import org.rapport.measure.CmlEstimator;
import org.rapport.measure.GroupLevelEstimator;
import org.rapport.measure.GroupReliability;
import org.rapport.measure.ItemDif;
import org.rapport.measure.ItemDrift;
import org.rapport.measure.ItemParameters;
import org.rapport.measure.MeasurementException;
import org.rapport.measure.Model;
import org.rapport.measure.ResponseMatrix;
import org.rapport.measure.ScoreCounts;
import org.rapport.measure.SufficientStatistics;
import org.springframework.stereotype.Service;

/**
 * Calibrates every scale (PCM by conditional ML) on the pooled answers of a reference window across
 * a network, and checks later windows for item drift against it.
 */
@Service
public class CalibrationService {
    /** Drift tolerance in logits: an item's relative location may move this much before it is flagged. */
    public static final double DRIFT_TOLERANCE = 0.5;
    /** Family-wise error rate of the drift check across all the items checked at once. */
    public static final double DRIFT_ALPHA = 0.05;
    /**
     * Differential item functioning between languages: an item is flagged when, calibrated on one
     * language's answers alone, its location differs from the reference language's beyond chance and its
     * expected answer by more than a quarter of its standard deviation (SMD/SD above 0.25: ETS's category C,
     * "moderate to large", for items of more than two answers; {@link ItemDif}).
     */
    public static final double DIF_EFFECT = ItemDif.CATEGORY_C;
    /** Family-wise error rate of the DIF check across every item, scale and language checked at once. */
    public static final double DIF_ALPHA = 0.05;
    /** The fewest answer sets of a language a scale is checked on. */
    public static final int DIF_MIN_ROWS = 30;
    /** The level of the model of a group's answers' intervals (as the reports' models have it). */
    public static final double MODEL_LEVEL = 0.90;
    /** The fewest rows and items a scale is calibrated on. */
    static final int MIN_ROWS = 10;
    static final int MIN_ITEMS = 2;

    private final Windows windows;
    private final Responses responses;
    private final CalibrationRepository store;
    private final ItemBank bank;

    private final org.springframework.context.ApplicationEventPublisher events;

    private final org.rapport.app.school.Schools schools;

    CalibrationService(Windows windows, Responses responses, CalibrationRepository store, ItemBank bank,
                       org.springframework.context.ApplicationEventPublisher events, org.rapport.app.school.Schools schools) {
        this.schools = schools;
        this.events = events;
        this.windows = windows;
        this.responses = responses;
        this.store = store;
        this.bank = bank;
    }

    /** Calibrates every scale on the network's closed windows called {@code windowName}; the new version becomes active. */
    public long calibrate(long networkId, String windowName) {
        List<SurveyWindow> closedWindows = windows.wave(networkId, windowName).windows().stream()
                .filter(w -> w.status() == SurveyWindow.Status.CLOSED).toList();
        List<Long> closed = closedWindows.stream().map(SurveyWindow::id).toList();
        if (closed.isEmpty()) {
            throw new InvalidInputException("window", "there is no closed window called \"" + windowName
                    + "\" in this network: calibrate on a window once it has closed");
        }
        // a calibration reads the round's answers and shows counts of them: like results, it settles the closed windows
        // (no reopening, whose answers would move those counts), and what waited for that (a timetable pupil's parts) is
        // stored before the answers are read
        StepTimes steps = new StepTimes("calibration of network " + networkId + " on " + windowName);
        windows.resultsShown(closedWindows);
        steps.lap("settle windows");
        AnswerBlocks rows = new AnswerBlocks(responses.answersToPool(closed));
        steps.lap("read answers");
        // each teacher's team when the window opened: the teams whose spread the reports' teams are judged by
        Map<Long, Long> teams = new HashMap<>(schools.teamsIn(closedWindows.stream().map(SurveyWindow::id).toList()));
        steps.lap("teams");
        Map<String, ReferenceModel> estimators = new java.util.concurrent.ConcurrentHashMap<>();
        List<ScaleFit> fits = fits(rows, teams, steps, estimators);
        long id = store.save(networkId, windowName, bank.version(), fits);
        steps.lap("save parameters");
        steps.log();
        events.publishEvent(new NewCalibration(networkId, id, Map.copyOf(estimators)));
        return id;
    }

    /** Every scale of the bank calibrated on these answers, in {@link Scale#all} order. */
    List<ScaleFit> fits(List<AnswerRow> rows, Map<Long, Long> teams) {
        return fits(new AnswerBlocks(rows), teams, new StepTimes("fits"), new java.util.concurrent.ConcurrentHashMap<>());
    }

    /**
     * Every scale's fit, the scales side by side on the machine's cores (each fit is on its own: the same result on
     * any thread), then each facet too thin to calibrate alone within its relationship. {@code estimators}: the model
     * of a group's answers each scale's reference level was found with, by scale key, its curves built.
     */
    private List<ScaleFit> fits(AnswerBlocks rows, Map<Long, Long> teams, StepTimes steps, Map<String, ReferenceModel> estimators) {
        List<Scale> all = Scale.all(bank);
        List<ScaleFit> fits = new ArrayList<>(all.parallelStream().map(scale -> {
            StepTimes own = new StepTimes("fit of " + scale.key());
            ScaleFit fit = fit(rows, scale, teams, own, estimators);
            steps.add(own);
            return fit;
        }).toList());
        steps.lap("fits, side by side");
        Map<Relationship, ScaleFit> whole = new HashMap<>();
        for (int s = 0; s < all.size(); s++) {
            Scale scale = all.get(s);
            ScaleFit fit = fits.get(s);
            if (scale.isRelationship()) {
                whole.put(scale.relationship(), fit);
            } else if (!fit.calibrated() && whole.get(scale.relationship()).calibrated()) {
                fits.set(s, within(rows, scale, whole.get(scale.relationship()), fit.problem(), teams, estimators));
                steps.lap("facets within their relationship");
            }
        }
        return fits;
    }

    /**
     * Published when a calibration becomes a network's active one, with the model of a group's answers its reference
     * levels were found with, by scale key (curves built for the answer sets the reference window met), for the
     * reports' models to start from.
     */
    public record NewCalibration(long networkId, long calibrationId, Map<String, ReferenceModel> estimators) {
    }

    /** The model of a group's answers a scale's reference level was found with, and the item parameters it is of. */
    public record ReferenceModel(ItemParameters items, GroupLevelEstimator estimator) {
        /** Whether it is the model of exactly these parameters (the same names and thresholds, to the last bit). */
        public boolean of(ItemParameters other) {
            if (!items.itemNames().equals(other.itemNames())) {
                return false;
            }
            for (int i = 0; i < items.items(); i++) {
                if (items.maxCategory(i) != other.maxCategory(i)) {
                    return false;
                }
                for (int k = 1; k <= items.maxCategory(i); k++) {
                    if (Double.doubleToLongBits(items.threshold(i, k)) != Double.doubleToLongBits(other.threshold(i, k))) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /**
     * A facet too thinly answered to calibrate alone takes its items' parameters from its
     * relationship's calibration (the facet's items are part of that scale), with its own reference
     * mean and SD.
     */
    private ScaleFit within(AnswerBlocks rows, Scale facet, ScaleFit relationship, String problem, Map<Long, Long> teams,
                            Map<String, ReferenceModel> estimators) {
        List<String> names = new ArrayList<>();
        List<double[]> thresholds = new ArrayList<>();
        List<double[]> errors = new ArrayList<>();
        List<Double> locationErrors = new ArrayList<>();
        List<int[]> categories = new ArrayList<>();
        for (int i = 0; i < relationship.items().items(); i++) {
            String item = relationship.items().itemNames().get(i);
            if (bank.item(item).map(facet::contains).orElse(false)) {
                names.add(item);
                double[] t = new double[relationship.items().maxCategory(i)];
                for (int k = 1; k <= t.length; k++) {
                    t[k - 1] = relationship.items().threshold(i, k);
                }
                thresholds.add(t);
                errors.add(relationship.standardErrors()[i]);
                locationErrors.add(relationship.locationErrors()[i]);
                categories.add(relationship.categories()[i]);
            }
        }
        ItemParameters items = new ItemParameters(names, thresholds.toArray(double[][]::new));
        int[][] cats = categories.toArray(int[][]::new);
        Reference ref = reference(rows, facet, items, cats, teams, estimators);
        return new ScaleFit(facet, true, "calibrated within " + relationship.scale().key() + " (alone: " + problem + ")",
                ref.blocks(), ref.mean(), ref.sd(), ref.reliability(), items, errors.toArray(double[][]::new),
                locationErrors.stream().mapToDouble(Double::doubleValue).toArray(), cats, ref.byModel(), ref.groups());
    }

    private record Reference(double mean, double sd, int blocks, double reliability, boolean byModel,
                             Map<GroupKind, GroupReliability> groups) {
    }

    /**
     * Where Rapport points are fixed, from the reference blocks' WLEs (scored with mean 0 and SD 10, so points − 50 are
     * logits): the mean over respondents of their blocks' mean, as the network's result averages them (a pupil about
     * five teachers counts once, not five times), so that the reference window's network result is 50 where the
     * same respondents count; the SD over blocks, the unit a measure is made of; and the reliability of those block
     * measures, (variance − mean squared error) / variance, at least 0: the reliability of what the reports average,
     * not of the calibration's pooled rows (a pupil's items about several teachers pooled in one row measure the pupil,
     * and looked reliable where a block of one item about one teacher measures almost nothing).
     */
    private Reference reference(AnswerBlocks rows, Scale scale, ItemParameters items, int[][] categories, Map<Long, Long> teams,
                                Map<String, ReferenceModel> estimators) {
        List<UnitMeasure> units = rows.score(new Scoring.Anchored(scale, items, categories, 0, 10, bank));
        double[] logits = units.stream().mapToDouble(u -> u.points() - 50).toArray();
        Map<java.util.UUID, double[]> byRespondent = new java.util.LinkedHashMap<>();
        for (UnitMeasure u : units) {
            double[] sum = byRespondent.computeIfAbsent(u.response(), r -> new double[2]);
            sum[0] += u.points() - 50;
            sum[1]++;
        }
        boolean byModel = scale.measuredByModel(bank) && !units.isEmpty();
        GroupLevelEstimator model = byModel ? new GroupLevelEstimator(items, MODEL_LEVEL) : null;
        if (model != null) {
            estimators.put(scale.key(), new ReferenceModel(items, model));
        }
        double mean = byModel ? modelLevel(units, items, model)
                : byRespondent.values().stream().mapToDouble(s -> s[0] / s[1]).average().orElse(0);
        double blockMean = Arrays.stream(logits).average().orElse(0);
        double variance = Arrays.stream(logits).map(x -> (x - blockMean) * (x - blockMean)).sum() / Math.max(1, logits.length - 1);
        double error = units.stream().mapToDouble(u -> u.standardError() * u.standardError()).average().orElse(0);
        double reliability = variance > 0 ? Math.max(0, (variance - error) / variance) : 0;
        // the reports judge parts only: a whole relationship counts every part's answers and is never withheld
        return new Reference(mean, Math.sqrt(variance), logits.length, reliability, byModel,
                scale.isRelationship() ? Map.of() : groupReliability(units, teams));
    }

    /**
     * How much the reference window's schools, classes and teachers differ on the scale ({@link GroupReliability}, in
     * logits), measured on what their results are made of: a school's and a class's on each respondent's mean over
     * their blocks (a pupil about five teachers counts once, as the reports count them; a timetable pupil once in each
     * class), a teacher's on the blocks about them, a team's on each respondent's mean over their blocks about the team's
     * teachers ({@code teams}: each teacher's team). A kind with fewer than {@link GroupReliability#MIN_GROUPS} groups of two
     * members has none.
     */
    static Map<GroupKind, GroupReliability> groupReliability(List<UnitMeasure> units, Map<Long, Long> teams) {
        record Member(java.util.UUID response, long group) {
        }
        Map<GroupKind, Map<Member, double[]>> members = new java.util.EnumMap<>(GroupKind.class);
        for (UnitMeasure u : units) {
            double logit = u.points() - 50;
            add(members, GroupKind.SCHOOL, new Member(u.response(), u.windowId()), logit);
            if (u.classId() != null) {
                add(members, GroupKind.CLASS, new Member(u.response(), u.classId()), logit);
            }
            if (u.target() != null) {
                add(members, GroupKind.TEACHER, new Member(u.response(), u.target()), logit);
                Long team = teams.get(u.target());
                if (team != null) {
                    add(members, GroupKind.TEAM, new Member(u.response(), team), logit);
                }
            }
        }
        Map<GroupKind, GroupReliability> out = new java.util.EnumMap<>(GroupKind.class);
        members.forEach((kind, byMember) -> {
            double[] values = byMember.values().stream().mapToDouble(s -> s[0] / s[1]).toArray();
            long[] groups = byMember.keySet().stream().mapToLong(Member::group).toArray();
            GroupReliability.estimate(values, groups).ifPresent(r -> out.put(kind, r));
        });
        return out;
    }

    private static <M> void add(Map<GroupKind, Map<M, double[]>> members, GroupKind kind, M member, double value) {
        double[] sum = members.computeIfAbsent(kind, k -> new java.util.LinkedHashMap<>()).computeIfAbsent(member, m -> new double[2]);
        sum[0] += value;
        sum[1]++;
    }

    /**
     * The level of the reference blocks' true measures by the model of their answers, as the reports measure a group on a
     * scale the model measures (a part of a relationship; every block a member, all of them answering): so that 50 is the
     * reference window's network level there too, where the mean of WLEs (of one item's top answer, say) is not.
     */
    static double modelLevel(List<UnitMeasure> units, ItemParameters items, GroupLevelEstimator model) {
        int[] maxCategories = items.maxCategories();
        Map<Long, AnswerPattern> patterns = new java.util.HashMap<>();
        ScoreCounts counts = new ScoreCounts();
        for (UnitMeasure u : units) {
            AnswerPattern pattern = patterns.computeIfAbsent(u.items(), mask -> AnswerPattern.ofMask(mask, maxCategories));
            counts.add(pattern, u.score());
        }
        return model.estimate(counts, counts.respondents()).estimate();
    }

    /** A free calibration of one scale on these answers, unused categories merged; failed with the reason when it cannot be. */
    ScaleFit fit(List<AnswerRow> rows, Scale scale) {
        return fit(new AnswerBlocks(rows), scale, Map.of(), new StepTimes("fit"), new HashMap<>());
    }

    private ScaleFit fit(AnswerBlocks rows, Scale scale, Map<Long, Long> teams, StepTimes steps, Map<String, ReferenceModel> estimators) {
        ResponseMatrix raw = rows.matrix(scale, bank).answeredItems();
        int[][] categories = CategoryMerge.unusedCategories(raw, Item.MAX_VALUE);
        ResponseMatrix matrix = CategoryMerge.recode(raw, categories);
        steps.lap("matrices");
        if (matrix.items() < MIN_ITEMS || matrix.persons() < MIN_ROWS) {
            return failed(scale, matrix.persons(), ScaleFit.TOO_FEW + " (" + matrix.persons() + " rows, "
                    + matrix.items() + " items answered)");
        }
        try {
            // the thresholds alone: no person measures or fit of the matrix's rows, which a calibration never kept
            Calibration calibration = CmlEstimator.calibrate(SufficientStatistics.of(matrix, Analysis.maxCategories(matrix, Model.PCM)),
                    Model.PCM);
            steps.lap("estimate");
            Reference ref = reference(rows, scale, calibration.items(), categories, teams, estimators);
            steps.lap("reference measures");
            if (!(ref.sd() > 0)) {
                return failed(scale, matrix.persons(), "the measures do not vary");
            }
            return new ScaleFit(scale, true, null, matrix.persons(), ref.mean(), ref.sd(),
                    ref.reliability(), calibration.items(), calibration.standardErrors(),
                    calibration.locationStandardErrors(), categories, ref.byModel(), ref.groups());
        } catch (MeasurementException e) {
            // an item "answered all alike" once values only people with the lowest or highest score used were merged (its
            // answers 0, 1, 1, 3, 3, 3, 4, 4, say) was not answered all alike: there were too few answers to tell its steps
            // apart, which is what the page must say (an outside check found "every answer is 0" for those answers)
            return failed(scale, matrix.persons(), merged(raw, categories) ? ScaleFit.TOO_FEW + " once thin answer values were merged ("
                    + matrix.persons() + " rows: " + e.getMessage() + ")" : e.getMessage());
        }
    }

    /** Whether merging put two answer values some respondent gave into one category of an item. */
    private static boolean merged(ResponseMatrix raw, int[][] categories) {
        for (int i = 0; i < raw.items(); i++) {
            java.util.Map<Integer, Integer> valueOf = new java.util.HashMap<>();
            for (int v = 0; v < raw.persons(); v++) {
                int x = raw.get(v, i);
                if (x != ResponseMatrix.MISSING) {
                    Integer before = valueOf.putIfAbsent(categories[i][x], x);
                    if (before != null && before != x) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static ScaleFit failed(Scale scale, int persons, String problem) {
        return new ScaleFit(scale, false, problem, persons, Double.NaN, Double.NaN, Double.NaN, null, null, null, null, false, Map.of());
    }

    /**
     * A free calibration of one scale on every answer of the network's wave {@code windowName}, as the drift check makes
     * it (unused categories merged, nothing stored): what a research export of the wave, calibrated by
     * {@code rapport-measure}, is compared with.
     */
    public ScaleFit freeCalibration(long networkId, String windowName, Scale scale) {
        return fit(responses.answersToPool(windows.wave(networkId, windowName).windowIds()), scale);
    }

    /** One item's relative location now against the reference; flagged beyond the tolerance and beyond chance. */
    public record Drift(String scale, String item, double reference, double now, double difference, double standardError,
                        boolean flagged) {
    }

    /**
     * Re-calibrates each relationship freely on a later window and compares every item's location,
     * both centred on the items they share and that did not move (so a general rise in trust is not
     * drift, and one item that moved far does not move the others); beyond chance is judged across every
     * item of every relationship at once.
     */
    public List<Drift> drift(long networkId, Calibrated reference, String windowName) {
        AnswerBlocks rows = new AnswerBlocks(responses.answersToPool(windows.wave(networkId, windowName).windowIds()));
        List<String> scales = new ArrayList<>();
        List<ItemDrift.Pair> pairs = new ArrayList<>();
        for (Relationship r : Relationship.values()) {
            Scale scale = new Scale(r, null);
            ScaleFit before = reference.scale(scale);
            if (before == null) {
                continue;
            }
            ScaleFit now = fit(rows, scale, Map.of(), new StepTimes("drift"), new HashMap<>());
            if (now.calibrated()) {
                scales.add(scale.key());
                pairs.add(new ItemDrift.Pair(before.locations(), now.locations()));
            }
        }
        List<List<ItemDrift.Comparison>> judged = ItemDrift.compare(pairs, DRIFT_TOLERANCE, DRIFT_ALPHA);
        List<Drift> out = new ArrayList<>();
        for (int i = 0; i < judged.size(); i++) {
            out.addAll(drifts(scales.get(i), judged.get(i)));
        }
        return out;
    }

    /** One item of one scale in one language against the reference language: centred locations, difference, flagged or not. */
    public record Dif(String scale, String item, String language, double reference, double location, double difference,
                      double standardError, double standardisedDifference, boolean flagged) {
    }

    /**
     * The DIF check of a wave: the reference language (the one most answered in), each item of each
     * relationship in every other language, and the relationships a language answered too thinly to
     * check (fewer than {@link #DIF_MIN_ROWS} answer sets, or not calibratable on their own).
     */
    public record DifCheck(String referenceLanguage, List<Dif> items, List<Unchecked> unchecked) {
    }

    /** A relationship not checked in a language, with how many answer sets it had (for the tests; never shown). */
    public record Unchecked(String language, String scale, int answerSets) {
    }

    /** Checks every item of the network's wave {@code windowName} for DIF between the languages it was answered in. */
    public DifCheck dif(long networkId, String windowName) {
        List<Long> ids = windows.wave(networkId, windowName).windowIds();
        Map<java.util.UUID, String> languages = responses.languages(ids);
        Map<String, List<AnswerRow>> byLanguage = new java.util.TreeMap<>();
        for (AnswerRow row : responses.answersToPool(ids)) {
            String language = languages.get(row.response());
            if (language != null) {
                byLanguage.computeIfAbsent(language, l -> new ArrayList<>()).add(row);
            }
        }
        return dif(byLanguage);
    }

    /**
     * Each language's answers calibrated freely on their own, relationship by relationship, and each
     * item's location, centred on the items both share and not flagged, compared with the reference
     * language's; judged beyond chance across everything compared at once (Holm), and large by SMD/SD.
     */
    DifCheck dif(Map<String, List<AnswerRow>> byLanguage) {
        String reference = byLanguage.entrySet().stream()
                .max(java.util.Comparator.comparingLong((Map.Entry<String, List<AnswerRow>> e) -> e.getValue().stream().map(AnswerRow::response).distinct().count())
                        .thenComparing(Map.Entry::getKey, java.util.Comparator.reverseOrder()))
                .map(Map.Entry::getKey).orElse(null);
        List<String> scales = new ArrayList<>();
        List<String> languageOf = new ArrayList<>();
        List<ItemDrift.Pair> pairs = new ArrayList<>();
        List<ItemDif.Sizes> sizes = new ArrayList<>();
        List<Unchecked> unchecked = new ArrayList<>();
        if (reference != null) {
            for (Relationship r : Relationship.values()) {
                Scale scale = new Scale(r, null);
                ResponseMatrix base = Scoring.calibrationMatrix(byLanguage.get(reference), scale, bank);
                if (base.persons() < MIN_ROWS) {
                    continue;
                }
                for (Map.Entry<String, List<AnswerRow>> other : byLanguage.entrySet()) {
                    if (other.getKey().equals(reference)) {
                        continue;
                    }
                    ResponseMatrix own = Scoring.calibrationMatrix(other.getValue(), scale, bank);
                    Optional<LanguageDif.Compared> compared = own.persons() < DIF_MIN_ROWS ? Optional.empty() : LanguageDif.compare(base, own);
                    if (compared.isEmpty()) {
                        if (own.persons() > 0) {
                            unchecked.add(new Unchecked(other.getKey(), scale.key(), own.persons()));
                        }
                        continue;
                    }
                    scales.add(scale.key());
                    languageOf.add(other.getKey());
                    pairs.add(compared.get().pair());
                    sizes.add(compared.get().sizes());
                }
            }
        }
        List<List<ItemDrift.Comparison>> judged = ItemDrift.compare(pairs,
                (pair, c) -> Math.abs(sizes.get(pair).of(c)) > DIF_EFFECT, DIF_ALPHA);
        List<Dif> items = new ArrayList<>();
        for (int i = 0; i < judged.size(); i++) {
            for (ItemDrift.Comparison c : judged.get(i)) {
                items.add(new Dif(scales.get(i), c.item(), languageOf.get(i), c.reference(), c.now(), c.difference(), c.standardError(),
                        sizes.get(i).of(c), c.flagged()));
            }
        }
        return new DifCheck(reference, items, unchecked);
    }

    /** Drift between two calibrations of one scale. */
    static List<Drift> compare(ScaleFit before, ScaleFit now) {
        return drifts(now.scale().key(), ItemDrift.compare(before.locations(), now.locations(), DRIFT_TOLERANCE, DRIFT_ALPHA));
    }

    private static List<Drift> drifts(String scale, List<ItemDrift.Comparison> comparisons) {
        return comparisons.stream()
                .map(c -> new Drift(scale, c.item(), c.reference(), c.now(), c.difference(), c.standardError(), c.flagged()))
                .toList();
    }
}
