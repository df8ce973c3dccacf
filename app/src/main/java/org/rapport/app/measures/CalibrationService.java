package org.rapport.app.measures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rapport.app.itembank.Item;
import org.rapport.app.itembank.ItemBank;
import org.rapport.app.itembank.Relationship;
import org.rapport.app.web.InvalidInputException;
import org.rapport.measure.Analysis;
import org.rapport.measure.ItemParameters;
import org.rapport.measure.MeasurementException;
import org.rapport.measure.Model;
import org.rapport.measure.ResponseMatrix;
import org.springframework.stereotype.Service;

/**
 * Calibrates every scale (PCM by conditional ML) on the pooled answers of a reference window across
 * a network, and checks later windows for item drift against it.
 */
@Service
public class CalibrationService {
    /** Drift tolerance in logits: an item's relative location may move this much before it is flagged. */
    public static final double DRIFT_TOLERANCE = 0.5;

    private final Answers answers;
    private final CalibrationStore store;
    private final ItemBank bank;
    private final MeasureService measures;

    public CalibrationService(Answers answers, CalibrationStore store, ItemBank bank, MeasureService measures) {
        this.answers = answers;
        this.store = store;
        this.bank = bank;
        this.measures = measures;
    }

    public long calibrate(long networkId, String windowName) {
        List<Long> windows = answers.wave(networkId, windowName).stream().filter(w -> w.status().equals("CLOSED"))
                .map(Answers.WaveWindow::id).toList();
        if (windows.isEmpty()) {
            throw new InvalidInputException("window", "there is no closed window called \"" + windowName
                    + "\" in this network: calibrate on a window once it has closed");
        }
        List<AnswerRow> rows = answers.of(windows);
        List<ScaleFit> fits = new ArrayList<>();
        Map<Relationship, ScaleFit> whole = new HashMap<>();
        for (Scale scale : Scale.all(bank)) {
            ScaleFit fit = fit(rows, scale);
            if (scale.isRelationship()) {
                whole.put(scale.relationship(), fit);
            } else if (!fit.calibrated() && whole.get(scale.relationship()).calibrated()) {
                fit = within(rows, scale, whole.get(scale.relationship()), fit.problem());
            }
            fits.add(fit);
        }
        long id = store.save(networkId, windowName, bank.version(), fits);
        measures.forget();
        return id;
    }

    /**
     * A facet too thinly answered to calibrate alone takes its items' parameters from its
     * relationship's calibration (the facet's items are part of that scale), with its own reference
     * mean and SD.
     */
    private ScaleFit within(List<AnswerRow> rows, Scale facet, ScaleFit relationship, String problem) {
        List<String> names = new ArrayList<>();
        List<double[]> thresholds = new ArrayList<>();
        List<double[]> errors = new ArrayList<>();
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
                categories.add(relationship.categories()[i]);
            }
        }
        ItemParameters items = new ItemParameters(names, thresholds.toArray(double[][]::new));
        int[][] cats = categories.toArray(int[][]::new);
        Reference ref = reference(rows, facet, items, cats);
        return new ScaleFit(facet, true, "calibrated within " + relationship.scale().key() + " (alone: " + problem + ")",
                ref.blocks(), ref.mean(), ref.sd(), relationship.reliability(), items, errors.toArray(double[][]::new), cats);
    }

    private record Reference(double mean, double sd, int blocks) {
    }

    /** Mean and SD in logits of the reference blocks' WLEs (scored with mean 0 and SD 10, so points − 50 are logits). */
    private Reference reference(List<AnswerRow> rows, Scale scale, ItemParameters items, int[][] categories) {
        double[] logits = Scoring.score(rows, scale, bank, items, categories, 0, 10).stream().mapToDouble(u -> u.points() - 50).toArray();
        double mean = java.util.Arrays.stream(logits).average().orElse(0);
        double variance = java.util.Arrays.stream(logits).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, logits.length - 1);
        return new Reference(mean, Math.sqrt(variance), logits.length);
    }

    ScaleFit fit(List<AnswerRow> rows, Scale scale) {
        ResponseMatrix raw = observedColumns(Scoring.calibrationMatrix(rows, scale, bank));
        int[][] categories = mergeUnusedCategories(raw);
        ResponseMatrix matrix = recode(raw, categories);
        if (matrix.items() < 2 || matrix.persons() < 10) {
            return failed(scale, matrix.persons(), "too few answers to calibrate (" + matrix.persons() + " rows, "
                    + matrix.items() + " items answered)");
        }
        try {
            Analysis analysis = Analysis.run(matrix, Model.PCM);
            Reference ref = reference(rows, scale, analysis.calibration().items(), categories);
            if (!(ref.sd() > 0)) {
                return failed(scale, matrix.persons(), "the measures do not vary");
            }
            return new ScaleFit(scale, true, null, matrix.persons(), ref.mean(), ref.sd(),
                    analysis.separationReliability(), analysis.calibration().items(), analysis.calibration().standardErrors(),
                    categories);
        } catch (MeasurementException e) {
            return failed(scale, matrix.persons(), e.getMessage());
        }
    }

    private static ScaleFit failed(Scale scale, int persons, String problem) {
        return new ScaleFit(scale, false, problem, persons, Double.NaN, Double.NaN, Double.NaN, null, null, null);
    }

    /**
     * Per item, answer value → model category, merging each value nobody chose in the reference (or only
     * respondents with a zero or full score, who carry no information on it) into the next used value
     * below it (or, at the bottom, above it), so that every category is observed as conditional ML
     * needs (Linacre 2002, category collapsing). Merging can give more rows a zero or full score, so
     * it repeats until nothing changes.
     */
    static int[][] mergeUnusedCategories(ResponseMatrix m) {
        int[][] categories = new int[m.items()][Item.MAX_VALUE + 1];
        for (int[] item : categories) {
            for (int x = 0; x < item.length; x++) {
                item[x] = x;
            }
        }
        for (int round = 0; round < 4 * (Item.MAX_VALUE + 1); round++) {
            int[][] next = mergeOnce(m, categories);
            if (java.util.Arrays.deepEquals(next, categories)) {
                break;
            }
            categories = next;
        }
        return categories;
    }

    private static int[][] mergeOnce(ResponseMatrix m, int[][] categories) {
        int[] top = new int[m.items()];
        for (int v = 0; v < m.persons(); v++) {
            for (int i = 0; i < m.items(); i++) {
                int x = m.get(v, i);
                if (x != ResponseMatrix.MISSING) {
                    top[i] = Math.max(top[i], categories[i][x]);
                }
            }
        }
        // a row with a zero or full score (under the present merging) carries nothing on any category
        boolean[] informative = new boolean[m.persons()];
        for (int v = 0; v < m.persons(); v++) {
            boolean allLowest = true;
            boolean allHighest = true;
            int answered = 0;
            for (int i = 0; i < m.items(); i++) {
                int x = m.get(v, i);
                if (x != ResponseMatrix.MISSING) {
                    allLowest &= categories[i][x] == 0;
                    allHighest &= categories[i][x] == top[i];
                    answered++;
                }
            }
            informative[v] = answered > 1 && !allLowest && !allHighest;
        }
        int[][] out = new int[m.items()][];
        for (int i = 0; i < m.items(); i++) {
            boolean[] used = new boolean[Item.MAX_VALUE + 1];
            for (int v = 0; v < m.persons(); v++) {
                int x = m.get(v, i);
                if (x != ResponseMatrix.MISSING && informative[v]) {
                    used[x] = true;
                }
            }
            out[i] = new int[used.length];
            int category = -1;
            for (int x = 0; x < used.length; x++) {
                if (used[x]) {
                    category++;
                }
                out[i][x] = Math.max(category, 0);
            }
        }
        return out;
    }

    private static ResponseMatrix recode(ResponseMatrix m, int[][] categories) {
        int[][] rows = new int[m.persons()][m.items()];
        for (int v = 0; v < m.persons(); v++) {
            for (int i = 0; i < m.items(); i++) {
                int x = m.get(v, i);
                rows[v][i] = x == ResponseMatrix.MISSING ? ResponseMatrix.MISSING : categories[i][x];
            }
        }
        return ResponseMatrix.of(m.itemNames(), rows);
    }

    /** Drops items nobody answered (the bank may hold more than were asked). */
    private static ResponseMatrix observedColumns(ResponseMatrix m) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < m.items(); i++) {
            for (int v = 0; v < m.persons(); v++) {
                if (m.get(v, i) != ResponseMatrix.MISSING) {
                    keep.add(i);
                    break;
                }
            }
        }
        int[][] rows = new int[m.persons()][keep.size()];
        for (int v = 0; v < m.persons(); v++) {
            for (int j = 0; j < keep.size(); j++) {
                rows[v][j] = m.get(v, keep.get(j));
            }
        }
        return ResponseMatrix.of(keep.stream().map(m.itemNames()::get).toList(), rows);
    }

    /** One item's relative location now against the reference; flagged beyond the tolerance and beyond chance. */
    public record Drift(String scale, String item, double reference, double now, double difference, double standardError,
                        boolean flagged) {

        Drift flag(boolean beyondChance) {
            return new Drift(scale, item, reference, now, difference, standardError,
                    beyondChance && Math.abs(difference) > DRIFT_TOLERANCE);
        }

        double z() {
            return Math.abs(difference) / standardError;
        }
    }

    /**
     * Re-calibrates each relationship freely on a later window and compares every item's location,
     * both centred on the items they share (so a general rise in trust is not drift).
     */
    public List<Drift> drift(long networkId, Calibrated reference, String windowName) {
        List<Long> windows = answers.wave(networkId, windowName).stream().map(Answers.WaveWindow::id).toList();
        List<AnswerRow> rows = answers.of(windows);
        List<Drift> out = new ArrayList<>();
        for (Relationship r : Relationship.values()) {
            Scale scale = new Scale(r, null);
            ScaleFit before = reference.scale(scale);
            if (before == null) {
                continue;
            }
            ScaleFit now = fit(rows, scale);
            if (!now.calibrated()) {
                continue;
            }
            out.addAll(unflagged(before, now));
        }
        return holm(out);
    }

    /** Items of both calibrations, each centred on the mean location of the items they share. */
    static List<Drift> compare(ScaleFit before, ScaleFit now) {
        return holm(unflagged(before, now));
    }

    private static List<Drift> unflagged(ScaleFit before, ScaleFit now) {
        Map<String, Integer> refIndex = new HashMap<>();
        for (int i = 0; i < before.items().items(); i++) {
            refIndex.put(before.items().itemNames().get(i), i);
        }
        List<int[]> common = new ArrayList<>();
        for (int i = 0; i < now.items().items(); i++) {
            Integer j = refIndex.get(now.items().itemNames().get(i));
            if (j != null) {
                common.add(new int[] {j, i});
            }
        }
        double refMean = common.stream().mapToDouble(c -> before.location(c[0])).average().orElse(0);
        double nowMean = common.stream().mapToDouble(c -> now.location(c[1])).average().orElse(0);
        List<Drift> out = new ArrayList<>();
        for (int[] c : common) {
            double a = before.location(c[0]) - refMean;
            double b = now.location(c[1]) - nowMean;
            double se = Math.hypot(before.locationError(c[0]), now.locationError(c[1]));
            double d = b - a;
            out.add(new Drift(now.scale().key(), now.items().itemNames().get(c[1]), a, b, d, se, false));
        }
        return out;
    }

    /**
     * Beyond chance across all the items checked at once, at a family-wise 5% (Holm 1979): the i-th
     * smallest p-value of m must be below 0.05/(m − i), stopping at the first that is not.
     */
    static List<Drift> holm(List<Drift> drifts) {
        List<Drift> byZ = new ArrayList<>(drifts);
        byZ.sort(java.util.Comparator.comparingDouble(Drift::z).reversed());
        java.util.Set<Drift> beyond = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        int m = byZ.size();
        for (int i = 0; i < m; i++) {
            double p = 2 * (1 - normalCdf(byZ.get(i).z()));
            if (p >= 0.05 / (m - i)) {
                break;
            }
            beyond.add(byZ.get(i));
        }
        return drifts.stream().map(d -> d.flag(beyond.contains(d))).toList();
    }

    // Abramowitz & Stegun 26.2.17: Φ(z) for z ≥ 0, error below 7.5e-8
    private static double normalCdf(double z) {
        double t = 1 / (1 + 0.2316419 * z);
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        return 1 - Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) * poly;
    }
}
